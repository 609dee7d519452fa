import { UserError } from '../errors.js';
import { parseNumeral } from '../plan/chinese-numerals.js';
import type { Plan } from '../plan/schema.js';
import { findItem } from './find-item.js';
import type { ParseResult } from './parse-update.js';
import { CHINESE_KIND, ID_PREFIX } from '../plan/item-id.js';
import { readUsers } from './resolve-user.js';
import type { UserId } from './user-ids.js';

/** Who to add to or remove from an item's owners. */
export interface AssignArgs {
  itemId: string;
  users: UserId[];
}

const ITEM = /^(?:[OGT]\d{1,3}|(?:任务组|任务|目标)第?[零〇一二两三四五六七八九十\d]{1,3})$/i;
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
  const idWord = words.find((w) => ITEM.test(w.normalize('NFKC')));
  if (!idWord) {
    return { ok: false, problems: [{ code: 'item.missing', en: 'Say which item, e.g. /plan assign T9 @bob.', zh: '请指明事项，例如 /plan assign T9 @bob。' }] };
  }
  let itemId: string;
  try {
    const w = idWord.normalize('NFKC');
    const zh = /^(任务组|任务|目标)第?(.+)$/.exec(w);
    itemId = findItem(plan, zh ? `${ID_PREFIX[CHINESE_KIND[zh[1]!]!]}${parseNumeral(zh[2]!) ?? zh[2]}` : w).id;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { ok: false, problems: [{ code: err.id, en: err.text.en, zh: err.text.zh }] };
  }
  const read = readUsers(words.filter((w) => w !== idWord && !/^(分配给|指派给|交给)$/.test(w)), asker);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const users = read.users;
  if (users.length === 0) {
    return { ok: false, problems: [{ code: 'user.missing', en: `Say who, e.g. /plan assign ${itemId} @bob.`, zh: `请指明人员，例如 /plan assign ${itemId} @bob。` }] };
  }
  return { ok: true, args: { itemId, users } };
}
