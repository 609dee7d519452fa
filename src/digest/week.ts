import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { localDay, zoneOffsetMs } from '../core/zone-time.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The time zone digests use when none is configured (env `PLANBOT_TZ`). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * One Monday–Sunday week in a time zone. `start`/`end` are what people read (ISO with offset,
 * Monday 00:00:00 to Sunday 23:59:59); `startMs`/`endMs` bound it for comparisons, `endMs` exclusive
 * (the next Monday 00:00), so a week across a DST switch is 167 or 169 hours long.
 */
export interface Week {
  /** The Monday as YYYY-MM-DD: the key a `digest-posted` event records. */
  key: string;
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  /** True for the week so far (Monday 00:00 to now), which a question about "this week" covers; `end` is then now. */
  partial?: boolean;
}

const DAY = 'YYYY-MM-DD';

/** Midnight at the start of a calendar date in a zone, as epoch milliseconds. */
export function startOfDate(date: string, timeZone: string): number {
  return dayjs.tz(`${date}T00:00:00`, timeZone).valueOf();
}

/** A calendar date moved by whole days, independent of any zone ("2021-03-08" + 7 → "2021-03-15"). */
export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format(DAY);
}

/** The local calendar date of an instant in a zone. */
export function localDate(at: Date | number, timeZone: string): string {
  return localDay(at, timeZone);
}

/** The Monday–Sunday week (local time in `timeZone`) that contains the instant `at`. */
export function weekContaining(at: Date | number, timeZone: string): Week {
  const local = dayjs(at).tz(timeZone);
  const monday = addDays(local.format(DAY), -((local.day() + 6) % 7));
  const startMs = startOfDate(monday, timeZone);
  const endMs = startOfDate(addDays(monday, 7), timeZone);
  return {
    key: monday,
    start: dayjs(startMs).tz(timeZone).format(),
    end: dayjs(endMs - 1000).tz(timeZone).format(),
    startMs,
    endMs,
  };
}

/**
 * The last complete Monday–Sunday week at `now`: on Sunday 23:59 that is the week before this
 * one; from Monday 00:00 on it is the week that has just ended.
 */
export function lastCompleteWeek(now: Date | number, timeZone: string): Week {
  return weekContaining(weekContaining(now, timeZone).startMs - 1, timeZone);
}

/**
 * Monday 00:00 of the week containing `now` up to `now` itself, in `timeZone`: what a question about
 * "this week" covers (the posted digest covers `lastCompleteWeek` instead). `endMs` is just after
 * `now`, so an update recorded at `now` is in it.
 */
export function weekSoFar(now: Date | number, timeZone: string): Week {
  const week = weekContaining(now, timeZone);
  const ms = typeof now === 'number' ? now : now.getTime();
  return { ...week, end: dayjs(ms).tz(timeZone).format(), endMs: ms + 1, partial: true };
}

/** The week before `week`. */
export function previousWeek(week: Week, timeZone: string): Week {
  return weekContaining(week.startMs - 1, timeZone);
}

/** Formats instants (ms or ISO strings) in one zone with a dayjs format such as "MM-DD HH:mm". */
export type ZoneFormatter = (at: number | string, format: string) => string;

/**
 * A formatter for one zone, with the offsets of `zone-time.ts` (one Intl reading per zone and UTC hour)
 * rather than dayjs' `.tz()`, which costs a fresh Intl lookup per instant.
 */
export function zoneFormatter(timeZone: string): ZoneFormatter {
  return (at, format) => {
    const ms = typeof at === 'number' ? at : Date.parse(at);
    return dayjs.utc(ms).utcOffset(zoneOffsetMs(ms, timeZone) / 60_000).format(format);
  };
}

/** Throws a RangeError unless `timeZone` is an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new RangeError(`unknown time zone "${timeZone}"; use an IANA name such as Asia/Shanghai`);
  }
}
