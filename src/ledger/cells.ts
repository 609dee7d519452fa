import { percent } from '../core/attention.js';
import { lightMark, lightWord, type Light } from '../core/lights.js';
import type { Lang } from '../core/reply.js';
import { zoneOffsetMs } from '../core/zone-time.js';
import type { ColumnKind } from './sheets.js';

const DAY_MS = 86_400_000;

/** Epoch ms of an instant → epoch ms of its wall clock in one zone read as UTC (10:00 in Shanghai → 10:00Z). */
export type ZoneShift = (ms: number) => number;

/** The wall clock of instants in `timeZone` as epoch ms, read through the one zone-offset table of `zone-time.ts`. */
export function zoneShift(timeZone: string): ZoneShift {
  return (ms) => ms + zoneOffsetMs(ms, timeZone);
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
