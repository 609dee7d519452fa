import type { Light } from '../core/lights.js';
import { lightWord } from '../core/lights.js';
import type { Lang } from '../core/reply.js';
import { calendarDateSerial, dateSerial, displayWidth, zoneShift, type ZoneShift } from './cells.js';
import type { Column, ColumnKind, Sheet } from './sheets.js';
import {
  APP_XML,
  contentTypesXml,
  CORE_XML,
  ROOT_RELS_XML,
  STYLE,
  STYLES_XML,
  workbookRelsXml,
  workbookXml,
  WORKSHEET_TAIL,
  worksheetHead,
  xmlEscape,
} from './xlsx-package.js';
import { zipFiles, type ZipEntry } from './zip.js';

export { LIGHT_FILLS, NUMBER_FORMATS } from './xlsx-package.js';

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Columns wide enough for what they hold: a date shows 10 characters, a time 16. */
const KIND_WIDTH: Partial<Record<ColumnKind, number>> = { date: 11, datetime: 17, percent: 8 };
/** Characters of sheet XML gathered before they are handed to the zip (about 1 MB of UTF-8). */
const CHUNK = 1 << 18;

/**
 * The sheets as one workbook (SpreadsheetML written as text, zipped by node:zlib; see docs/ledger.md for
 * why not exceljs): a frozen header row, column widths that fit their text (a CJK character counts 2),
 * numbers as numbers, shares as percentages, dates and times as real dates (times as the wall clock in
 * `timeZone`), and each light as its word on a coloured fill. Strings are inline, so each row is written
 * once, as it is read, with no table of strings kept.
 */
export async function sheetsXlsx(sheets: readonly Sheet[], lang: Lang, timeZone: string): Promise<Uint8Array> {
  const shift = zoneShift(timeZone);
  const lights: Record<Light, string> = { red: lightWord('red', lang), yellow: lightWord('yellow', lang), green: lightWord('green', lang) };
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', chunks: [contentTypesXml(sheets.length)] },
    { name: '_rels/.rels', chunks: [ROOT_RELS_XML] },
    { name: 'docProps/core.xml', chunks: [CORE_XML] },
    { name: 'docProps/app.xml', chunks: [APP_XML] },
    { name: 'xl/workbook.xml', chunks: [workbookXml(sheets.map((s) => s.name))] },
    { name: 'xl/_rels/workbook.xml.rels', chunks: [workbookRelsXml(sheets.length)] },
    { name: 'xl/styles.xml', chunks: [STYLES_XML] },
    ...sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, chunks: worksheetXml(sheet, i === 0, lang, shift, lights) })),
  ];
  return zipFiles(entries);
}

/** A sheet's XML, piece by piece: the head, then its rows about a megabyte at a time. */
function* worksheetXml(sheet: Sheet, selected: boolean, lang: Lang, shift: ZoneShift, lights: Record<Light, string>): Generator<string> {
  const cols = sheet.columns.map((_c, i) => columnLetters(i));
  const widths = sheet.columns.map((c) => widthOf(sheet, c, lang, lights));
  yield worksheetHead({ lastCell: `${cols[cols.length - 1] ?? 'A'}${sheet.rows.length + 1}`, selected, widths });
  let xml = '<row r="1">';
  for (let i = 0; i < cols.length; i++) xml += textCell(`${cols[i]}1`, sheet.columns[i]!.header[lang], STYLE.header);
  xml += '</row>';
  const writers = sheet.columns.map((c, i) => cellWriter(c, cols[i]!, shift, lights));
  const rows = sheet.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const n = String(r + 2);
    xml += `<row r="${n}">`;
    for (let i = 0; i < writers.length; i++) xml += writers[i]!(row, n);
    xml += '</row>';
    if (xml.length >= CHUNK) {
      yield xml;
      xml = '';
    }
  }
  yield xml + WORKSHEET_TAIL;
}

/** Writes one column's cell of a row (`n` is the row's number); an empty value writes no cell. */
type CellWriter = (row: unknown, n: string) => string;

/** The writer of a column's cells, by its kind: each knows its style and how its value becomes XML. */
function cellWriter(col: Column<unknown>, letters: string, shift: ZoneShift, lights: Record<Light, string>): CellWriter {
  const value = col.value;
  const number = (style: number, serial: (v: string | number) => number) => {
    const at = `<c r="${letters}`;
    const styled = style ? `" s="${style}` : '';
    return (row: unknown, n: string) => {
      const v = value(row);
      if (v === null || v === '') return '';
      const x = serial(v);
      return Number.isFinite(x) ? `${at}${n}${styled}"><v>${x}</v></c>` : '';
    };
  };
  switch (col.kind) {
    case 'number':
      return number(STYLE.plain, Number);
    case 'percent':
      return number(STYLE.percent, Number);
    case 'date': {
      const dates = new Map<string, number>();
      return number(STYLE.date, (v) => {
        let serial = dates.get(v as string);
        if (serial === undefined) dates.set(v as string, (serial = calendarDateSerial(v as string)));
        return serial;
      });
    }
    case 'datetime':
      return number(STYLE.datetime, (v) => dateSerial(shift(Date.parse(v as string))));
    case 'light': {
      const cells = { red: lightCell('red'), yellow: lightCell('yellow'), green: lightCell('green') };
      return (row, n) => {
        const v = value(row) as Light | null;
        return v ? `<c r="${letters}${n}${cells[v]}` : '';
      };
    }
    case 'text':
      return (row, n) => {
        const v = value(row);
        return v === null || v === '' ? '' : textCell(letters + n, String(v), STYLE.plain);
      };
  }
  function lightCell(light: Light): string {
    return `" s="${STYLE[light]}" t="inlineStr"><is><t>${xmlEscape(lights[light])}</t></is></c>`;
  }
}

/** An inline-string cell; spaces at either end are kept (`xml:space`), as a reader would trim them. */
function textCell(ref: string, text: string, style: number): string {
  const s = style ? ` s="${style}"` : '';
  const edge = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${edge}>${xmlEscape(text)}</t></is></c>`;
}

/** 0 → A, 25 → Z, 26 → AA. */
function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A column's width in characters: its widest cell (header included), CJK counted double, within bounds. */
function widthOf(sheet: Sheet, col: Column<unknown>, lang: Lang, lights: Record<Light, string>): number {
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
