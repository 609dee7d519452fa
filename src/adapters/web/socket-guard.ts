import type { Logger } from '../../core/logger.js';
import type { ChatSocket } from './botkit-web.js';
import { MAX_TEXT_CHARS, parseClientFrame, type ClientFrame, type FrameProblem } from './client-frame.js';
import type { TokenBucket } from './token-bucket.js';

/** Why the guard refused a frame: a malformed frame, or one over the socket's rate. */
export type NoticeId = FrameProblem | 'rate-limited';

/** Transport notices, in both languages since a refused frame has no language of its own. */
export const NOTICES: Record<NoticeId, string> = {
  'rate-limited': 'You are sending messages too fast; please wait a moment. 消息发送过快，请稍候再试。',
  'not-json': 'That message could not be read: the chat expects JSON text frames. 无法读取该消息（应为 JSON 文本）。',
  'unknown-type': 'Unknown message type; the chat understands hello, welcome_back and message. 未知的消息类型。',
  'bad-name': 'Choose a name of 1–32 letters, digits, “.”, “_” or “-”, starting with a letter or digit. 名字须为 1–32 个字母、数字或 . _ -，并以字母或数字开头。',
  'bad-channel': 'A channel name uses a–z, 0–9, “_” and “-” (up to 40). 频道名只能包含小写字母、数字、_ 和 -（最多 40 个）。',
  'empty-text': 'The message is empty. 消息为空。',
  'too-long': `The message is too long: up to ${MAX_TEXT_CHARS.toLocaleString('en')} characters; please shorten it or send it in parts. 消息过长：最多 ${MAX_TEXT_CHARS} 个字符，请删减或分几条发送。`,
};

/** What the guard needs besides the socket. */
export interface GuardOptions {
  /** The id the adapter sees as the frame's user: one per socket, so replies go back to this socket only. */
  key: string;
  bucket: TokenBucket;
  /** Refused frames in a row after which the socket is closed (1008): a client that ignores the notices. */
  closeAfterRefusals: number;
  logger: Logger;
  /**
   * Called with each valid frame before the adapter gets it: returns the name the socket is signed
   * in as (the frame's own `user` is never trusted), or null when it has none (a `bad-name` notice).
   */
  accept(frame: ClientFrame): string | null;
  now?: () => number;
}

/**
 * Puts a guard in front of the web adapter's frame handler on one socket. Each frame is rate-limited
 * (token bucket), parsed and validated; a refused frame gets a notice (rate notices at most once a
 * second) and never reaches Botkit. A valid frame is passed on with `user` set to the socket's key
 * and `name` to the name the server bound to the socket.
 * Must be called right after the adapter has bound the socket.
 */
export function guardSocket(ws: ChatSocket, opts: GuardOptions): void {
  const adapterListeners = ws.listeners('message') as ((data: string) => void)[];
  if (adapterListeners.length === 0) throw new Error('the web adapter bound no message handler to the socket');
  for (const l of adapterListeners) ws.removeListener('message', l);
  // The adapter logs socket errors (such as an oversized frame) with console.error; use our logger.
  for (const l of ws.listeners('error')) ws.removeListener('error', l as () => void);
  ws.on('error', (err: Error) => opts.logger.warn({ err: err.message, socket: opts.key }, 'web chat socket error'));

  const now = opts.now ?? (() => performance.now());
  let refusedInRow = 0;
  let lastRateNotice = -Infinity;
  const notice = (id: NoticeId) => {
    if (ws.readyState === 1) ws.send(JSON.stringify({ type: 'notice', id, text: NOTICES[id] }));
  };

  ws.on('message', (data: unknown, isBinary?: boolean) => {
    if (!opts.bucket.take()) {
      refusedInRow += 1;
      if (refusedInRow >= opts.closeAfterRefusals) {
        opts.logger.warn({ socket: opts.key }, 'closing a web chat socket that keeps flooding');
        ws.close(1008, 'too many messages');
      } else if (now() - lastRateNotice >= 1000) {
        lastRateNotice = now();
        notice('rate-limited');
      }
      return;
    }
    refusedInRow = 0;
    const text = textOf(data, isBinary);
    const result = text === null ? ({ ok: false, problem: 'not-json' } as const) : parseClientFrame(text);
    if (!result.ok) {
      notice(result.problem);
      return;
    }
    const name = opts.accept(result.frame);
    if (name === null) {
      notice('bad-name');
      return;
    }
    const forwarded = JSON.stringify({ ...result.frame, name, user: opts.key });
    for (const l of adapterListeners) l.call(ws, forwarded);
  });
}

/** The frame's text: ws 7 gives text frames as strings, ws 8 as a Buffer with `isBinary` false. */
function textOf(data: unknown, isBinary: boolean | undefined): string | null {
  if (typeof data === 'string') return data;
  if (isBinary === false && Buffer.isBuffer(data)) return data.toString('utf8');
  return null;
}
