import { Cron } from 'croner';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { localDay, localTimeOfDay } from '../core/zone-time.js';
import { workingCalendar, type ReportingSchedule, type WorkingCalendar } from '../core/working-calendar.js';
import { UserError } from '../errors.js';
import { assertTimeZone, localDate } from './week.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Fridays 12:00 (in the configured time zone): when reports are due unless `PLANBOT_REPORT_DUE` says otherwise. */
export const DEFAULT_REPORT_DUE = '0 12 * * 5';

export type { ReportingSchedule };

/**
 * One reporting cycle: from the previous due time (inclusive) to this one (exclusive). A report
 * recorded at or after `start` and before `due` is a report of this cycle.
 */
export interface ReportingCycle {
  /** The due date, YYYY-MM-DD in the time zone: what a `reminder-sent` event records as `cycle`. */
  key: string;
  start: Date;
  due: Date;
  /** True when the cron's day was a day off and the due time moved to the working day before. */
  moved: boolean;
}

/** The default schedule: Fridays 12:00 in `timeZone` on the statutory calendar with no overrides. */
export function defaultReportingSchedule(timeZone: string, calendar: WorkingCalendar = workingCalendar()): ReportingSchedule {
  return { cron: DEFAULT_REPORT_DUE, timeZone, calendar };
}

/** Parses the due-time cron for a zone with croner, or throws a user error saying how to fix it. */
export function reportDueCron(cron: string, timeZone: string): Cron {
  try {
    assertTimeZone(timeZone);
    return new Cron(cron, { timezone: timeZone });
  } catch (err) {
    throw new UserError('cycle.bad-schedule', {
      en: `The report due time "${cron}" in ${timeZone} is not valid (${(err as Error).message}). Set PLANBOT_REPORT_DUE to a cron expression such as "0 12 * * 5" (Fridays 12:00).`,
      zh: `报送截止时间“${cron}”（${timeZone}）无效（${(err as Error).message}）。请将 PLANBOT_REPORT_DUE 设为 cron 表达式，例如“0 12 * * 5”（每周五 12:00）。`,
    });
  }
}

/** A cron time moved to the working day on or before its date, at the same local time of day. */
function onWorkingDay(raw: Date, s: ReportingSchedule): { at: Date; moved: boolean } {
  const date = localDay(raw, s.timeZone);
  const day = s.calendar.workingDayOnOrBefore(date);
  if (day === date) return { at: raw, moved: false };
  return { at: dayjs.tz(`${day}T${localTimeOfDay(raw, s.timeZone)}`, s.timeZone).toDate(), moved: true };
}

/**
 * Due times around `at` last worked out for a schedule, with the two raw cron times `at` fell
 * between: every instant between those two (a second away from each, croner reads whole seconds)
 * has the same raw times around it, so the same due times. Asked on every not-reported question,
 * the cron is walked once a cycle rather than once a question.
 */
interface DueWindow {
  cron: string;
  timeZone: string;
  calendar: WorkingCalendar;
  /** The instants `at` may take for these due times: from `from` (inclusive) to `until` (exclusive). */
  from: number;
  until: number;
  dues: { at: Date; moved: boolean }[];
}

const windows = new WeakMap<ReportingSchedule, DueWindow>();

/** Due times around `at`, after moving off days off, oldest first, without duplicates. */
function dueTimesAround(at: Date, s: ReportingSchedule): { at: Date; moved: boolean }[] {
  const ms = at.getTime();
  const known = windows.get(s);
  if (known && known.cron === s.cron && known.timeZone === s.timeZone && known.calendar === s.calendar && ms >= known.from && ms < known.until) return known.dues;
  const cron = reportDueCron(s.cron, s.timeZone);
  // Moving off days off keeps the order of due times, so three before `at` give the last two ended;
  // ten after it leave a daily schedule one past the longest statutory break (9 days).
  const before = cron.previousRuns(3, new Date(ms + 1));
  const after = cron.nextRuns(10, at);
  const raw = [...before, ...after];
  const byTime = new Map<number, { at: Date; moved: boolean }>();
  for (const r of raw) {
    const d = onWorkingDay(r, s);
    if (!byTime.has(d.at.getTime())) byTime.set(d.at.getTime(), d);
  }
  const dues = [...byTime.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = Math.max(...before.map((d) => d.getTime()));
  const next = Math.min(...after.map((d) => d.getTime()));
  windows.set(s, { cron: s.cron, timeZone: s.timeZone, calendar: s.calendar, from: secondOf(last) + 2000, until: secondOf(next) - 1000, dues });
  return dues;
}

/** The start of the second an instant falls in (-Infinity and Infinity stay). */
function secondOf(ms: number): number {
  return Number.isFinite(ms) ? Math.floor(ms / 1000) * 1000 : ms;
}

function cycleOf(due: { at: Date; moved: boolean }, start: Date, s: ReportingSchedule): ReportingCycle {
  // Copies: the due times are shared by the questions of a cycle.
  return { key: localDate(due.at, s.timeZone), start: new Date(start.getTime()), due: new Date(due.at.getTime()), moved: due.moved };
}

/** The cycle in progress at `at`: the first due time after `at`, and the one before it. */
export function currentCycle(at: Date, s: ReportingSchedule): ReportingCycle {
  const dues = dueTimesAround(at, s);
  const i = dues.findIndex((d) => d.at.getTime() > at.getTime());
  if (i <= 0) throw new RangeError(`no due time around ${at.toISOString()} for "${s.cron}"`);
  return cycleOf(dues[i]!, dues[i - 1]!.at, s);
}

/** The latest cycle that has ended by `at` (its due time at or before `at`). */
export function lastEndedCycle(at: Date, s: ReportingSchedule): ReportingCycle {
  const dues = dueTimesAround(at, s);
  let i = dues.length - 1;
  while (i >= 0 && dues[i]!.at.getTime() > at.getTime()) i--;
  if (i <= 0) throw new RangeError(`no due time before ${at.toISOString()} for "${s.cron}"`);
  return cycleOf(dues[i]!, dues[i - 1]!.at, s);
}
