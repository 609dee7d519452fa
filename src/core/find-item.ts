import { UserError } from '../errors.js';
import type { Plan, PlanItem } from '../plan/schema.js';
import { itemId } from '../plan/item-id.js';
import { readLeadingItemRef } from '../search/parse-item-ref.js';
import { nfkc } from '../search/normalize.js';
import { planItemById } from './plan-item-by-id.js';

/**
 * The one reader of item references for every command and recogniser: an id in any case or width
 * ("T9", "t9", "T９"), or the words a question accepts ("task 9", "taks 9", "第九项", "第九项任务",
 * "任务9", "目标三", "目標三", "objective three", "任务组三"). The whole text must be the reference
 * (trailing punctuation aside). Returns the item, or throws a user error suggesting near ids.
 */
export function findItem(plan: Plan, rawId: string): PlanItem {
  const id = nfkc(rawId).trim().toUpperCase();
  const item = planItemById(plan, id);
  if (item) return item;
  const lead = readLeadingItemRef(rawId.trim());
  const whole = lead && /^[\s.,，。!！?？:：]*$/.test(rawId.trim().slice(lead.length));
  const named = whole ? itemId(lead.ref.kind, lead.ref.number) : id;
  const found = planItemById(plan, named);
  if (found) return found;
  // "status of T9", "history for task 9", "关于T9": a leading preposition is not part of the reference.
  const bare = rawId.trim().replace(LEADING_FILLER, '');
  if (bare && bare !== rawId.trim()) {
    const inner = tryFindItem(plan, bare);
    if (inner) return inner;
  }
  const near = nearestIds(plan, named);
  throw new UserError(
    'item.not-found',
    {
      en: `There is no item "${rawId}" in this plan. Ids are ${idRanges(plan).join(', ')}${near.length ? `; did you mean ${near.join(', ')}?` : '.'}`,
      zh: `本计划中没有“${rawId}”。编号为 ${idRanges(plan).join('、')}${near.length ? `；您是否要找 ${near.join('、')}？` : '。'}`,
    },
    { id: rawId, suggestions: near },
  );
}

/** Words that may come before an item reference in a command: "of", "for", "about", "关于", "对于". */
const LEADING_FILLER = /^(?:(?:of|for|on|about|re)\s+|(?:关于|對於|对于|關於)\s*)/i;

/** `findItem` without the error: the item, or null. */
function tryFindItem(plan: Plan, rawId: string): PlanItem | null {
  try {
    return findItem(plan, rawId);
  } catch {
    return null;
  }
}

/** The id ranges of a plan by kind, such as O1–O6. */
export function idRanges(plan: Plan): string[] {
  return (['O', 'G', 'T'] as const)
    .map((prefix) => plan.items.filter((i) => i.id.startsWith(prefix)).map((i) => i.id))
    .filter((ids) => ids.length > 0)
    .map((ids) => (ids.length === 1 ? ids[0]! : `${ids[0]}–${ids[ids.length - 1]}`));
}

/** Ids closest to a mistyped one: same number under another kind, or a neighbouring number. */
function nearestIds(plan: Plan, id: string): string[] {
  const digits = /\d+/.exec(id)?.[0];
  if (!digits) return [];
  const n = Number(digits);
  const same = plan.items.filter((i) => i.id.slice(1) === String(n)).map((i) => i.id);
  const close = plan.items.filter((i) => id[0] === i.id[0] && Math.abs(Number(i.id.slice(1)) - n) === 1).map((i) => i.id);
  return [...new Set([...same, ...close])].slice(0, 4);
}
