import { UserError } from '../errors.js';
import { resolveDate } from '../core/resolve-date.js';
import { localDate, startOfDate, weekContaining, type Week } from '../digest/week.js';

/**
 * The moment a ledger stands at: `at` is when lights and pace are judged, `until` the last instant of
 * the log read (absent: the whole log, now). A week's ledger reads the events up to the week's end
 * (Sunday 24:00 in the plan's zone) and judges them then, as the weekly digest does.
 */
export interface LedgerAsOf {
  /** Epoch ms at which attention, lights and the expected share are judged. */
  at: number;
  /** ISO instant: events after it are not read; absent for the ledger now. */
  until?: string;
  /** The week, when the ledger is a week's. */
  week?: Week;
  /** The local date (YYYY-MM-DD) the ledger stands at: the week's Sunday, or today. */
  date: string;
}

/**
 * The as-of of a ledger: now, or the end of the Monday–Sunday week (in `timeZone`) holding `week`, a
 * date read by the one date resolver (`2021-06-07`, `2021/6/7`, `6月7日`; a date without a year is in
 * the plan year). A week that has not ended at `now` is refused: its ledger does not exist yet.
 */
export function ledgerAsOf(week: string | undefined, now: Date, timeZone: string, planYear: number): LedgerAsOf {
  if (week === undefined) return { at: now.getTime(), date: localDate(now, timeZone) };
  const read = resolveDate(week, planYear);
  if (!read.ok) throw new UserError('export.week', { en: `The week “${week}”: ${read.en}`, zh: `周“${week}”：${read.zh}` });
  const w = weekContaining(startOfDate(read.date, timeZone), timeZone);
  if (w.endMs > now.getTime()) {
    throw new UserError('export.week-not-over', {
      en: `The week of ${w.key} has not ended yet (it ends ${w.end}): leave out the week (--week) for the ledger as it stands now, or name an earlier week.`,
      zh: `${w.key} 所在的一周尚未结束（${w.end} 结束）：不指定周（--week）即导出当前台账，或指定更早的一周。`,
    });
  }
  return { at: w.endMs, until: new Date(w.endMs - 1).toISOString(), week: w, date: localDate(w.endMs - 1, timeZone) };
}
