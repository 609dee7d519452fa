import { UserError } from '../errors.js';
import type { Plan } from '../plan/schema.js';
import { findItem } from './find-item.js';
import type { ParseResult } from './parse-update.js';
import { readUsers } from './resolve-user.js';
import type { UserId } from './user-ids.js';
import { readLeadingItemRef } from '../search/parse-item-ref.js';

/** Who to add to or remove from an item's owners. */
export interface AssignArgs {
  itemId: string;
  users: UserId[];
}

const FILLER = new Set(['to', 'from', 'and', 'as', 'owner', 'owners', '给', '和', '从', '把', '为', '负责人', '的']);

/**
 * Reads `T9 @bob @carol`, `@bob to T9` or `把 T9 分配给 bob` (after the verb): one item id and one or
 * more users, each read by the user resolver on the asker's platform (`@bob` from the web chat is
 * `web:bob`; `@console:erin` and Slack mentions as written). Pure.
 */
export function parseAssign(text: string, plan: Plan, asker: UserId): ParseResult<AssignArgs> {
  const words = text
    .replace(/(分配给|指派给|交给|给|从|移除)/g, ' $1 ')
    .split(/[\s,，、;；]+/)
    .map((w) => w.trim())
    .filter((w) => w && !FILLER.has(w.toLowerCase()));
  // The item is read by the one reference reader, and may take several words ("task 9", "第八项").
  const at = words.findIndex((w, i) => !w.startsWith('@') && wholeWordsRef(words.slice(i).join(' ')) !== null);
  const idWord = at >= 0 ? wholeWordsRef(words.slice(at).join(' ')) : null;
  const taken = idWord ? idWord.split(' ').length : 0;
  if (!idWord) {
    return { ok: false, problems: [{ code: 'item.missing', en: 'Say which item, e.g. /plan assign T9 @bob.', zh: '请指明事项，例如 /plan assign T9 @bob。' }] };
  }
  let itemId: string;
  try {
    itemId = findItem(plan, idWord).id;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { ok: false, problems: [{ code: err.id, en: err.text.en, zh: err.text.zh }] };
  }
  const read = readUsers(words.filter((w, i) => (i < at || i >= at + taken) && !/^(分配给|指派给|交给)$/.test(w)), asker);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const users = read.users;
  if (users.length === 0) {
    return { ok: false, problems: [{ code: 'user.missing', en: `Say who, e.g. /plan assign ${itemId} @bob.`, zh: `请指明人员，例如 /plan assign ${itemId} @bob。` }] };
  }
  return { ok: true, args: { itemId, users } };
}

/** A reference at the start of the text that ends where a word ends ("task 9 @bob" → "task 9"), or null. */
function wholeWordsRef(text: string): string | null {
  const lead = readLeadingItemRef(text);
  if (!lead || !/^(?:\s|$)/.test(text.slice(lead.length))) return null;
  return text.slice(0, lead.length).trim();
}
