import { t } from '../core/i18n.js';
import type { Lang } from '../core/reply.js';
import { userRef } from '../core/user-refs.js';
import type { ListEntry } from './fit-blocks.js';
import type { NotReported } from './not-reported.js';
import type { ReportingCycle } from './reporting-cycle.js';
import { localMinute } from '../core/zone-time.js';

/** Who a not-reported entry is, for reply text: the unit's name (its id when the unit is unknown), or the owner as a user reference. */
export function reporterText(n: Pick<NotReported, 'kind' | 'target' | 'name'>, lang: Lang): string {
  return n.kind === 'unit' ? (n.name?.[lang] ?? n.target) : userRef(n.target);
}

/** The not-reported list turned around, item by item in plan order: each item with whoever owes its report. */
export function notReportedByItem(list: readonly NotReported[], order: ReadonlyMap<string, number>): { itemId: string; reporters: NotReported[] }[] {
  const byItem = new Map<string, NotReported[]>();
  for (const n of list) for (const id of n.items) byItem.set(id, [...(byItem.get(id) ?? []), n]);
  return [...byItem.entries()].sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0)).map(([itemId, reporters]) => ({ itemId, reporters }));
}

/** One item of the digest's not-reported section: the item, then who owes its report. */
export function notReportedEntry(row: { itemId: string; reporters: NotReported[] }, lang: Lang): ListEntry {
  return { id: row.itemId, text: `— ${row.reporters.map((n) => reporterText(n, lang)).join(t(lang, ', ', '、'))}` };
}

/** The due time of a cycle as people read it: `2021-06-11 12:00`, plus "(moved from a day off)" when it moved. */
export function dueText(cycle: ReportingCycle, timeZone: string, lang: Lang): string {
  const when = localMinute(cycle.due, timeZone);
  return cycle.moved ? t(lang, `${when} (moved before a day off)`, `${when}（遇节假日提前）`) : when;
}

/** The span of a cycle: `2021-06-04 12:00 – 2021-06-11 12:00`. */
export function cycleSpanText(cycle: ReportingCycle, timeZone: string): string {
  return `${localMinute(cycle.start, timeZone)} – ${localMinute(cycle.due, timeZone)}`;
}

/** The heading of a not-reported list: 未报送 / Not reported, with the due time and the count. */
export function notReportedHeading(cycle: ReportingCycle, items: number, timeZone: string, lang: Lang): string {
  return t(lang, `Not reported by ${dueText(cycle, timeZone, 'en')} (${items} item${items === 1 ? '' : 's'})`, `未报送（截至${dueText(cycle, timeZone, 'zh')}，${items}项）`);
}

/** What an empty not-reported list says. */
export function everyoneReported(lang: Lang): string {
  return t(lang, 'Everyone responsible has reported in this cycle.', '本周期应报送的均已报送。');
}
