import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A frame as the bot sent it. */
export interface SentFrame {
  cmd: string;
  headers: { req_id: string };
  body?: Record<string, any>;
}

/** What the fake answers to a frame: an error code (0 is ok) and message. */
export type Answer = { errcode: number; errmsg: string };

/** A local stand-in for WeCom's long-connection endpoint, speaking its frames. */
export interface FakeWeCom {
  url: string;
  /** Every frame the bot sent, in order. */
  frames: SentFrame[];
  framesOf(cmd: string): SentFrame[];
  /** Sockets opened so far (a reconnect adds one). */
  connections(): number;
  /** Pushes a message callback (`aibot_msg_callback`) to the bot; returns its req_id. */
  pushMessage(body: Record<string, unknown>): string;
  /** Pushes an event callback (`aibot_event_callback`). */
  pushEvent(body: Record<string, unknown>): string;
  /** Decide the answer to frames of a command (default: ok). */
  answer(cmd: string, fn: (frame: SentFrame) => Answer): void;
  /** Drops the current connection, as a network failure would. */
  drop(): void;
  /** Resolves when `predicate` holds over the frames received (checked on every frame). */
  until<T>(predicate: (frames: SentFrame[]) => T | undefined | false | null): Promise<T>;
  close(): Promise<void>;
}

const OK: Answer = { errcode: 0, errmsg: 'ok' };

/**
 * Starts a fake WeCom endpoint on 127.0.0.1: it checks the `aibot_subscribe` credentials (a wrong
 * secret gets WeCom's auth failure frame), answers heartbeats, acknowledges `aibot_respond_msg`,
 * `aibot_respond_update_msg` and `aibot_send_msg` (or as `answer` says), and records every frame.
 */
export async function startFakeWeCom(credentials: { botId: string; secret: string }): Promise<FakeWeCom> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  const frames: SentFrame[] = [];
  const answers = new Map<string, (f: SentFrame) => Answer>();
  const waiters = new Set<() => void>();
  let current: WebSocket | null = null;
  let opened = 0;
  let seq = 0;

  wss.on('connection', (ws) => {
    opened++;
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as SentFrame;
      frames.push(frame);
      let reply: Answer = OK;
      if (frame.cmd === 'aibot_subscribe') {
        const good = frame.body?.bot_id === credentials.botId && frame.body?.secret === credentials.secret;
        reply = good ? OK : { errcode: 40001, errmsg: 'invalid bot_id or secret' };
        if (good) current = ws;
      } else {
        reply = answers.get(frame.cmd)?.(frame) ?? OK;
      }
      ws.send(JSON.stringify({ headers: { req_id: frame.headers.req_id }, ...reply }));
      for (const w of [...waiters]) w();
    });
  });

  const push = (cmd: string, body: Record<string, unknown>) => {
    if (!current) throw new Error('no authenticated connection to push to');
    const reqId = `${cmd}-${++seq}`;
    current.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  };

  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    frames,
    framesOf: (cmd) => frames.filter((f) => f.cmd === cmd),
    connections: () => opened,
    pushMessage: (body) => push('aibot_msg_callback', body),
    pushEvent: (body) => push('aibot_event_callback', body),
    answer: (cmd, fn) => void answers.set(cmd, fn),
    drop() {
      current?.terminate();
      current = null;
    },
    until(predicate) {
      return new Promise((resolve) => {
        const check = () => {
          const v = predicate(frames);
          if (v) {
            waiters.delete(check);
            resolve(v);
          }
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}

let msgSeq = 0;

/** A text message callback body as WeCom sends it; one-to-one from `zhangsan` unless overridden. */
export function textMessage(overrides: { content: string; userid?: string; msgid?: string; chattype?: 'single' | 'group'; chatid?: string }): Record<string, unknown> {
  const chattype = overrides.chattype ?? 'single';
  return {
    msgid: overrides.msgid ?? `MSG${++msgSeq}`,
    aibotid: 'BOT1',
    ...(chattype === 'group' ? { chatid: overrides.chatid ?? 'wrGROUP1' } : {}),
    chattype,
    from: { userid: overrides.userid ?? 'zhangsan' },
    msgtype: 'text',
    text: { content: overrides.content },
  };
}

/** A button click on a card (`template_card_event`) as WeCom documents it. */
export function cardClick(overrides: { eventKey: string; taskId: string; userid?: string; msgid?: string; chattype?: 'single' | 'group'; chatid?: string }): Record<string, unknown> {
  const chattype = overrides.chattype ?? 'single';
  return {
    msgid: overrides.msgid ?? `EVT${++msgSeq}`,
    create_time: 1700000000,
    aibotid: 'BOT1',
    ...(chattype === 'group' ? { chatid: overrides.chatid ?? 'wrGROUP1' } : {}),
    chattype,
    from: { userid: overrides.userid ?? 'zhangsan' },
    msgtype: 'event',
    event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: overrides.eventKey, task_id: overrides.taskId } },
  };
}

/** Resolves once `check` holds, looking every few milliseconds (for state that no frame announces). */
export async function eventually(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}
