import { WSClient, type Logger as SdkLogger, type WSClientOptions } from '@wecom/aibot-node-sdk';
import type { Bot } from '../../core/bot.js';
import type { Logger } from '../../core/logger.js';
import { LeftToServe } from '../../digest/left-to-serve.js';
import type { Config } from '../../config/load-config.js';
import { StartupError } from '../../errors.js';
import { inProcessLeadership, type Lease, type Leadership } from '../../store/leadership.js';
import { weComOutbox, type PostOptions, type PostReply } from './post-to-wecom.js';
import { errorInfo, weComListeners, type WeComListeners } from './wecom-listeners.js';

/** WeCom's public long-connection endpoint (the SDK's default). */
export const WECOM_WS_URL = 'wss://openws.work.weixin.qq.com';

/** The WeCom adapter could not start; the message says how to fix it. */
export class WeComStartError extends StartupError {
  override name = 'WeComStartError';
}

/** What `serve` hands over. */
export interface StartWeComOptions {
  bot: Bot;
  config: Pick<Config, 'wecom'>;
  logger: Logger;
  /** Who holds the one live connection among replicas; default: this process always leads. */
  leadership?: Leadership;
  /** How often a replica that does not lead asks again (default 30 s). */
  retryLeadershipMs?: number;
  /** How long to wait for WeCom to accept the connection at start (default 15 s). */
  connectTimeoutMs?: number;
  /** Passed to the SDK's client (heartbeat and reconnect intervals in tests). */
  clientOptions?: Partial<WSClientOptions>;
  /** See `WeComListenerDeps.ackWithinMs`. */
  ackWithinMs?: number;
  outbox?: PostOptions;
}

/** Whether this process holds the bot's connection. */
export type WeComState = 'connected' | 'reconnecting' | 'standby' | 'stopped';

/** A running WeCom adapter. */
export interface WeComRuntime {
  state(): WeComState;
  /** Posts a reply to `wecom:<chatid>` or `wecom:dm:<userid>`: hand it to the digest scheduler. */
  post: PostReply;
  /** Sends a reply to `wecom:<userid>` in their one-to-one chat: reminders. */
  dm: PostReply;
  stop(): Promise<void>;
}

/**
 * Starts the WeCom adapter: if this replica leads (`leadership.tryLead('wecom:<botId>')`), opens the
 * long connection with the SDK's `WSClient` (`WECOM_WS_URL`, default the public endpoint) and waits
 * until WeCom accepts the bot's credentials; a refused secret or an unreachable endpoint throws
 * WeComStartError saying what to fix, and nothing is left running. A replica that does not lead stands
 * by and asks again every `retryLeadershipMs`. Once connected, a dropped connection is re-opened by
 * the SDK (backing off up to 30 s, without limit); heartbeats are the SDK's (every 30 s).
 */
export async function startWeCom(o: StartWeComOptions): Promise<WeComRuntime> {
  const { botId, secret, wsUrl } = o.config.wecom;
  if (!botId || !secret) throw new WeComStartError('WeCom needs both WECOM_BOT_ID and WECOM_BOT_SECRET (see docs/wecom.md).');
  const log = o.logger.child({ adapter: 'wecom' });
  const leadership = o.leadership ?? inProcessLeadership();
  const url = wsUrl ?? WECOM_WS_URL;
  let client: WSClient | null = null;
  let listeners: WeComListeners | null = null;
  let lease: Lease | null = null;
  let state: WeComState = 'standby';
  let retry: NodeJS.Timeout | null = null;

  const send = (chatid: string, body: Parameters<WSClient['sendMessage']>[1]) => {
    // A standby replica leaves a digest or reminder to the replica holding the connection (not a failure, no warning).
    if (state === 'standby') return Promise.reject(new LeftToServe('WeCom is not connected here: another replica holds the bot’s connection and posts it'));
    if (!client || state !== 'connected') return Promise.reject(new Error('WeCom is not connected'));
    return client.sendMessage(chatid, body);
  };
  const outbox = weComOutbox(send, o.outbox);

  const connect = async (): Promise<void> => {
    const c = new WSClient({ botId, secret, ...(wsUrl ? { wsUrl } : {}), maxReconnectAttempts: -1, logger: sdkLogger(log), ...o.clientOptions });
    const l = weComListeners({ bot: o.bot, client: c, outbox, logger: log, ...(o.ackWithinMs !== undefined ? { ackWithinMs: o.ackWithinMs } : {}) });
    c.on('message', (frame) => l.onMessage(frame));
    c.on('event.template_card_event', (frame) => l.onCardEvent(frame));
    try {
      await firstConnection(c, url, o.connectTimeoutMs ?? 15_000);
    } catch (err) {
      c.removeAllListeners();
      c.disconnect();
      throw err;
    }
    client = c;
    listeners = l;
    state = 'connected';
    c.on('authenticated', () => {
      state = 'connected';
      log.info({ url }, 'WeCom connection re-established');
    });
    c.on('disconnected', (reason) => {
      if (state === 'stopped') return;
      state = 'reconnecting';
      log.warn({ reason }, 'WeCom connection dropped; reconnecting');
    });
    c.on('error', (err) => log.error({ err: errorInfo(err) }, `WeCom: ${describeFailure(err, url)}`));
    c.on('event.disconnected_event', () => {
      // WeCom keeps one connection per bot and closed ours for a newer one: reconnecting would only close that one in turn.
      state = 'stopped';
      log.error({ url }, 'WeCom closed this connection because another connection for the same bot was opened (another plan-bot replica or process with this WECOM_BOT_ID?). This process stays off WeCom: stop the other one, then restart this one.');
      releaseLease();
    });
  };

  // Giving the lease back is best effort: a failure is logged, never thrown into a timer or the SDK.
  const releaseLease = () => {
    const held = lease;
    lease = null;
    held?.release().catch((err: unknown) => log.warn({ err: errorInfo(err) }, 'WeCom: could not give up the connection lease'));
  };
  const stopRetrying = () => {
    if (retry) clearTimeout(retry);
    retry = null;
  };
  const standBy = () => {
    retry = setTimeout(async () => {
      retry = null;
      try {
        lease = await leadership.tryLead(leaseName(botId));
        if (lease) {
          await connect();
          log.info({ url }, 'WeCom connected: this replica now holds the bot’s connection');
          return;
        }
      } catch (err) {
        log.error({ err: errorInfo(err) }, `WeCom: ${(err as Error).message}`);
        releaseLease();
      }
      if (state === 'standby') standBy();
    }, o.retryLeadershipMs ?? 30_000);
    retry.unref();
  };

  lease = await leadership.tryLead(leaseName(botId));
  if (lease) {
    try {
      await connect();
    } catch (err) {
      await lease.release();
      throw err;
    }
    log.info({ url }, 'WeCom connected');
  } else {
    log.info({ url }, 'WeCom: another replica holds the bot’s connection; standing by');
    standBy();
  }

  return {
    state: () => state,
    post: outbox.post,
    dm: outbox.dm,
    async stop() {
      stopRetrying();
      state = 'stopped';
      if (client) {
        client.removeAllListeners();
        client.disconnect();
      }
      await listeners?.settle();
      await lease?.release();
      lease = null;
    },
  };
}

/** The lease that elects the replica holding a bot's connection. */
export function leaseName(botId: string): string {
  return `wecom:${botId}`;
}

/**
 * Resolves when WeCom accepts the credentials (`authenticated`); rejects with WeComStartError on the
 * first failure before that (an auth failure frame, a refused or unreachable endpoint) or after
 * `timeoutMs`.
 */
function firstConnection(c: WSClient, url: string, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      c.off('authenticated', onAuth);
      c.off('error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onAuth = () => done();
    const onError = (err: Error) => done(new WeComStartError(describeFailure(err, url), { cause: err }));
    const timer = setTimeout(() => done(new WeComStartError(`WeCom did not accept the connection to ${url} within ${Math.round(timeoutMs / 1000)} s. Check WECOM_WS_URL, the network and any proxy, and that the bot uses long-connection mode (使用长连接).`)), timeoutMs);
    c.on('authenticated', onAuth);
    c.on('error', onError);
    c.connect();
  });
}

/** A connection failure in words that say what to fix. */
export function describeFailure(err: unknown, url: string): string {
  const message = String((err as Error)?.message ?? err);
  const auth = /Authentication failed: (.*)/.exec(message);
  if (auth || (err as { code?: string })?.code === 'WS_AUTH_FAILURE_EXHAUSTED') {
    return `WeCom refused the bot's credentials (${auth ? auth[1] : message}). Check WECOM_BOT_ID and WECOM_BOT_SECRET: in the WeCom admin console open the AI bot (智能机器人), its API settings in long-connection mode (使用长连接), and copy the Bot ID and Secret again.`;
  }
  return `Cannot reach WeCom's long-connection endpoint ${url} (${message}). Check WECOM_WS_URL (a private deployment shows its own address in the admin console), the network and any proxy.`;
}

/** The SDK's log lines into ours, at the same levels. */
function sdkLogger(log: Logger): SdkLogger {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, ...args: unknown[]) => log[level]({ sdk: args.length ? args.map(String) : undefined }, `WeCom SDK: ${message}`);
  return { debug: at('debug'), info: at('debug'), warn: at('warn'), error: at('debug') };
}
