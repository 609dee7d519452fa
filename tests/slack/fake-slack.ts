import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Slack received: a Web API method, or a post to a response_url. */
export interface Recorded {
  method: string;
  path: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  at: number;
  /** The body's bytes as received (a file's upload is binary). */
  bytes: Buffer;
}

type Answer = { status?: number; headers?: Record<string, string>; body?: unknown };

/**
 * A local stand-in for Slack's Web API (`/api/<method>`), for response URLs (`/response/<id>`) and for
 * the upload URLs `files.getUploadURLExternal` hands out (`/upload/<file id>`, recorded as method
 * `upload`): records every call and answers `{ok: true, …}` unless told otherwise with `answer()`.
 */
export interface FakeSlack {
  apiUrl: string;
  responseUrl(id?: string): string;
  calls: Recorded[];
  callsTo(method: string): Recorded[];
  /** Overrides the answer to a method (`n` counts calls from now, from 1); return undefined from `fn` for the default. */
  answer(method: string, fn: (call: Recorded, n: number) => Answer | undefined): void;
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<Recorded[]>;
  /** The post to `responseUrl(id)`, once it arrives. */
  waitForResponse(id: string, timeoutMs?: number): Promise<Recorded>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: Recorded[] = [];
  const overrides = new Map<string, (call: Recorded, n: number) => Answer | undefined>();
  const counts = new Map<string, number>();
  let ts = 1000;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });

  function handle(req: IncomingMessage, res: ServerResponse, bytes: Buffer) {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = url.pathname.startsWith('/response/') ? 'response_url' : url.pathname.startsWith('/upload/') ? 'upload' : url.pathname.replace(/^\/api\//, '');
    const isForm = !url.pathname.startsWith('/upload/');
    const call: Recorded = { method, path: url.pathname, body: isForm ? parseBody(bytes.toString('utf8'), req.headers['content-type']) : {}, headers: req.headers, at: Date.now(), bytes };
    calls.push(call);
    const n = (counts.get(method) ?? 0) + 1;
    counts.set(method, n);
    const answer = overrides.get(method)?.(call, n) ?? defaultAnswer(method, call, ++ts, base);
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body ?? { ok: true }));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = 'r1') => `${base}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    answer: (method, fn) => {
      overrides.set(method, fn);
      counts.set(method, 0);
    },
    async waitFor(method, count = 1, timeoutMs = 4000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        const found = calls.filter((c) => c.method === method);
        if (found.length >= count) return found;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`timed out waiting for ${count} × ${method}; got: ${calls.map((c) => c.method).join(', ') || 'nothing'}`);
    },
    async waitForResponse(id, timeoutMs = 4000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        const found = calls.find((c) => c.path === `/response/${id}`);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`timed out waiting for a post to response_url ${id}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function defaultAnswer(method: string, call: Recorded, ts: number, base: string): Answer {
  switch (method) {
    case 'files.getUploadURLExternal':
      return { body: { ok: true, upload_url: `${base}/upload/F${ts}`, file_id: `F${ts}` } };
    case 'files.completeUploadExternal':
      return { body: { ok: true, files: (Array.isArray(call.body.files) ? (call.body.files as { id: string; title?: string }[]) : []).map((f) => ({ id: f.id, title: f.title })) } };
    case 'upload':
      return { body: 'OK - 1' };
    case 'auth.test':
      return { body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test Team', url: 'https://test.slack.com/' } };
    case 'chat.postMessage':
      return { body: { ok: true, channel: call.body.channel, ts: `${ts}.000100`, message: {} } };
    case 'chat.postEphemeral':
      return { body: { ok: true, message_ts: `${ts}.000200` } };
    case 'views.open':
    case 'views.publish':
      return { body: { ok: true, view: { id: 'V1' } } };
    default:
      return { body: { ok: true } };
  }
}

/** Form or JSON bodies; form fields holding JSON (blocks, view) are parsed too. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:timestamp:body` with the signing secret. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Posts a body to the Slack endpoint, signed (or mis-signed) as the options say. */
export async function postSigned(
  url: string,
  secret: string,
  body: { form?: Record<string, string>; json?: unknown },
  opts: { timestamp?: number; badSignature?: boolean; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string; ms: number }> {
  const raw = body.form ? new URLSearchParams(body.form).toString() : JSON.stringify(body.json);
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = opts.badSignature ? sign('not-the-secret', timestamp, raw) : sign(secret, timestamp, raw);
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': body.form ? 'application/x-www-form-urlencoded' : 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...opts.headers,
    },
    body: raw,
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}
