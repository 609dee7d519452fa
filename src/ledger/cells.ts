import { lightMark, lightWord, type Light } from '../core/lights.js';
import type { Lang } from '../core/reply.js';
import { zoneFormatter, type ZoneFormatter } from '../digest/week.js';
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
  const zone = zoneFormatter(timeZone);
  return (kind, value) => {
    if (value === null || value === '') return '';
    switch (kind) {
      case 'number':
        return String(value);
      case 'percent':
        return percentText(value as number);
      case 'datetime':
        return zone(value as string, 'YYYY-MM-DD HH:mm');
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
export function sheetDateTime(zone: ZoneFormatter, at: string): Date {
  return new Date(`${zone(at, 'YYYY-MM-DDTHH:mm:ss')}Z`);
}
