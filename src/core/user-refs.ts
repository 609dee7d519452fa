import { displayUser, parseUserId, type UserId } from './user-ids.js';

/**
 * A user named inside reply text is a reference, not a spelling: `userRef(id)` wraps the id in two
 * private-use characters that no input can carry (`cleanFreeText` and the bot's input cleaning drop
 * them), so adapters can render real mentions from structured ids and never from what users typed.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const REF = /\uE000([^\uE000\uE001]{1,200})\uE001/g;
const STRAY = /[\uE000\uE001]/g;

/** A reference to a user, to be placed in reply text; adapters render it (`<@U0123>` on Slack, `bob` elsewhere). */
export function userRef(id: UserId | string): string {
  return `${OPEN}${id}${CLOSE}`;
}

/** Several user references joined by `sep`. */
export function userRefs(ids: readonly string[], sep: string): string {
  return ids.map(userRef).join(sep);
}

/** True when the text holds at least one user reference. */
export function hasUserRef(text: string): boolean {
  return text.includes(OPEN);
}

/**
 * Text with every user reference rendered by `render` (given the user id and whether it is one plan-bot
 * knows) and every other piece passed through `plain` (e.g. escaping); stray marker characters are
 * dropped.
 */
export function renderUserRefs(text: string, render: (id: UserId | null, raw: string) => string, plain: (piece: string) => string = (s) => s): string {
  // Most text names nobody: then there is nothing to find.
  if (!text.includes(OPEN) && !text.includes(CLOSE)) return plain(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(REF)) {
    out += plain(text.slice(last, m.index).replace(STRAY, ''));
    out += render(parseUserId(m[1]!), m[1]!);
    last = m.index + m[0].length;
  }
  return out + plain(text.slice(last).replace(STRAY, ''));
}

/**
 * Text with user references as plain readers see them ("bob", "slack:U0123"); when one text names two
 * people who would read alike (`web:bob` and `console:bob`), both keep their platform.
 */
export function plainUserRefs(text: string): string {
  if (!hasUserRef(text)) return text;
  const byName = new Map<string, Set<string>>();
  for (const m of text.matchAll(REF)) {
    const shown = displayUser(m[1]!);
    byName.set(shown, (byName.get(shown) ?? new Set()).add(m[1]!));
  }
  return renderUserRefs(text, (id, raw) => {
    const shown = displayUser(id ?? raw);
    return (byName.get(shown)?.size ?? 0) > 1 ? raw : shown;
  });
}
