import { percent } from '../core/attention.js';
import { lightMark, lightWord, type Light } from '../core/lights.js';
import type { Lang } from '../core/reply.js';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { ColumnKind } from './sheets.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const DAY_MS = 86_400_000;

/** Epoch ms of an instant → epoch ms of its wall clock in one zone read as UTC (10:00 in Shanghai → 10:00Z). */
export type ZoneShift = (ms: number) => number;

/**
 * A zone's offset (minutes) at the start of each UTC day, per zone, for the life of the process: dayjs
 * answers one in about a millisecond (it formats a date in the zone), and a ledger of 100,000 reports
 * spans a few hundred days, asked again at every export. A few thousand numbers at most.
 */
const DAY_START_OFFSETS = new Map<string, Map<number, number>>();

/**
 * The wall clock of instants in `timeZone` as epoch ms, for ledgers of 100,000 reports: a day whose start
 * and next day's start have the same offset has it throughout (a zone changes its offset at most once a
 * day), and only a day that holds a change is asked of dayjs per instant.
 */
export function zoneShift(timeZone: string): ZoneShift {
  let starts = DAY_START_OFFSETS.get(timeZone);
  if (!starts) DAY_START_OFFSETS.set(timeZone, (starts = new Map()));
  const known = starts;
  const offsetAt = (ms: number) => dayjs(ms).tz(timeZone).utcOffset();
  const startOf = (day: number) => {
    let offset = known.get(day);
    if (offset === undefined) known.set(day, (offset = offsetAt(day * DAY_MS)));
    return offset;
  };
  // Reports come in time order: the last day's offset (null: it changes that day) is kept at hand.
  let lastDay = Number.NaN;
  let lastOffset: number | null = null;
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    if (day !== lastDay) {
      const start = startOf(day);
      lastDay = day;
      lastOffset = start === startOf(day + 1) ? start : null;
    }
    return ms + (lastOffset ?? offsetAt(ms)) * 60_000;
  };
}

/** East Asian wide and full-width characters (CJK, kana, hangul, full-width forms) and emoji: two columns each. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

const NOT_NARROW = /[^\u0000-\u10ff]/;

/** How many columns text takes in a fixed-width view: a CJK character counts 2, others 1. */
export function displayWidth(text: string): number {
  // Nothing below U+1100 is wide: most ids, numbers and English text are counted by their length.
  if (!NOT_NARROW.test(text)) return text.length;
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

const HH_MM = Array.from({ length: 1440 }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

/**
 * Instants as their wall clock in `timeZone` to the minute, `YYYY-MM-DD HH:mm`, for text formats: the
 * date is written once per day, the time of day read from a table of the day's 1,440 minutes.
 */
export function minuteText(timeZone: string): (at: string) => string {
  const shift = zoneShift(timeZone);
  const dates = new Map<number, string>();
  return (at) => {
    const ms = shift(Date.parse(at));
    const day = Math.floor(ms / DAY_MS);
    let date = dates.get(day);
    if (date === undefined) dates.set(day, (date = `${new Date(day * DAY_MS).toISOString().slice(0, 10)} `));
    return date + HH_MM[Math.floor((ms - day * DAY_MS) / 60_000)]!;
  };
}

/** Writes cells as text (CSV, markdown): numbers plainly, shares as percentages, instants in the ledger's zone. */
export interface CellText {
  (kind: ColumnKind, value: string | number | null): string;
}

/** A cell writer for text formats in one language and zone; `marks` puts 🔴/🟡/🟢 before a light's word. */
export function cellText(lang: Lang, timeZone: string, opts: { marks?: boolean } = {}): CellText {
  const minute = minuteText(timeZone);
  return (kind, value) => {
    if (value === null || value === '') return '';
    switch (kind) {
      case 'number':
        return String(value);
      case 'percent':
        return percent(value as number);
      case 'datetime':
        return minute(value as string);
      case 'light':
        return opts.marks ? `${lightMark(value as Light)} ${lightWord(value as Light, lang)}` : lightWord(value as Light, lang);
      default:
        return String(value);
    }
  };
}

/** 1970-01-01 as a spreadsheet date serial (days since 1899-12-30, the 1900 date system). */
const UNIX_EPOCH_SERIAL = 25569;

/**
 * A wall-clock time (epoch ms read as UTC, see `zoneShift`) as the date serial a spreadsheet stores:
 * days since 1899-12-30, the time of day a fraction (spreadsheet dates have no zone).
 */
export function dateSerial(wallMs: number): number {
  return UNIX_EPOCH_SERIAL + wallMs / DAY_MS;
}

/** A calendar date (YYYY-MM-DD) as a spreadsheet date serial (its midnight). */
export function calendarDateSerial(date: string): number {
  return dateSerial(Date.parse(`${date}T00:00:00Z`));
}
