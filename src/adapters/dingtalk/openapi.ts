import { StartupError } from '../../errors.js';

/** DingTalk cannot be started as configured; the message says what to fix. `serve` prints it and exits 1. */
export class DingTalkStartError extends StartupError {
  override name = 'DingTalkStartError';
}

/** A DingTalk OpenAPI call that failed; `throttled` when the platform asked to slow down. */
export class DingTalkApiError extends Error {
  override name = 'DingTalkApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly throttled: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** The network and time an OpenAPI client uses; injected so tests run against local fakes without real waits. */
export interface OpenApiDeps {
  fetch?: typeof fetch;
  /** Wall-clock milliseconds (tokens expire in real time whatever clock the core is given). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** First wait after a throttled call (doubled each time, or the platform's Retry-After). Default 2 s. */
  retryBaseMs?: number;
  /** Tries of one call when throttled. Default 5. */
  attempts?: number;
  /** Milliseconds before a call is abandoned. Default 10 s. */
  timeoutMs?: number;
}

/** The app's credentials and where its OpenAPI lives (DINGTALK_API_URL, no trailing slash). */
export interface OpenApiSettings {
  clientId: string;
  clientSecret: string;
  apiUrl: string;
}

/** DingTalk's OpenAPI as plan-bot uses it: an app access token, and authenticated POSTs. */
export interface OpenApi {
  /** The app's access token, fetched once and refreshed `REFRESH_BEFORE_MS` before it expires. */
  token(): Promise<string>;
  /** POSTs JSON to `path` (under the API base) with the access token; retries when throttled. */
  post(path: string, body: unknown): Promise<unknown>;
}

/** A token is renewed this long before DingTalk says it expires (it lives 7,200 s). */
export const REFRESH_BEFORE_MS = 5 * 60 * 1000;

/** Error codes (new OpenAPI `code`, old `errcode`) DingTalk answers when a robot or app sends too fast. */
const THROTTLE_CODES = /throttl|qpslimit|flowcontrol|ratelimit|toomany|^130101$|^88$|^90018$/i;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An OpenAPI client: the access token comes from `POST {apiUrl}/v1.0/oauth2/accessToken` with the
 * app's key and secret (one request at a time, cached until shortly before expiry); a call answered
 * HTTP 429 or with a throttling code is retried after Retry-After or a doubling wait, up to
 * `attempts` tries; a call answered 401 is retried once with a fresh token.
 */
export function createOpenApi(settings: OpenApiSettings, deps: OpenApiDeps = {}): OpenApi {
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const attempts = deps.attempts ?? 5;
  const base = deps.retryBaseMs ?? 2000;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  let cached: { token: string; expiresAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  const request = async (path: string, body: unknown, token?: string): Promise<unknown> => {
    const url = `${settings.apiUrl}${path}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { 'x-acs-dingtalk-access-token': token } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new DingTalkApiError(`cannot reach DingTalk's OpenAPI at ${settings.apiUrl} (${(err as Error).message})`, 0, null, false);
    }
    const text = await res.text();
    let data: Record<string, unknown> = {};
    try {
      data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      data = {};
    }
    const code = typeof data.code === 'string' ? data.code : typeof data.errcode === 'number' && data.errcode !== 0 ? String(data.errcode) : null;
    if (res.ok && code === null) return data;
    const throttled = res.status === 429 || (code !== null && THROTTLE_CODES.test(code));
    const retryAfter = Number(res.headers.get('retry-after'));
    const message = String(data.message ?? data.errmsg ?? res.statusText ?? '');
    throw new DingTalkApiError(`DingTalk ${path} answered HTTP ${res.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`, res.status, code, throttled, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null);
  };

  const fetchToken = async (): Promise<string> => {
    const data = (await request('/v1.0/oauth2/accessToken', { appKey: settings.clientId, appSecret: settings.clientSecret })) as { accessToken?: unknown; expireIn?: unknown };
    if (typeof data.accessToken !== 'string' || !data.accessToken) throw new DingTalkApiError('DingTalk gave no access token', 200, null, false);
    const lifeMs = (typeof data.expireIn === 'number' && data.expireIn > 0 ? data.expireIn : 7200) * 1000;
    cached = { token: data.accessToken, expiresAt: now() + lifeMs };
    return data.accessToken;
  };

  const token = (): Promise<string> => {
    if (cached && now() < cached.expiresAt - REFRESH_BEFORE_MS) return Promise.resolve(cached.token);
    inFlight ??= fetchToken().finally(() => (inFlight = null));
    return inFlight;
  };

  return {
    token,
    async post(path, body) {
      let renewed = false;
      for (let attempt = 1; ; attempt++) {
        try {
          return await request(path, body, await token());
        } catch (err) {
          if (!(err instanceof DingTalkApiError)) throw err;
          if (err.status === 401 && !renewed) {
            renewed = true;
            cached = null;
            continue;
          }
          if (!err.throttled || attempt >= attempts) throw err;
          await sleep(err.retryAfterMs ?? base * 2 ** (attempt - 1));
        }
      }
    },
  };
}

/**
 * Checks the credentials at start-up by getting an access token, and turns a failure into a
 * DingTalkStartError saying what to fix (the secret never appears in it).
 */
export async function checkCredentials(api: OpenApi, settings: Pick<OpenApiSettings, 'apiUrl'>): Promise<void> {
  try {
    await api.token();
  } catch (err) {
    const e = err as DingTalkApiError;
    if (e.status === 0) throw new DingTalkStartError(`DingTalk: ${e.message}. Check the network, proxy and DINGTALK_API_URL.`, { cause: err });
    if (e.status === 400 || e.status === 401 || e.status === 403)
      throw new DingTalkStartError(`DingTalk refused the app's credentials (${e.message}). Copy the Client ID (AppKey) and Client Secret (AppSecret) of the app (DingTalk Developer Console → the app → Credentials) into DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (see docs/dingtalk.md).`, { cause: err });
    throw new DingTalkStartError(`DingTalk's token endpoint at ${settings.apiUrl} failed (${e.message ?? String(err)}). Check DINGTALK_API_URL (the OpenAPI base, such as https://api.dingtalk.com).`, { cause: err });
  }
}
