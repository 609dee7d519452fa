import type { Logger } from '../../core/logger.js';
import { DingTalkStartError } from './openapi.js';
import { GatewayError, type PlanBotStreamClient } from './stream-client.js';

/** A connection silent this long (no frame, ping or pong) is restarted. DingTalk's gateway pings every few seconds. */
export const DEFAULT_SILENCE_MS = 90_000;

/** How the supervisor behaves; all times in wall-clock milliseconds. */
export interface SupervisorOptions {
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Silence after which the watchdog restarts the connection. */
  silenceMs?: number;
  /** First wait before reconnecting (doubled after each failure, at most `maxBackoffMs`). Default 1 s. */
  backoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
}

/** A supervised Stream connection. */
export interface StreamSupervisor {
  /** Connections opened so far (1 after start; more after each reconnect). */
  readonly connections: number;
  /** Restarts the watchdog made. */
  readonly restarts: number;
  stop(): void;
  /** Notes a sign of life (frames, pings, pongs); the client calls it. */
  life(): void;
  /** The socket closed by itself: reconnect. */
  closed(code: number): void;
}

/**
 * Opens the first connection (a failure throws a DingTalkStartError that says what to fix: the
 * credentials, DINGTALK_GATEWAY_URL, or the websocket endpoint), then keeps it up: a closed socket
 * or a gateway's `disconnect` is reconnected after a doubling wait (1 s … 60 s), forever; a
 * watchdog pings the socket and restarts it when nothing at all (frame, ping, pong) came for
 * `silenceMs` — the SDK's known failures are connections that die quietly after days and stop
 * delivering. Failures after start are logged, never thrown.
 */
export async function superviseStream(client: PlanBotStreamClient, o: SupervisorOptions, hooks: { bind(s: StreamSupervisor): void }): Promise<StreamSupervisor> {
  const now = o.now ?? Date.now;
  const silenceMs = o.silenceMs ?? DEFAULT_SILENCE_MS;
  const base = o.backoffMs ?? 1000;
  const maxBackoff = o.maxBackoffMs ?? 60_000;
  let lastLife = now();
  let stopped = false;
  let wait = base;
  let timer: NodeJS.Timeout | null = null;
  let connecting = false;
  let watchdog: NodeJS.Timeout | undefined;

  const state = { connections: 0, restarts: 0 };
  const open = async () => {
    await client.getEndpoint();
    await client._connect();
    state.connections += 1;
    lastLife = now();
  };

  const reconnect = () => {
    if (stopped || connecting || timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (stopped) return;
      connecting = true;
      open().then(
        () => {
          connecting = false;
          wait = base;
          o.logger.info({ adapter: 'dingtalk', connections: state.connections }, 'DingTalk Stream reconnected');
          if (stopped) client.disconnect();
        },
        (err) => {
          connecting = false;
          o.logger.warn({ adapter: 'dingtalk', err: (err as Error).message, retryInMs: wait }, 'DingTalk Stream could not reconnect; trying again');
          wait = Math.min(wait * 2, maxBackoff);
          reconnect();
        },
      );
    }, wait);
    timer.unref?.();
  };

  const supervisor: StreamSupervisor = {
    get connections() {
      return state.connections;
    },
    get restarts() {
      return state.restarts;
    },
    life: () => void (lastLife = now()),
    closed(code) {
      if (stopped) return;
      o.logger.warn({ adapter: 'dingtalk', code }, 'DingTalk Stream connection closed; reconnecting');
      reconnect();
    },
    stop() {
      stopped = true;
      if (watchdog) clearInterval(watchdog);
      if (timer) clearTimeout(timer);
      client.disconnect();
    },
  };
  hooks.bind(supervisor);

  try {
    await open();
  } catch (err) {
    client.disconnect();
    throw startError(err);
  }

  watchdog = setInterval(() => {
    if (stopped || connecting || timer || !client.ws) return;
    if (now() - lastLife > silenceMs) {
      state.restarts += 1;
      o.logger.warn({ adapter: 'dingtalk', silentForMs: now() - lastLife }, 'DingTalk Stream connection went silent; restarting it');
      lastLife = now();
      client.restart();
      return;
    }
    try {
      client.ws.ping();
    } catch {
      /* a socket closing: its close event reconnects */
    }
  }, Math.max(50, Math.min(10_000, Math.floor(silenceMs / 3))));
  watchdog.unref?.();
  return supervisor;
}

/** A failure of the first connection as what the operator must fix. */
function startError(err: unknown): DingTalkStartError {
  if (err instanceof GatewayError) {
    if (err.status === 400 || err.status === 401 || err.status === 403)
      return new DingTalkStartError(`DingTalk Stream mode refused the app (${err.message}). Check DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET, and that the app's robot uses Stream mode (see docs/dingtalk.md).`, { cause: err });
    return new DingTalkStartError(`DingTalk Stream mode could not connect: ${err.message}. Check the network, proxy and DINGTALK_GATEWAY_URL (default https://api.dingtalk.com/v1.0/gateway/connections/open).`, { cause: err });
  }
  return new DingTalkStartError(`DingTalk Stream mode could not open its websocket (${(err as Error)?.message ?? String(err)}). Check the network and proxy (outgoing wss:// must be allowed).`, { cause: err });
}
