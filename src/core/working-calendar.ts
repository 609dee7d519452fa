import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { z } from 'zod';

/** A calendar date, `YYYY-MM-DD`, read in the plan's time zone by the caller. */
export type CalendarDate = string;

/**
 * Additions to the statutory calendar, as kept in `data/working-days.override.json`: extra holidays,
 * extra working days (调休), and the years the file fully describes (no fall-back warning for them).
 */
export const CalendarOverrides = z
  .object({
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')).default([]),
    workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')).default([]),
    years: z.array(z.number().int().min(1900).max(2999)).default([]),
  })
  .strict();
export type CalendarOverrides = z.infer<typeof CalendarOverrides>;

/** China's working calendar: statutory holidays are days off, adjusted working days (调休) are worked. */
export interface WorkingCalendar {
  isWorkingDay(date: CalendarDate): boolean;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: CalendarDate): CalendarDate;
  /** `date` itself when it is a working day, else the working day before it. */
  workingDayOnOrBefore(date: CalendarDate): CalendarDate;
  /** Whether the statutory calendar (library or override file) knows this year. */
  covers(year: number): boolean;
}

const STATUTORY = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
/** The years chinese-days publishes (it has each year's State Council notice from 2004). */
const LIBRARY_YEARS: ReadonlySet<number> = new Set(Object.keys(STATUTORY.holidays).map((d) => Number(d.slice(0, 4))));

/** Day of the week of a calendar date, 0 Sunday … 6 Saturday (a date has no time zone). */
function weekday(date: CalendarDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The date `days` after (or before) `date`. */
export function shiftDate(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Builds the working calendar from chinese-days' statutory data plus `overrides`. A year neither
 * covers is read Monday–Friday, and `warn(year)` is called once for it so the operator can add the
 * year to the override file.
 */
export function workingCalendar(opts: { overrides?: Partial<CalendarOverrides>; warn?: (year: number) => void } = {}): WorkingCalendar {
  const extraHolidays = new Set(opts.overrides?.holidays ?? []);
  const extraWorkdays = new Set(opts.overrides?.workdays ?? []);
  const overrideYears = new Set(opts.overrides?.years ?? []);
  const warned = new Set<number>();
  const covers = (year: number) => LIBRARY_YEARS.has(year) || overrideYears.has(year);
  const isWorkingDay = (date: CalendarDate): boolean => {
    if (extraWorkdays.has(date)) return true;
    if (extraHolidays.has(date)) return false;
    const year = Number(date.slice(0, 4));
    if (!covers(year) && !warned.has(year)) {
      warned.add(year);
      opts.warn?.(year);
    }
    if (STATUTORY.workdays[date]) return true;
    if (STATUTORY.holidays[date]) return false;
    const day = weekday(date);
    return day >= 1 && day <= 5;
  };
  const previousWorkingDay = (date: CalendarDate): CalendarDate => {
    // The longest run of days off in the statutory calendar is 9 (Spring Festival plus weekends); 60 is ample.
    for (let d = shiftDate(date, -1), i = 0; i < 60; d = shiftDate(d, -1), i++) if (isWorkingDay(d)) return d;
    throw new RangeError(`no working day in the 60 days before ${date}: check the working-days override file`);
  };
  return {
    isWorkingDay,
    previousWorkingDay,
    workingDayOnOrBefore: (date) => (isWorkingDay(date) ? date : previousWorkingDay(date)),
    covers,
  };
}

/**
 * When reports are due: a cron expression read in `timeZone`, moved off days off by `calendar`
 * (`PLANBOT_REPORT_DUE`). Declared here, below the digest, so the intent context can carry it.
 */
export interface ReportingSchedule {
  cron: string;
  timeZone: string;
  calendar: WorkingCalendar;
}
