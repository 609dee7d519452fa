import { TOPIC_ROBOT } from 'dingtalk-stream';
import type { App as PlanApp } from '../../app.js';
import type { Config } from '../../config/load-config.js';
import type { Logger } from '../../core/logger.js';
import { conversationQueue, handleRobotFrame } from './handle-robot-message.js';
import { checkCredentials, createOpenApi, DingTalkStartError, type OpenApiDeps } from './openapi.js';
import type { Pacer } from './pacer.js';
import { dingtalkPosters, type PostToDingTalk } from './post-to-dingtalk.js';
import { RecentIds } from '../../core/recent-ids.js';
import { postToSessionWebhook } from './session-webhook.js';
import { PlanBotStreamClient } from './stream-client.js';
import { superviseStream, type StreamSupervisor } from './stream-connection.js';

/** What `serve` hands over, and what tests may replace (the network edge, waits, the watchdog's patience). */
export interface StartDingTalkOptions {
  app: Pick<PlanApp, 'bot'>;
  config: Pick<Config, 'dingtalk'>;
  logger: Logger;
  fetch?: typeof fetch;
  /** OpenAPI retry waits and the like (see `OpenApiDeps`). */
  api?: Omit<OpenApiDeps, 'fetch'>;
  pacer?: Pacer;
  /** Silence after which the watchdog restarts the connection (default 90 s). */
  silenceMs?: number;
  backoffMs?: number;
}

/** A running DingTalk adapter. */
export interface DingTalkRuntime {
  robotCode: string;
  /** Posts a reply to `dingtalk:<openConversationId>` or `dingtalk:user:<staffId>`: hand it to the digest scheduler. */
  post: PostToDingTalk;
  /** Sends a reply to one person, `dingtalk:<staffId>` (reminders). */
  dm: PostToDingTalk;
  /** The supervised connection (reconnects, watchdog restarts). */
  stream: StreamSupervisor;
  /** Resolves when every message received so far has been answered (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the DingTalk adapter: checks the credentials by getting an access token from
 * DINGTALK_API_URL, then connects in Stream mode through DINGTALK_GATEWAY_URL with the official SDK,
 * subscribed to the robot topic. Throws a DingTalkStartError saying what to fix when the
 * credentials are refused or an endpoint cannot be reached.
 */
export async function startDingTalk(o: StartDingTalkOptions): Promise<DingTalkRuntime> {
  const { clientId, clientSecret, gatewayUrl, apiUrl } = o.config.dingtalk;
  if (!clientId || !clientSecret) throw new DingTalkStartError('DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET must both be set (the app\'s Client ID / AppKey and Client Secret / AppSecret; see docs/dingtalk.md).');
  const robotCode = o.config.dingtalk.robotCode ?? clientId;
  const log = o.logger.child({ adapter: 'dingtalk' });
  const doFetch = o.fetch ?? fetch;
  const api = createOpenApi({ clientId, clientSecret, apiUrl }, { ...o.api, fetch: doFetch });
  await checkCredentials(api, { apiUrl });
  const posters = dingtalkPosters({ api, robotCode, ...(o.pacer ? { pacer: o.pacer } : {}) });

  let supervisor: StreamSupervisor | null = null;
  const client = new PlanBotStreamClient({
    clientId,
    clientSecret,
    gatewayUrl,
    token: () => api.token(),
    fetch: doFetch,
    onLife: () => supervisor?.life(),
    onClose: (code) => supervisor?.closed(code),
    onDisconnectRequest: () => client.restart(),
    warn: (msg, err) => log.warn({ err }, msg),
  });
  const recent = new RecentIds(10 * 60 * 1000);
  const running = new Set<Promise<void>>();
  const inTurn = conversationQueue();
  client.registerCallbackListener(TOPIC_ROBOT, (frame) => {
    const job = handleRobotFrame(frame, {
      bot: o.app.bot,
      logger: log,
      ack: (messageId) => client.socketCallBackResponse(messageId, { status: 'SUCCESS' }),
      recent,
      answer: (webhook, messages) => postToSessionWebhook(webhook, messages, doFetch),
      fallback: (target, messages) => posters.send(target, messages),
      inTurn,
    }).catch((err) => log.error({ err }, 'a DingTalk message could not be handled'));
    running.add(job);
    void job.finally(() => running.delete(job));
  });
  supervisor = await superviseStream(client, { logger: log, ...(o.silenceMs ? { silenceMs: o.silenceMs } : {}), ...(o.backoffMs ? { backoffMs: o.backoffMs } : {}) }, { bind: (s) => (supervisor = s) });
  log.info({ robotCode }, 'DingTalk connected in Stream mode');
  const stream = supervisor;
  return {
    robotCode,
    post: posters.post,
    dm: posters.dm,
    stream,
    idle: async () => {
      while (running.size) await Promise.all([...running]);
    },
    stop: async () => {
      stream.stop();
      await Promise.all([...running]);
    },
  };
}

/**
 * Posters with an OpenAPI client of their own, for a one-off `plan-bot digest --post-due` or
 * `remind --due` outside `serve` (no Stream connection is needed to post).
 */
export function dingtalkOneOffPosters(config: Pick<Config, 'dingtalk'>, deps: { fetch?: typeof fetch } = {}): { post: PostToDingTalk; dm: PostToDingTalk } {
  const { clientId, clientSecret, apiUrl } = config.dingtalk;
  if (!clientId || !clientSecret) throw new DingTalkStartError('DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET must both be set to post to DingTalk.');
  const api = createOpenApi({ clientId, clientSecret, apiUrl }, deps);
  return dingtalkPosters({ api, robotCode: config.dingtalk.robotCode ?? clientId });
}
