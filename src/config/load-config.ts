import { z } from 'zod';
import { BUNDLED_PLANS_DIR, DEFAULT_PLAN_ID } from '../plan/load-plan.js';

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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional,
  SLACK_TEAM_ID: optional,
  SLACK_APP_ID: optional,
});

/** Everything plan-bot reads from its environment, validated. */
export type Config = {
  db: string;
  planId: string;
  plansDir: string;
  admins: string[];
  timeZone: string;
  /** When weekly digests are posted: a cron expression read in `timeZone`. */
  digestCron: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** `teamId`/`appId`: when set, Slack requests from another workspace or app are refused. */
  slack: { botToken?: string; signingSecret?: string; appToken?: string; apiUrl?: string; teamId?: string; appId?: string };
};

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
  return {
    db: e.PLANBOT_DB,
    planId: e.PLANBOT_PLAN,
    plansDir: e.PLANBOT_PLANS_DIR,
    admins: e.PLANBOT_ADMINS,
    timeZone: e.PLANBOT_TZ,
    digestCron: e.PLANBOT_DIGEST_CRON,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    slack: { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL, teamId: e.SLACK_TEAM_ID, appId: e.SLACK_APP_ID },
  };
}
