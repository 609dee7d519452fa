import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Light } from '../core/lights.js';
import { lightWord } from '../core/lights.js';
import type { Lang } from '../core/reply.js';
import { displayWidth, sheetDate, sheetDateTime, wallClock } from './cells.js';
import type { ColumnKind, Sheet } from './sheets.js';

/** The fill of a light's cell (ARGB), as the workbook stores it. */
export const LIGHT_FILLS: Record<Light, string> = { red: 'FFFF6B6B', yellow: 'FFFFD966', green: 'FF92D050' };

/** Number formats of the kinds that have one. */
export const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = { percent: '0.0%', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm' };

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Columns wide enough for what they hold: a date shows 10 characters, a time 16. */
const KIND_WIDTH: Partial<Record<ColumnKind, number>> = { date: 11, datetime: 17, percent: 8 };

// One style object per look: the writer recognises a style it has seen and does not serialise it again.
const HEADER_STYLE: Partial<ExcelJS.Style> = { font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }, alignment: { vertical: 'middle' } };
const KIND_STYLES: Partial<Record<ColumnKind, Partial<ExcelJS.Style>>> = {
  percent: { numFmt: NUMBER_FORMATS.percent! },
  date: { numFmt: NUMBER_FORMATS.date! },
  datetime: { numFmt: NUMBER_FORMATS.datetime! },
};
/**
 * Every cell gets a style object; a new one per cell (exceljs's default) is serialised again for each
 * cell, a shared one once: plain cells share this one.
 */
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};
const LIGHT_STYLES: Record<Light, Partial<ExcelJS.Style>> = {
  red: { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS.red } } },
  yellow: { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS.yellow } } },
  green: { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS.green } } },
};

/**
 * The sheets as one workbook (exceljs, streaming writer): a frozen header row, column widths that fit
 * their text (a CJK character counts 2), numbers as numbers, shares as percentages, dates and times as
 * real dates (times as the wall clock in `timeZone`), and each light as its word on a coloured fill.
 */
export async function sheetsXlsx(sheets: readonly Sheet[], lang: Lang, timeZone: string): Promise<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'plan-bot';
  const zone = wallClock(timeZone);
  const lights = { red: lightWord('red', lang), yellow: lightWord('yellow', lang), green: lightWord('green', lang) };
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }] });
    ws.columns = sheet.columns.map((_c, i) => ({ key: String(i), width: widthOf(sheet, i, lang, lights) }));
    const header = ws.addRow(sheet.columns.map((c) => c.header[lang]));
    header.eachCell((cell) => (cell.style = HEADER_STYLE));
    header.commit();
    const kinds = sheet.columns.map((c) => c.kind);
    for (const r of sheet.rows) {
      const values = sheet.columns.map((c) => {
        const v = c.value(r);
        if (v === null || v === '') return null;
        switch (c.kind) {
          case 'date':
            return sheetDate(v as string);
          case 'datetime':
            return sheetDateTime(zone, v as string);
          case 'light':
            return lights[v as Light];
          default:
            return v;
        }
      });
      const row = ws.addRow(values);
      for (let i = 0; i < kinds.length; i++) {
        const kind = kinds[i]!;
        const cell = row.getCell(i + 1);
        if (values[i] === null) cell.style = PLAIN_STYLE;
        else if (kind === 'light') cell.style = LIGHT_STYLES[sheet.columns[i]!.value(r) as Light];
        else cell.style = KIND_STYLES[kind] ?? PLAIN_STYLE;
      }
      row.commit();
    }
    ws.commit();
  }
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await book.commit();
  out.end();
  await done.catch(() => undefined);
  return new Uint8Array(Buffer.concat(chunks));
}

/** A column's width in characters: its widest cell (header included), CJK counted double, within bounds. */
function widthOf(sheet: Sheet, i: number, lang: Lang, lights: Record<Light, string>): number {
  const col = sheet.columns[i]!;
  // The header is bold: a little wider than its characters.
  let widest = displayWidth(col.header[lang]) + 1;
  const fixed = KIND_WIDTH[col.kind];
  if (fixed !== undefined) return Math.max(fixed, Math.min(widest, MAX_WIDTH));
  if (col.kind === 'light') return Math.max(widest, ...Object.values(lights).map(displayWidth)) + 2;
  // Titles and unit names repeat row after row: each distinct text is measured once.
  const seen = new Set<string | number>();
  for (const r of sheet.rows) {
    const v = col.value(r);
    if (v === null || seen.has(v)) continue;
    seen.add(v);
    const w = typeof v === 'number' ? String(v).length : displayWidth(v);
    if (w > widest) {
      widest = w;
      if (widest >= MAX_WIDTH) break;
    }
  }
  return Math.max(MIN_WIDTH, Math.min(widest + 2, MAX_WIDTH));
}
