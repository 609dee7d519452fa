import { hasReason, reasonText, severity, type ItemAttention } from './attention.js';
import { t } from './i18n.js';
import { lightMark } from './lights.js';
import type { Lang } from './reply.js';
import type { ItemState } from '../store/item-state.js';
import { bareId, platformOf } from './user-ids.js';
import { cleanFreeText } from './free-text.js';
import { userRef } from './user-refs.js';

/** One line of a list of items that need attention: the same words in a digest and in an answer. */
export interface AttentionEntry {
  id: string;
  text: string;
  /** Owners written as mentions (of stale items, so that they are asked to report); adapters may notify them. */
  mentions: string[];
}

/** A note as quoted in lists: one line, at most `max` characters. */
export function quoteNote(note: string, max: number): string {
  const clean = cleanFreeText(note).replace(/\s+/g, ' ').trim();
  return `“${clean.length > max ? `${clean.slice(0, max).trimEnd()}…` : clean}”`;
}

/**
 * "T24 Hazardous waste … — 🔴 off track · owners: zhao · “note”": the item's title, its light, every reason it
 * needs attention, its owners (mentioned when it is stale, since they are the ones to report) and
 * its latest note.
 */
export function attentionEntry(a: ItemAttention, state: ItemState | undefined, lang: Lang, date: (at: string) => string, maxNote = 200): AttentionEntry {
  const reasons = a.reasons.map((r) => reasonText(r, lang, date)).join(t(lang, '; ', '；'));
  const owners = state?.owners ?? [];
  const stale = hasReason(a, 'stale');
  const who = owners.length
    ? stale
      ? ` · ${owners.map((o) => (platformOf(o) === 'slack' ? userRef(o) : `@${userRef(o)}`)).join(' ')}`
      : t(lang, ` · owners: ${owners.map(bareId).join(', ')}`, ` · 负责人：${owners.map(bareId).join('、')}`)
    : stale
      ? t(lang, ' · no owner', ' · 未指定负责人')
      : '';
  const note = state?.note ? ` · ${quoteNote(state.note, maxNote)}` : '';
  // The light leads the reasons when it is red or yellow (staleness alone leaves it green, unmarked).
  const light = a.light === 'green' ? '' : `${lightMark(a.light)} `;
  return { id: a.item.id, text: `${a.item.title[lang]} — ${light}${reasons}${who}${note}`, mentions: stale ? owners : [] };
}

/** Orders items that need attention: worst first, the stalest first among stale ones, then plan order. */
export function compareAttention(order: ReadonlyMap<string, number>): (a: ItemAttention, b: ItemAttention) => number {
  const staleDays = (x: ItemAttention) => {
    const r = x.reasons[0];
    return r?.kind === 'stale' ? r.days : 0;
  };
  return (a, b) => severity(a) - severity(b) || staleDays(b) - staleDays(a) || order.get(a.item.id)! - order.get(b.item.id)!;
}
