import dayjs from 'dayjs';

/**
 * Instants shown as their wall clock in a time zone (`PLANBOT_TZ`), as dayjs' `dayjs(at).tz(zone).format(…)`
 * writes them, without its cost: dayjs formats every instant through a fresh `toLocaleString`, which
 * was a tenth of an answer's time. Here a zone's offset is read once per UTC hour with one reused
 * `Intl.DateTimeFormat` per zone, and an hour that holds a change of offset (its first and last second
 * disagree) is read instant by instant. Only display: week and schedule logic keeps dayjs.
 */

const HOUR_MS = 3_600_000;
/** Offsets remembered per zone before starting again: a year is 8,760 hours, this bounds memory anyway. */
const HOURS_LIMIT = 20_000;

const formats = new Map<string, Intl.DateTimeFormat>();
/** Per zone, the offset (ms) of each UTC hour (epoch hour → offset), or null for an hour in which it changes. */
const hourOffsets = new Map<string, Map<number, number | null>>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    // Throws a RangeError for an unknown zone, as dayjs does.
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, f);
  }
  return f;
}

/** The zone's offset at the whole second `ms`, in ms (wall clock read as UTC, minus the instant). */
function offsetAtSecond(ms: number, timeZone: string): number {
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of formatIn(timeZone).formatToParts(ms)) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') mo = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
    else if (p.type === 'hour') h = Number(p.value);
    else if (p.type === 'minute') mi = Number(p.value);
    else if (p.type === 'second') s = Number(p.value);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(y, mo - 1, d);
  wall.setUTCHours(h, mi, s, 0);
  return wall.getTime() - ms;
}

/** The offset of `timeZone` at the instant `ms` (epoch ms), in ms. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  let hours = hourOffsets.get(timeZone);
  if (!hours) hourOffsets.set(timeZone, (hours = new Map()));
  const hour = Math.floor(ms / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const first = offsetAtSecond(start, timeZone);
    // Offsets change on whole seconds: the hour's last second says whether one did within it.
    offset = offsetAtSecond(start + HOUR_MS - 1000, timeZone) === first ? first : null;
    if (hours.size >= HOURS_LIMIT) hours.clear();
    hours.set(hour, offset);
  }
  return offset ?? offsetAtSecond(Math.floor(ms / 1000) * 1000, timeZone);
}

/** Epoch ms of an instant: a number, a Date, or an ISO string (one without an offset is read as dayjs reads it). */
export function instantMs(at: string | number | Date): number {
  if (typeof at === 'number') return at;
  if (typeof at !== 'string') return at.getTime();
  // dayjs reads a string of its own pattern (a date and time without an offset) itself, in the
  // process' zone, and hands any other (an offset, or Z) to `Date`. Event times are written by
  // `toISOString` ("…Z"): no need to test the pattern. An offset cannot be told by the end alone: the
  // "-15" of "2021-06-15" is the day.
  return at.charCodeAt(at.length - 1) === 90 /* Z */ || !DAYJS_LOCAL.test(at) ? Date.parse(at) : dayjs(at).valueOf();
}

/** dayjs' own pattern of a local date and time (its `REGEX_PARSE`), tested on strings not ending in Z. */
const DAYJS_LOCAL = /^(\d{4})[-/]?(\d{1,2})?[-/]?(\d{0,2})[Tt\s]*(\d{1,2})?:?(\d{1,2})?:?(\d{1,2})?[.:]?(\d+)?$/;

/** The wall clock of an instant in `timeZone`, as epoch ms read in UTC (10:00 in Shanghai → 10:00Z). */
export function wallClockMs(at: string | number | Date, timeZone: string): number {
  const ms = instantMs(at);
  return ms + zoneOffsetMs(ms, timeZone);
}

const PAD2 = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

function dateOf(wall: Date): string {
  return `${String(wall.getUTCFullYear()).padStart(4, '0')}-${PAD2[wall.getUTCMonth() + 1]}-${PAD2[wall.getUTCDate()]}`;
}

/** The local date of an instant, `YYYY-MM-DD`: `dayjs(at).tz(timeZone).format('YYYY-MM-DD')`. */
export function localDay(at: string | number | Date, timeZone: string): string {
  const ms = instantMs(at);
  if (Number.isNaN(ms)) return 'Invalid Date';
  return dateOf(new Date(ms + zoneOffsetMs(ms, timeZone)));
}

/** The local date and time of an instant to the minute, `YYYY-MM-DD HH:mm`: `dayjs(at).tz(timeZone).format('YYYY-MM-DD HH:mm')`. */
export function localMinute(at: string | number | Date, timeZone: string): string {
  const ms = instantMs(at);
  if (Number.isNaN(ms)) return 'Invalid Date';
  const wall = new Date(ms + zoneOffsetMs(ms, timeZone));
  return `${dateOf(wall)} ${PAD2[wall.getUTCHours()]}:${PAD2[wall.getUTCMinutes()]}`;
}

/** The local time of day of an instant to the second, `HH:mm:ss`: `dayjs(at).tz(timeZone).format('HH:mm:ss')`. */
export function localTimeOfDay(at: string | number | Date, timeZone: string): string {
  const ms = instantMs(at);
  if (Number.isNaN(ms)) return 'Invalid Date';
  const wall = new Date(ms + zoneOffsetMs(ms, timeZone));
  return `${PAD2[wall.getUTCHours()]}:${PAD2[wall.getUTCMinutes()]}:${PAD2[wall.getUTCSeconds()]}`;
}
