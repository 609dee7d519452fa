import { lightMark, lightWord, type Light } from '../core/lights.js';
import type { Lang } from '../core/reply.js';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const DAY_MS = 86_400_000;

/** An instant's wall clock in one zone as `YYYY-MM-DDTHH:mm:ss`. */
export type WallClock = (at: string) => string;

/**
 * The wall clock of instants in `timeZone`, for ledgers of 100,000 reports: the zone's offset is asked
 * of dayjs once per UTC day (at its start and end; a zone changes its offset at most once a day), and
 * only a day that holds a change is asked per instant.
 */
export function wallClock(timeZone: string): WallClock {
  const days = new Map<number, number | null>();
  const offsetAt = (ms: number) => dayjs(ms).tz(timeZone).utcOffset();
  return (at) => {
    const ms = Date.parse(at);
    const day = Math.floor(ms / DAY_MS);
    let offset = days.get(day);
    if (offset === undefined) {
      const start = offsetAt(day * DAY_MS);
      offset = start === offsetAt((day + 1) * DAY_MS - 1) ? start : null;
      days.set(day, offset);
    }
    return new Date(ms + (offset ?? offsetAt(ms)) * 60_000).toISOString().slice(0, 19);
  };
}
import type { ColumnKind } from './sheets.js';

/** East Asian wide and full-width characters (CJK, kana, hangul, full-width forms) and emoji: two columns each. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

/** How many columns text takes in a fixed-width view: a CJK character counts 2, others 1. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

/** Writes cells as text (CSV, markdown): numbers plainly, shares as percentages, instants in the ledger's zone. */
export interface CellText {
  (kind: ColumnKind, value: string | number | null): string;
}

/** 0.525 → "52.5%". */
export function percentText(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** A cell writer for text formats in one language and zone; `marks` puts 🔴/🟡/🟢 before a light's word. */
export function cellText(lang: Lang, timeZone: string, opts: { marks?: boolean } = {}): CellText {
  const clock = wallClock(timeZone);
  return (kind, value) => {
    if (value === null || value === '') return '';
    switch (kind) {
      case 'number':
        return String(value);
      case 'percent':
        return percentText(value as number);
      case 'datetime':
        return clock(value as string).slice(0, 16).replace('T', ' ');
      case 'light':
        return opts.marks ? `${lightMark(value as Light)} ${lightWord(value as Light, lang)}` : lightWord(value as Light, lang);
      default:
        return String(value);
    }
  };
}

/** A calendar date (YYYY-MM-DD) as the Date a spreadsheet stores for it (midnight, no zone). */
export function sheetDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * An instant as the Date a spreadsheet stores for the wall-clock time it shows in `timeZone`
 * (spreadsheet dates have no zone: 2021-06-08T02:00Z in Asia/Shanghai is stored as 10:00).
 */
export function sheetDateTime(clock: WallClock, at: string): Date {
  return new Date(`${clock(at)}Z`);
}
