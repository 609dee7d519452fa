import { createRequire } from 'node:module';
import { DWClient, type DWClientDownStream } from 'dingtalk-stream';
import type WebSocketType from 'ws';

/** The websocket library exactly as the SDK loads it (its own dependency), so plan-bot adds none. */
const WebSocket = createRequire(createRequire(import.meta.url).resolve('dingtalk-stream'))('ws') as typeof WebSocketType;

/** The gateway refused or could not be reached; `status` 0 when no HTTP answer came. */
export class GatewayError extends Error {
  override name = 'GatewayError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** What the client needs beyond the SDK's own settings. */
export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  /** The open-connection endpoint in full (DINGTALK_GATEWAY_URL). */
  gatewayUrl: string;
  /** The app's access token from our OpenAPI client (DINGTALK_API_URL), for the SDK's `getAccessToken`. */
  token: () => Promise<string>;
  fetch?: typeof fetch;
  /** Wall-clock milliseconds, for the watchdog's idea of silence. */
  now?: () => number;
  /** Each frame, SYSTEM ones included (watchdog bookkeeping). */
  onLife?: () => void;
  /** The socket closed (by the server, the network or the watchdog); not called after `disconnect()`. */
  onClose?: (code: number) => void;
  /** The gateway asked this connection to go (SYSTEM `disconnect`): reconnect elsewhere. */
  onDisconnectRequest?: () => void;
  /** Where the client's own warnings go (the SDK writes to the console). */
  warn?: (msg: string, err?: unknown) => void;
}

/**
 * The official `DWClient`, with what plan-bot needs changed by overriding, never by patching: the SDK
 * hard-codes the open-connection endpoint and the token URL, so `getEndpoint` posts to
 * DINGTALK_GATEWAY_URL and `getAccessToken` asks our OpenAPI client (DINGTALK_API_URL). Its reconnect
 * loop and heartbeat are switched off (they retry silently forever and leak a timer per reconnect):
 * `_connect` opens the socket with the SDK's own `ws` and reports life and close to the supervisor
 * (`stream-connection.ts`), which reconnects and runs the watchdog. Frames are still read, answered
 * (SYSTEM ping) and dispatched to topics by the SDK, and acknowledgements go out through it.
 */
export class PlanBotStreamClient extends DWClient {
  private readonly o: StreamClientOptions;
  private closing = false;

  constructor(o: StreamClientOptions) {
    super({ clientId: o.clientId, clientSecret: o.clientSecret, ua: 'plan-bot', keepAlive: false, debug: false });
    this.config.autoReconnect = false;
    // The SDK's default subscribes every event (and shares that list between clients): plan-bot takes
    // only the callbacks it registers (the robot topic).
    this.config.subscriptions = [];
    this.o = o;
  }

  /** The live socket, if any (the SDK keeps it private). */
  get ws(): WebSocketType | undefined {
    return (this as unknown as { socket?: WebSocketType }).socket;
  }

  private set ws(socket: WebSocketType | undefined) {
    (this as unknown as { socket?: WebSocketType }).socket = socket;
  }

  override async getAccessToken(): Promise<string> {
    const token = await this.o.token();
    this.config.access_token = token;
    return token;
  }

  /** Asks DINGTALK_GATEWAY_URL for a websocket endpoint and ticket, with the SDK's subscriptions. */
  override async getEndpoint(): Promise<this> {
    const doFetch = this.o.fetch ?? fetch;
    let res: Response;
    try {
      res = await doFetch(this.o.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ clientId: this.config.clientId, clientSecret: this.config.clientSecret, ua: this.config.ua, subscriptions: this.config.subscriptions }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new GatewayError(`cannot reach the DingTalk gateway at ${this.o.gatewayUrl} (${(err as Error).message})`, 0);
    }
    const text = await res.text();
    let data: { endpoint?: unknown; ticket?: unknown; code?: unknown; message?: unknown } = {};
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      /* not JSON: reported below */
    }
    if (!res.ok) throw new GatewayError(`the DingTalk gateway at ${this.o.gatewayUrl} answered HTTP ${res.status}${typeof data.code === 'string' ? ` ${data.code}` : ''}${typeof data.message === 'string' ? `: ${data.message}` : ''}`, res.status);
    if (typeof data.endpoint !== 'string' || typeof data.ticket !== 'string' || !data.endpoint || !data.ticket) throw new GatewayError(`the DingTalk gateway at ${this.o.gatewayUrl} gave no endpoint and ticket`, res.status);
    this.config.endpoint = data.endpoint;
    (this as unknown as { dw_url: string }).dw_url = `${data.endpoint}?ticket=${encodeURIComponent(data.ticket)}`;
    return this;
  }

  /** Opens the websocket; resolves once open, rejects if it cannot be. */
  override _connect(): Promise<void> {
    const url = (this as unknown as { dw_url?: string }).dw_url;
    if (!url) return Promise.reject(new GatewayError('no endpoint: getEndpoint() first', 0));
    this.closing = false;
    return new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(url, { handshakeTimeout: 10_000 });
      this.ws = socket;
      let opened = false;
      socket.on('open', () => {
        opened = true;
        this.connected = true;
        this.o.onLife?.();
        resolve();
      });
      socket.on('message', (data) => {
        if (this.ws !== socket) return;
        this.o.onLife?.();
        try {
          this.onDownStream(String(data));
        } catch (err) {
          this.o.warn?.('a DingTalk frame could not be read', err);
        }
      });
      socket.on('ping', () => this.o.onLife?.());
      socket.on('pong', () => this.o.onLife?.());
      socket.on('error', (err) => {
        if (!opened) reject(err);
        else this.o.warn?.('the DingTalk websocket failed', err);
        socket.terminate();
      });
      socket.on('close', (code) => {
        if (this.ws === socket) {
          this.connected = false;
          this.registered = false;
        }
        if (opened && !this.closing && this.ws === socket) this.o.onClose?.(code);
      });
    });
  }

  override onSystem(downstream: DWClientDownStream): void {
    super.onSystem(downstream);
    if (downstream.headers.topic === 'disconnect') this.o.onDisconnectRequest?.();
  }

  /** Closes the socket for good (no `onClose`); the SDK's version also logs to the console. */
  override disconnect(): void {
    this.closing = true;
    const socket = this.ws;
    this.ws = undefined;
    this.connected = false;
    socket?.removeAllListeners('message');
    socket?.on('error', () => {});
    socket?.terminate();
  }

  /** Drops the current socket so the supervisor reconnects (the watchdog's restart). */
  restart(): void {
    this.ws?.terminate();
  }
}
