import { displayUser, platformOf, bareId, slackUser, userOn, type UserId } from '../../core/user-ids.js';
import { renderUserRefs } from '../../core/user-refs.js';

/** The plan-bot user id of a Slack user: `U123` → `slack:U123` (the identity model's `slackUser`). */
export function slackUserId(slackId: string): UserId {
  return slackUser(slackId);
}

/** The plan-bot channel id of a Slack conversation: `C123` → `slack:C123`. */
export function slackChannelId(slackId: string): string {
  return `slack:${slackId}`;
}

/** The Slack conversation of a plan-bot channel (`slack:C123` → `C123`), or null when it belongs to another platform. */
export function conversationOf(channel: string): string | null {
  const m = /^slack:([A-Z0-9]+)$/.exec(channel.trim());
  return m ? m[1]! : null;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Slack's message markup as plain text the core can read: the bot's own mention is dropped, other
 * user mentions become plan-bot ids (`<@U123>` → `slack:U123`), channels, links and specials keep their
 * label, and `&amp;` `&lt;` `&gt;` are decoded.
 */
export function textFromSlack(text: string, botUserId?: string): string {
  const raw = String(text ?? '');
  // Most commands hold no markup: then only the spaces are tidied.
  const plain = raw.includes('<') || raw.includes('&') ? markupAsText(raw, botUserId) : raw;
  return plain.replace(/\s+/g, ' ').trim();
}

/** Mentions, channels, links and specials as text, and the three entities decoded. */
function markupAsText(text: string, botUserId: string | undefined): string {
  return text
    .replace(/<([^<>]*)>/g, (_all, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) {
        const id = target.slice(1);
        return id === botUserId ? ' ' : (userOn('slack', id) ?? ' ');
      }
      if (target.startsWith('#')) return label ? `#${label}` : target;
      if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
      return label ?? target;
    })
    .replace(/&(amp|lt|gt);/g, (e) => ENTITIES[e] ?? e);
}

/**
 * Text of the core as Slack mrkdwn: `&`, `<` and `>` are escaped, so nothing a user wrote (a note
 * holding `<@U0BOSS>`, `<!channel>` or `slack:U0BOSS`) becomes markup; only the core's structured
 * user references (`userRef`) of Slack users become mentions (`<@U123>`), so Slack shows names and
 * notifies. Other users are shown by name.
 */
export function mrkdwn(text: string): string {
  return renderUserRefs(text, (id, raw) => (id && platformOf(id) === 'slack' ? `<@${bareId(id)}>` : escapeText(displayUser(id ?? raw))), escapeText);
}

/** Escapes the three characters Slack treats as markup. */
export function escapeText(text: string): string {
  // Three `indexOf`s are much faster than a regular expression on long Chinese text, and most text has no markup.
  return text.indexOf('&') < 0 && text.indexOf('<') < 0 && text.indexOf('>') < 0 ? text : text.replace(MARKUP_ALL, (c) => ESCAPES[c]!);
}

const MARKUP_ALL = /[&<>]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Splits text into pieces of at most `limit` characters, at line boundaries where possible, else at a
 * space; a piece is cut mid-word only when a single word is longer than the limit.
 */
export function splitText(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current) out.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    flush();
    if (line.length <= limit) {
      current = line;
      continue;
    }
    let rest = line;
    while (rest.length > limit) {
      const space = rest.lastIndexOf(' ', limit);
      const cut = space > limit / 2 ? space : limit;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).trimStart();
    }
    current = rest;
  }
  flush();
  return out;
}

/** Cuts text to `limit` characters, ending with an ellipsis when it was cut. */
export function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
