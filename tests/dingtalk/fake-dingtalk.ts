import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One HTTP request the fake received. */
export interface Recorded {
  path: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

type Answer = { status?: number; headers?: Record<string, string>; body?: unknown };

/** The app the fake DingTalk knows. */
export const APP = { clientId: 'dingtest123', clientSecret: 'secret-abc', robotCode: 'dingtest123' } as const;

/**
 * A local stand-in for DingTalk: the Stream gateway's open-connection endpoint (answering a websocket
 * endpoint on this server and a ticket), that websocket (frames pushed, acknowledgements recorded),
 * the OpenAPI (access tokens, robot group and one-to-one messages) and session webhooks
 * (`/webhook/<id>`). Every request is recorded; `answer()` overrides a path's answer.
 */
export interface FakeDingTalk {
  gatewayUrl: string;
  apiUrl: string;
  webhookUrl(id: string): string;
  calls: Recorded[];
  callsTo(path: string): Recorded[];
  answer(path: string, fn: (call: Recorded, n: number) => Answer | undefined): void;
  /** What happened, in order: `req <path>` when a request arrived, `res <path>` when it was answered. */
  log: string[];
  /** Answers requests to `path` only after `ms` (a slow network). */
  delay(path: string, ms: number): void;
  waitFor(path: string, count?: number, timeoutMs?: number): Promise<Recorded[]>;
  /** Frames the client sent back (acknowledgements, ping answers), parsed. */
  fromClient: Record<string, unknown>[];
  /** Waits for the acknowledgement of a pushed frame. */
  ackOf(messageId: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sockets opened so far (with the ticket each came with). */
  sockets: { ws: WebSocket; ticket: string | null }[];
  waitForSockets(count: number, timeoutMs?: number): Promise<void>;
  /** Pushes a frame to the newest socket. */
  push(frame: unknown): void;
  close(): Promise<void>;
}

/** Starts the fake; `silent` makes its websocket never answer pings (for the watchdog). */
export async function startFakeDingTalk(o: { silent?: boolean } = {}): Promise<FakeDingTalk> {
  const calls: Recorded[] = [];
  const overrides = new Map<string, (call: Recorded, n: number) => Answer | undefined>();
  const counts = new Map<string, number>();
  const delays = new Map<string, number>();
  const log: string[] = [];
  const fromClient: Record<string, unknown>[] = [];
  const sockets: { ws: WebSocket; ticket: string | null }[] = [];
  let tickets = 0;
  let tokens = 0;

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      let body: Record<string, unknown> = {};
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        body = { raw };
      }
      const call: Recorded = { path, body, headers: req.headers };
      calls.push(call);
      log.push(`req ${path}`);
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const a = overrides.get(path)?.(call, n) ?? defaultAnswer(call);
      setTimeout(() => {
        res.writeHead(a.status ?? 200, { 'content-type': 'application/json', ...a.headers });
        res.end(JSON.stringify(a.body ?? {}));
        log.push(`res ${path}`);
      }, delays.get(path) ?? 0);
    });
  });
  const wss = new WebSocketServer({ server, path: '/stream', ...(o.silent ? { autoPong: false } : {}) });
  wss.on('connection', (ws, req) => {
    sockets.push({ ws, ticket: new URL(req.url ?? '/', 'http://x').searchParams.get('ticket') });
    ws.on('message', (data) => {
      try {
        fromClient.push(JSON.parse(String(data)));
      } catch {
        /* ignore */
      }
    });
  });

  function defaultAnswer(call: Recorded): Answer {
    switch (call.path) {
      case '/v1.0/gateway/connections/open':
        if (call.body.clientId !== APP.clientId || call.body.clientSecret !== APP.clientSecret) return { status: 401, body: { code: 'InvalidAuthentication', message: 'clientId or clientSecret is invalid' } };
        return { body: { endpoint: `ws://127.0.0.1:${port}/stream`, ticket: `ticket-${++tickets}` } };
      case '/v1.0/oauth2/accessToken':
        if (call.body.appKey !== APP.clientId || call.body.appSecret !== APP.clientSecret) return { status: 400, body: { code: 'invalidClientSecret', message: 'the app secret is wrong' } };
        return { body: { accessToken: `token-${++tokens}`, expireIn: 7200 } };
      case '/v1.0/robot/groupMessages/send':
      case '/v1.0/robot/oToMessages/batchSend':
        if (call.headers['x-acs-dingtalk-access-token'] !== `token-${tokens}`) return { status: 401, body: { code: 'InvalidAuthentication', message: 'no token' } };
        return { body: { processQueryKey: `q-${calls.length}` } };
      default:
        if (call.path.startsWith('/webhook/')) return { body: { errcode: 0, errmsg: 'ok' } };
        return { status: 404, body: { code: 'NotFound' } };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const until = async <T>(get: () => T | undefined, what: string, timeoutMs: number): Promise<T> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = get();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`fake DingTalk: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  return {
    gatewayUrl: `${base}/v1.0/gateway/connections/open`,
    apiUrl: base,
    webhookUrl: (id) => `${base}/webhook/${id}`,
    calls,
    callsTo: (path) => calls.filter((c) => c.path === path),
    answer: (path, fn) => void overrides.set(path, fn),
    delay: (path, ms) => void delays.set(path, ms),
    log,
    waitFor: (path, count = 1, timeoutMs = 5000) =>
      until(() => {
        const got = calls.filter((c) => c.path === path);
        return got.length >= count ? got : undefined;
      }, `${count} call(s) to ${path}`, timeoutMs),
    fromClient,
    ackOf: (messageId, timeoutMs = 5000) => until(() => fromClient.find((f) => (f.headers as { messageId?: string } | undefined)?.messageId === messageId), `the ack of ${messageId}`, timeoutMs),
    sockets,
    waitForSockets: async (count, timeoutMs = 5000) => void (await until(() => (sockets.length >= count ? true : undefined), `${count} socket(s)`, timeoutMs)),
    push(frame) {
      const open = sockets.filter((s) => s.ws.readyState === s.ws.OPEN);
      const last = open[open.length - 1];
      if (!last) throw new Error('fake DingTalk: no open socket to push to');
      last.ws.send(JSON.stringify(frame));
    },
    async close() {
      for (const s of sockets) s.ws.terminate();
      await new Promise((r) => wss.close(r));
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

let frames = 0;

/** A robot message as DingTalk sends it; override what the test needs. */
export interface RobotMessageInput {
  text: string;
  msgId?: string;
  staffId?: string;
  nick?: string;
  group?: boolean;
  conversationId?: string;
  webhook: string;
  /** Staff ids @-mentioned besides the robot. */
  at?: string[];
  expiresAt?: number;
}

/** A CALLBACK frame of the robot topic carrying one text message. */
export function robotFrame(m: RobotMessageInput) {
  const messageId = `frame-${++frames}`;
  const group = m.group ?? false;
  const data = {
    conversationId: m.conversationId ?? (group ? 'cidGroup001==' : 'cidOneToOne001=='),
    chatbotCorpId: 'ding-corp',
    chatbotUserId: '$:LWCP_v1:$robot',
    msgId: m.msgId ?? `msg-${frames}`,
    senderNick: m.nick ?? '王军',
    isAdmin: false,
    ...(m.staffId === '' ? {} : { senderStaffId: m.staffId ?? 'staff001' }),
    sessionWebhookExpiredTime: m.expiresAt ?? Date.now() + 90 * 60 * 1000,
    createAt: Date.now(),
    senderCorpId: 'ding-corp',
    conversationType: group ? '2' : '1',
    senderId: '$:LWCP_v1:$sender',
    sessionWebhook: m.webhook,
    robotCode: APP.robotCode,
    msgtype: 'text',
    text: { content: m.text },
    ...(group ? { atUsers: [{ dingtalkId: '$:LWCP_v1:$robot' }, ...(m.at ?? []).map((s) => ({ dingtalkId: `$:${s}`, staffId: s }))] } : {}),
  };
  return {
    specVersion: '1.0',
    type: 'CALLBACK',
    headers: { appId: 'app', connectionId: 'conn', contentType: 'application/json', messageId, time: String(Date.now()), topic: '/v1.0/im/bot/messages/get' },
    data: JSON.stringify(data),
  };
}
