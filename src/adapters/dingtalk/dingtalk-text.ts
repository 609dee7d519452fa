import { displayUser, platformOf, bareId } from '../../core/user-ids.js';
import { renderUserRefs } from '../../core/user-refs.js';

/** Where a plan-bot DingTalk channel leads: a group (by its openConversationId) or one person (by staff id). */
export type DingTalkTarget = { kind: 'group'; openConversationId: string } | { kind: 'user'; staffId: string };

/** The prefix of a one-to-one channel: `dingtalk:user:<staffId>`. */
const USER_CHANNEL = 'user:';

/**
 * The plan-bot channel of a DingTalk conversation: a group is `dingtalk:<openConversationId>`, a
 * one-to-one chat `dingtalk:user:<staffId>` (proactive messages to it go by staff id, the only way
 * the OpenAPI reaches one person).
 */
export function dingtalkChannelId(conversation: { conversationType: string; conversationId: string; senderStaffId: string }): string {
  return conversation.conversationType === '2' ? `dingtalk:${conversation.conversationId}` : `dingtalk:${USER_CHANNEL}${conversation.senderStaffId}`;
}

/**
 * Where a plan-bot channel or user id leads on DingTalk: `dingtalk:user:<staffId>` and a user
 * `dingtalk:<staffId>` passed as a reminder's target are one person, `dingtalk:<openConversationId>`
 * a group; null for anything that is not DingTalk's. `asUser` reads a bare `dingtalk:<id>` as a staff id.
 */
export function targetOf(id: string, asUser = false): DingTalkTarget | null {
  if (platformOf(id) !== 'dingtalk') return null;
  const rest = bareId(id).trim();
  if (!rest) return null;
  if (rest.startsWith(USER_CHANNEL)) return rest.length > USER_CHANNEL.length ? { kind: 'user', staffId: rest.slice(USER_CHANNEL.length) } : null;
  return asUser ? { kind: 'user', staffId: rest } : { kind: 'group', openConversationId: rest };
}

/** Markup at the start of a line: headings, quotes, list bullets, numbered lists (`1. `). */
const LINE_START = /^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s)|\d{1,9}(?=[.)]\s))/gm;
/**
 * What makes a link, an image or HTML (a `]` opening a target, a tag or autolink), and a backslash
 * that could undo an escape: always escaped.
 */
const ACTIVE = /\\(?=[!-/:-@[-`{-~])|\](?=[([:])|<(?=[A-Za-z/!?])/g;
/** Emphasis and code marks: escaped when a piece holds two or more of one, which could pair up. */
const PAIRED = ['*', '_', '~', '`'] as const;

/**
 * Text as DingTalk markdown shows it literally, with as few backslashes as that takes (a client that
 * ignores an escape shows it): whatever would make a link, an image, HTML or a heading, quote or list
 * is escaped always, emphasis and code marks when they could pair up. So a note holding `**`,
 * `[link](…)`, `<font>` or a leading `#` is shown as written, never rendered, while `[TOKEN]`, `a|b`
 * or `3>2` stay as they are.
 */
export function escapeMarkdown(text: string): string {
  let out = text.replace(ACTIVE, (c) => `\\${c}`);
  for (const mark of PAIRED) if (out.split(mark).length > 2) out = out.split(mark).join(`\\${mark}`);
  return out.replace(LINE_START, (_all, space: string, m: string) => (/^\d/.test(m) ? `${space}${m}\\` : `${space}\\${m}`));
}

/**
 * Text of the core as DingTalk markdown: escaped (`escapeMarkdown`); a structured user reference of a
 * DingTalk user in `mentioned` becomes a mention (`@<staffId>`, which the message lists in its `at`),
 * any other user is shown by name. An `@` someone typed stays inert: DingTalk notifies only the staff
 * ids a message lists in `at`, and a typed `@<id>` of a listed id is broken with a word joiner, so it
 * cannot even look like one.
 */
export function renderText(text: string, mentioned: ReadonlySet<string> = new Set()): string {
  const plain = (piece: string) => {
    let out = escapeMarkdown(piece);
    for (const id of mentioned) {
      const typed = `@${escapeMarkdown(id)}`;
      if (out.includes(typed)) out = out.split(typed).join(`@\u2060${escapeMarkdown(id)}`);
    }
    return out;
  };
  return renderUserRefs(text, (id, raw) => (id && platformOf(id) === 'dingtalk' && mentioned.has(bareId(id)) ? `@${bareId(id)}` : plain(displayUser(id ?? raw))), plain);
}

/**
 * A DingTalk text message's content as the core reads it: the robot's own @-mention is already
 * removed by DingTalk; each @-mention of a person (`@王军`) becomes `dingtalk:<staffId>` when the
 * message lists as many mentioned people (`atUsers`, the robot left out) as it has @-words, in order;
 * whitespace is collapsed.
 */
export function textFromDingTalk(content: string, atStaffIds: readonly string[]): string {
  let text = String(content ?? '').replace(/\s+/g, ' ').trim();
  const words = [...text.matchAll(/(^|\s)@([^\s@]+)/g)];
  if (atStaffIds.length > 0 && words.length === atStaffIds.length) {
    let i = 0;
    text = text.replace(/(^|\s)@([^\s@]+)/g, (_all, space: string) => `${space}@dingtalk:${atStaffIds[i++]}`);
  }
  return text;
}
