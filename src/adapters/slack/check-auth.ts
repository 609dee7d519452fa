import { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import { boltLogger } from './bolt-logger.js';
import { StartupError } from '../../errors.js';

/** Slack cannot be started as configured; the message says what to fix. `serve` prints it and exits 1. */
export class SlackStartError extends StartupError {
  override name = 'SlackStartError';
}

/** Who the bot is in its workspace, from `auth.test`. */
export interface SlackIdentity {
  botUserId: string;
  botId: string;
  teamId?: string;
  team?: string;
}

/** Slack's default Web API base URL. */
export const SLACK_API_URL = 'https://slack.com/api/';

const TOKEN_FIXES: Record<string, string> = {
  invalid_auth: 'the token is not valid',
  not_authed: 'no token was sent',
  account_inactive: 'the app or its workspace was deactivated',
  token_revoked: 'the token was revoked',
  token_expired: 'the token has expired',
  not_allowed_token_type: 'this kind of token is not accepted',
};

/**
 * Checks the settings and the bot token before anything listens, with `auth.test` (one try, no
 * retries, `timeoutMs`): a missing variable, a bad token or an unreachable Web API throws a
 * SlackStartError that says how to fix it, never an unhandled rejection. Tokens never appear in
 * messages or logs.
 */
export async function checkSlackAuth(settings: { botToken?: string; signingSecret?: string; appToken?: string; apiUrl?: string }, options: { logger?: Logger; timeoutMs?: number } = {}): Promise<SlackIdentity> {
  const { botToken, signingSecret, appToken } = settings;
  const apiUrl = settings.apiUrl ?? SLACK_API_URL;
  if (!botToken) throw new SlackStartError('SLACK_BOT_TOKEN is not set. Copy the Bot User OAuth Token (xoxb-…) from your Slack app\'s "OAuth & Permissions" page into .env (see docs/slack.md).');
  if (!botToken.startsWith('xoxb-')) throw new SlackStartError('SLACK_BOT_TOKEN must be a bot token starting with xoxb- (from "OAuth & Permissions"); the value set is another kind of token.');
  if (appToken !== undefined && !appToken.startsWith('xapp-')) throw new SlackStartError('SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write); leave it empty to use HTTP mode.');
  if (!appToken && !signingSecret) throw new SlackStartError('SLACK_SIGNING_SECRET is not set. Copy the Signing Secret from your Slack app\'s "Basic Information" page into .env, or set SLACK_APP_TOKEN to use Socket Mode (see docs/slack.md).');
  const client = new webApi.WebClient(botToken, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    ...(options.logger ? { logger: boltLogger(options.logger) } : { logLevel: webApi.LogLevel.ERROR }),
  });
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (err) {
    throw new SlackStartError(describeFailure(err, apiUrl), { cause: err });
  }
  if (!result.user_id || !result.bot_id) throw new SlackStartError('SLACK_BOT_TOKEN belongs to a user, not to a bot: use the Bot User OAuth Token (xoxb-…).');
  return { botUserId: result.user_id, botId: result.bot_id, ...(result.team_id ? { teamId: result.team_id } : {}), ...(result.team ? { team: result.team } : {}) };
}

function describeFailure(err: unknown, apiUrl: string): string {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number; original?: Error; retryAfter?: number; message?: string };
  switch (e.code) {
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      const why = TOKEN_FIXES[code];
      return why
        ? `Slack refused SLACK_BOT_TOKEN (${code}: ${why}). Reinstall the app to your workspace and copy the Bot User OAuth Token (xoxb-…) from "OAuth & Permissions" into .env.`
        : `Slack's auth.test failed with "${code}". Check SLACK_BOT_TOKEN and the app's installation (see docs/slack.md).`;
    }
    case webApi.ErrorCode.RequestError:
      return `Cannot reach the Slack Web API at ${apiUrl} (${e.original?.message ?? e.message}). Check the network, proxy and SLACK_API_URL.`;
    case webApi.ErrorCode.HTTPError:
      return `The Slack Web API at ${apiUrl} answered HTTP ${e.statusCode} to auth.test. Check SLACK_API_URL (it must end in /api/).`;
    case webApi.ErrorCode.RateLimitedError:
      return `The Slack Web API at ${apiUrl} is rate limiting auth.test; try again in ${e.retryAfter ?? 60} seconds.`;
    default:
      return `Slack start-up check failed: ${e.message ?? String(err)}. Check SLACK_API_URL and SLACK_BOT_TOKEN.`;
  }
}
