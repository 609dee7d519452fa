import { isIP } from 'node:net';
import { z } from 'zod';
import { join } from 'node:path';
import { BUNDLED_PLANS_DIR, DEFAULT_PLAN_ID } from '../plan/load-plan.js';
import { PACKAGE_ROOT } from '../package-root.js';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const timeZone = z
  .string()
  .default('Asia/Shanghai')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Shanghai or America/New_York');

const EnvSchema = z.object({
  PLANBOT_DB: z.string().min(1).default('data/state.json'),
  PLANBOT_DATABASE_URL: optional.refine((s) => s === undefined || /^postgres(ql)?:\/\/./.test(s), 'must be a PostgreSQL URL such as postgres://planbot:secret@db.example.org:5432/planbot, or unset to use the state file'),
  PLANBOT_CLAIM_TTL: z.coerce.number().int().min(1).max(86_400).default(300),
  PLANBOT_PLAN: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a plan id such as henan-2021').default(DEFAULT_PLAN_ID),
  PLANBOT_PLANS_DIR: z.string().min(1).default(BUNDLED_PLANS_DIR),
  PLANBOT_ADMINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)),
  PLANBOT_TZ: timeZone,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PLANBOT_DIGEST_CRON: z.string().min(1).default('0 9 * * 1'),
  PLANBOT_REPORT_DUE: z.string().trim().min(1).default('0 12 * * 5'),
  PLANBOT_WORKING_DAYS: z.string().trim().min(1).default('data/working-days.override.json'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional,
  PLANBOT_WEB_AUTH: optional.pipe(z.enum(['invite', 'proxy']).optional()),
  PLANBOT_WEB_SECRET: optional.refine((s) => s === undefined || s.length >= 32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`), or unset to use a generated file beside the state file'),
  PLANBOT_WEB_URL: optional.refine((s) => s === undefined || /^https?:\/\/[^/]+/.test(s), 'must be the address people open, such as https://plan.example.org/'),
  PLANBOT_WEB_AUTH_HEADER: z.string().trim().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name such as X-Forwarded-User').default('X-Forwarded-User'),
  PLANBOT_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .refine((list) => list.every((a) => isAddressOrSubnet(a)), 'must be comma-separated IP addresses or subnets, such as 127.0.0.1,10.0.0.0/8'),
  SLACK_TEAM_ID: optional,
  SLACK_APP_ID: optional,
  WECOM_BOT_ID: optional,
  WECOM_BOT_SECRET: optional,
  WECOM_WS_URL: optional.refine((s) => s === undefined || /^wss?:\/\/[^/]+/.test(s), 'must be a websocket address such as wss://openws.work.weixin.qq.com'),
  DINGTALK_CLIENT_ID: optional,
  DINGTALK_CLIENT_SECRET: optional,
  DINGTALK_ROBOT_CODE: optional,
  DINGTALK_GATEWAY_URL: optional.refine((s) => s === undefined || /^https?:\/\/[^/]+/.test(s), 'must be the full open-connection endpoint, such as https://api.dingtalk.com/v1.0/gateway/connections/open'),
  DINGTALK_API_URL: optional.refine((s) => s === undefined || /^https?:\/\/[^/]+/.test(s), 'must be the OpenAPI base URL, such as https://api.dingtalk.com'),
  PLANBOT_CACHE_DIR: optional,
});

/** DingTalk's public open-connection endpoint of Stream mode (DINGTALK_GATEWAY_URL's default). */
export const DINGTALK_GATEWAY_URL = 'https://api.dingtalk.com/v1.0/gateway/connections/open';
/** DingTalk's public OpenAPI base (DINGTALK_API_URL's default): access tokens and robot messages. */
export const DINGTALK_API_URL = 'https://api.dingtalk.com';

/** An IPv4/IPv6 address, or a subnet in CIDR form (`10.0.0.0/8`). */
function isAddressOrSubnet(s: string): boolean {
  const [address, bits, ...rest] = s.split('/');
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (isIP(address) === 4 ? 32 : 128);
}

/**
 * How web chat users are identified. `local`: the person at this machine picks a name (loopback
 * only, the embedded default); `invite`: one-time sign-in links issued by an admin; `proxy`: a
 * trusted reverse proxy names the user in a header.
 */
export type WebAuthMode = 'local' | 'invite' | 'proxy';

/** Everything plan-bot reads from its environment, validated. */
export type Config = {
  db: string;
  /** When set, the store lives in this PostgreSQL database instead of the state file (several replicas may share it). */
  databaseUrl?: string;
  /** How long a replica's claim on once-only work (a digest, a reminder) lasts before another may take it over, in ms. */
  claimTtlMs: number;
  planId: string;
  plansDir: string;
  admins: string[];
  timeZone: string;
  /** When weekly digests are posted: a cron expression read in `timeZone`. */
  digestCron: string;
  /** When reports are due each cycle: a cron expression read in `timeZone`, moved off days off. */
  reportDue: string;
  /** The working-days override file (holidays, adjusted working days, covered years); absent is fine. */
  workingDaysFile: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** `teamId`/`appId`: when set, Slack requests from another workspace or app are refused. */
  slack: { botToken?: string; signingSecret?: string; appToken?: string; apiUrl?: string; teamId?: string; appId?: string };
  /** WeCom AI bot (long connection): configured when both `botId` and `secret` are set; `wsUrl` absent means the public endpoint. */
  wecom: { botId?: string; secret?: string; wsUrl?: string };
  /**
   * DingTalk (Stream mode): the app's credentials, its robot (default: the client id, as for an
   * internal app's robot), the open-connection endpoint and the OpenAPI base (no trailing slash).
   */
  dingtalk: { clientId?: string; clientSecret?: string; robotCode?: string; gatewayUrl: string; apiUrl: string };
  /** Web chat sign-in: `local` only when HOST is loopback and PLANBOT_WEB_AUTH is unset. */
  web: {
    auth: WebAuthMode;
    /** Signs sessions and invite links; when unset, a generated file beside the state file. */
    secret?: string;
    /** The address people open (for invite links); defaults to the one the chat listens on. */
    publicUrl?: string;
    /** The header naming the user in proxy mode (lower case, as node reads headers). */
    authHeader: string;
    /** Addresses and subnets whose header is believed in proxy mode. */
    trustedProxies: string[];
  };
  /** Where built plans and search indexes are kept between runs (PLANBOT_CACHE_DIR); null: not kept. */
  cacheDir: string | null;
};

/** Where built plans and search indexes are kept unless PLANBOT_CACHE_DIR says otherwise. */
export const DEFAULT_CACHE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'plan-bot');

/** True for an interface only this machine can reach (127.0.0.1, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/.test(host);
}

/** A configuration variable that is missing or malformed; the message says which and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Builds the configuration from an injected environment (never the process's own), so that
 * tests and the CLI's flags can supply their own. Throws ConfigError naming each bad variable.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration; fix these variables (see .env.example):\n${lines.join('\n')}`);
  }
  const e = result.data;
  if (e.PLANBOT_WEB_AUTH === 'proxy' && e.PLANBOT_TRUSTED_PROXIES.length === 0) {
    throw new ConfigError('Invalid configuration; fix these variables (see .env.example):\n  - PLANBOT_TRUSTED_PROXIES: PLANBOT_WEB_AUTH=proxy needs the addresses of your reverse proxy, such as 127.0.0.1 (only they may name the user)');
  }
  return {
    db: e.PLANBOT_DB,
    databaseUrl: e.PLANBOT_DATABASE_URL,
    claimTtlMs: e.PLANBOT_CLAIM_TTL * 1000,
    planId: e.PLANBOT_PLAN,
    plansDir: e.PLANBOT_PLANS_DIR,
    admins: e.PLANBOT_ADMINS,
    timeZone: e.PLANBOT_TZ,
    digestCron: e.PLANBOT_DIGEST_CRON,
    reportDue: e.PLANBOT_REPORT_DUE,
    workingDaysFile: e.PLANBOT_WORKING_DAYS,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    slack: { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL, teamId: e.SLACK_TEAM_ID, appId: e.SLACK_APP_ID },
    wecom: { botId: e.WECOM_BOT_ID, secret: e.WECOM_BOT_SECRET, wsUrl: e.WECOM_WS_URL },
    dingtalk: {
      clientId: e.DINGTALK_CLIENT_ID,
      clientSecret: e.DINGTALK_CLIENT_SECRET,
      robotCode: e.DINGTALK_ROBOT_CODE ?? e.DINGTALK_CLIENT_ID,
      gatewayUrl: e.DINGTALK_GATEWAY_URL ?? DINGTALK_GATEWAY_URL,
      apiUrl: (e.DINGTALK_API_URL ?? DINGTALK_API_URL).replace(/\/+$/, ''),
    },
    web: {
      auth: e.PLANBOT_WEB_AUTH ?? (isLoopbackHost(e.HOST) ? 'local' : 'invite'),
      secret: e.PLANBOT_WEB_SECRET,
      publicUrl: e.PLANBOT_WEB_URL,
      authHeader: e.PLANBOT_WEB_AUTH_HEADER.toLowerCase(),
      trustedProxies: e.PLANBOT_TRUSTED_PROXIES,
    },
    cacheDir: e.PLANBOT_CACHE_DIR === 'off' ? null : (e.PLANBOT_CACHE_DIR ?? DEFAULT_CACHE_DIR),
  };
}
