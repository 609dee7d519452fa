import { displayUser, parseUserId, type UserId } from './user-ids.js';

/**
 * A user named inside reply text is a reference, not a spelling: `userRef(id)` wraps the id in two
 * private-use characters that no input can carry (`cleanFreeText` and the bot's input cleaning drop
 * them), so adapters can render real mentions from structured ids and never from what users typed.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
/** The longest user id a reference holds. */
const MAX_REF = 200;
/** A reference: OPEN, 1 to {@link MAX_REF} characters that are neither marker, CLOSE. */
const REF = new RegExp(`${OPEN}([^${OPEN}${CLOSE}]{1,${MAX_REF}})${CLOSE}`, 'g');
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

/** True when the text holds either marker character (a reference, or a stray marker that rendering drops). */
export function hasRefMarker(text: string): boolean {
  return text.includes(OPEN) || text.includes(CLOSE);
}

/**
 * Text with every user reference rendered by `render` (given the user id and whether it is one plan-bot
 * knows) and every other piece passed through `plain` (e.g. escaping); stray marker characters are
 * dropped.
 */
export function renderUserRefs(text: string, render: (id: UserId | null, raw: string) => string, plain: (piece: string) => string = (s) => s): string {
  // Most text names nobody: then there is nothing to find.
  let open = text.indexOf(OPEN);
  if (open < 0 && !text.includes(CLOSE)) return plain(text);
  // The `REF` pattern, scanned by hand.
  let out = '';
  let last = 0;
  while (open >= 0) {
    const close = text.indexOf(CLOSE, open + 1);
    if (close < 0) break;
    const next = text.indexOf(OPEN, open + 1);
    if (next >= 0 && next < close) {
      open = next;
      continue;
    }
    if (close - open - 1 < 1 || close - open - 1 > MAX_REF) {
      open = next;
      continue;
    }
    const raw = text.slice(open + 1, close);
    out += plain(withoutStrays(text.slice(last, open)));
    out += render(parseUserId(raw), raw);
    last = close + 1;
    open = next;
  }
  return out + plain(withoutStrays(text.slice(last)));
}

function withoutStrays(piece: string): string {
  return hasRefMarker(piece) ? piece.replace(STRAY, '') : piece;
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
