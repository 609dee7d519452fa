import { z } from 'zod';

/** The web channel a page joins when it names none (`web:general`). */
export const DEFAULT_ROOM = 'general';

/** What a chat page may send, after validation: joining (first visit or reconnect) or a message. */
export type ClientFrame =
  | { type: 'hello' | 'welcome_back'; name: string | null; room: string }
  | { type: 'message'; name: string | null; room: string; text: string; lang: 'en' | 'zh' | null; button: boolean };

/** The longest message a page may send, in characters: 10,000 (30 KB of Chinese in UTF-8). */
export const MAX_TEXT_CHARS = 10_000;

/** Why a frame was refused; the socket gets a polite notice naming it. */
export type FrameProblem = 'not-json' | 'unknown-type' | 'bad-name' | 'bad-channel' | 'empty-text' | 'too-long';

/** The outcome of reading one frame. */
export type FrameResult = { ok: true; frame: ClientFrame } | { ok: false; problem: FrameProblem };

/** A display name: a letter or digit first, then letters, digits, `.`, `_` or `-`; 1–32 characters. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,31}$/u;
/** A web channel name, as in `web:general`. */
const ROOM = /^[a-z0-9][a-z0-9_-]{0,39}$/;
/** Channel values the stock Botkit web client sends; they name its transport, not a channel. */
const TRANSPORT_NAMES = new Set(['socket', 'websocket', 'webhook']);

const Envelope = z.object({ type: z.string() });
/** True for a name a web chat user may have (`alice`, `李雷`, `j.doe`). */
export function isChatName(name: string): boolean {
  return NAME.test(name);
}

const Joining = z.object({
  user: z.string().transform((s) => s.normalize('NFKC').trim()).pipe(z.string().regex(NAME)).optional(),
  channel: z.string().optional(),
});
/**
 * A message may say the page's language (`lang`, for a message with no words of its own such as `T9`)
 * and that a button sent it (`button`, then `lang` is the language of the card the button was on).
 * Anything else in these fields is ignored, as by clients that do not send them.
 */
const Message = Joining.extend({ text: z.string(), lang: z.enum(['en', 'zh']).optional().catch(undefined), button: z.boolean().optional().catch(undefined) });

/**
 * Reads one text frame from a chat page (the Botkit web client's shape: `{type, user, channel, text}`,
 * with `user` the name the page claims, optional; the server decides who the socket is). Pure:
 * returns a result, never throws.
 */
export function parseClientFrame(raw: string): FrameResult {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  const envelope = Envelope.safeParse(data);
  if (!envelope.success) return { ok: false, problem: typeof data === 'object' && data !== null ? 'unknown-type' : 'not-json' };
  const type = envelope.data.type;
  if (type !== 'hello' && type !== 'welcome_back' && type !== 'message') return { ok: false, problem: 'unknown-type' };

  const fields = (type === 'message' ? Message : Joining).safeParse(data);
  if (!fields.success) {
    const path = String(fields.error.issues[0]?.path[0] ?? '');
    return { ok: false, problem: path === 'text' ? 'empty-text' : path === 'channel' ? 'bad-channel' : 'bad-name' };
  }
  const room = roomOf(fields.data.channel);
  if (room === null) return { ok: false, problem: 'bad-channel' };
  const name = fields.data.user ?? null;
  if (type !== 'message') return { ok: true, frame: { type, name, room } };
  const text = 'text' in fields.data ? String(fields.data.text) : '';
  if (text.trim() === '') return { ok: false, problem: 'empty-text' };
  if (text.length > MAX_TEXT_CHARS && [...text].length > MAX_TEXT_CHARS) return { ok: false, problem: 'too-long' };
  const extra = fields.data as { lang?: unknown; button?: unknown };
  const lang = extra.lang === 'zh' || extra.lang === 'en' ? extra.lang : null;
  const button = extra.button === true;
  return { ok: true, frame: { type, name, room, text, lang, button } };
}

/** `general` for no channel, a transport name or `web:general`; null for a malformed name. */
function roomOf(channel: string | undefined): string | null {
  if (channel === undefined || channel === '' || TRANSPORT_NAMES.has(channel)) return DEFAULT_ROOM;
  const room = channel.startsWith('web:') ? channel.slice(4) : channel;
  return ROOM.test(room) ? room : null;
}
