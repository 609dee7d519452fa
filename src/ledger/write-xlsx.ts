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
  sharedStringsXml,
  STYLE,
  STYLES_XML,
  workbookRelsXml,
  workbookXml,
  WORKSHEET_TAIL,
  worksheetHead,
} from './xlsx-package.js';
import { zipFiles, type ZipEntry } from './zip.js';

export { LIGHT_FILLS, NUMBER_FORMATS } from './xlsx-package.js';

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Columns wide enough for what they hold: a date shows 10 characters, a time 16. */
const KIND_WIDTH: Partial<Record<ColumnKind, number>> = { date: 11, datetime: 17, percent: 8 };
const NO_TEXT = -1;
/** Characters of sheet XML gathered before they are handed to the zip (256 KB: rows are ASCII). */
const CHUNK = 1 << 18;

/**
 * The sheets as one workbook, SpreadsheetML written as text and zipped by node:zlib (docs/ledger.md says
 * why not exceljs): a frozen header row, column widths that fit their text (a CJK character counts 2),
 * numbers as numbers, shares as percentages, dates and times as real dates (times as the wall clock in
 * `timeZone`), each light as its word on a coloured fill. Texts are shared strings, as Excel writes
 * them: a title repeated on 19 rows is stored, escaped and measured once, and the rows are plain ASCII.
 */
export async function sheetsXlsx(sheets: readonly Sheet[], lang: Lang, timeZone: string): Promise<Uint8Array> {
  const shift = zoneShift(timeZone);
  const strings = new SharedStrings();
  const word = (light: Light) => strings.id(lightWord(light, lang), 0);
  const lights: Record<Light, number> = { red: word('red'), yellow: word('yellow'), green: word('green') };
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', chunks: [contentTypesXml(sheets.length)] },
    { name: '_rels/.rels', chunks: [ROOT_RELS_XML] },
    { name: 'docProps/core.xml', chunks: [CORE_XML] },
    { name: 'docProps/app.xml', chunks: [APP_XML] },
    { name: 'xl/workbook.xml', chunks: [workbookXml(sheets.map((s) => s.name))] },
    { name: 'xl/_rels/workbook.xml.rels', chunks: [workbookRelsXml(sheets.length)] },
    { name: 'xl/styles.xml', chunks: [STYLES_XML] },
    ...sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, chunks: worksheetXml(sheet, i === 0, lang, shift, strings, lights) })),
    // Last: the sheets above fill the table as they are written (entries are read one after another).
    { name: 'xl/sharedStrings.xml', chunks: { [Symbol.iterator]: () => sharedStringsXml(strings.list, strings.references) } },
  ];
  return zipFiles(entries);
}

/** The workbook's table of texts: each distinct text gets the next index, and its display width is kept. */
class SharedStrings {
  readonly list: string[] = [];
  readonly widths: number[] = [];
  references = 0;
  private readonly index = new Map<string, number>();

  /** The index of a text, added when new; `uses` cells refer to it (Excel keeps the count). */
  id(text: string, uses = 1): number {
    this.references += uses;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(text, i);
      this.list.push(text);
      this.widths.push(displayWidth(text));
    }
    return i;
  }
}

/** A sheet's XML, piece by piece: the head (which needs every column's width), then its rows. */
function* worksheetXml(sheet: Sheet, selected: boolean, lang: Lang, shift: ZoneShift, strings: SharedStrings, lights: Record<Light, number>): Generator<string | Buffer> {
  const rows = sheet.rows;
  const letters = sheet.columns.map((_c, i) => columnLetters(i));
  // Texts are looked up column by column first: that gives the widths, and each row's string index.
  const texts = sheet.columns.map((c) => (c.kind === 'text' ? textIds(c, rows, strings) : null));
  const widths = sheet.columns.map((c, i) => widthOf(c, lang, rows, texts[i] ?? null, strings, lights));
  yield worksheetHead({ lastCell: `${letters[letters.length - 1] ?? 'A'}${rows.length + 1}`, selected, widths });
  let header = '<row r="1">';
  for (let i = 0; i < letters.length; i++) header += `<c r="${letters[i]}1" s="${STYLE.header}" t="s"><v>${strings.id(sheet.columns[i]!.header[lang])}</v></c>`;
  yield `${header}</row>`;
  const writers = sheet.columns.map((c, i) => cellWriter(c, letters[i]!, shift, texts[i] ?? null, strings, lights));
  // Rows hold references, numbers and indexes only: ASCII, so a chunk is encoded by a plain copy.
  let xml = '';
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const n = String(r + 2);
    xml += `<row r="${n}">`;
    for (let i = 0; i < writers.length; i++) xml += writers[i]!(row, r, n);
    xml += '</row>';
    if (xml.length >= CHUNK) {
      yield Buffer.from(xml, 'latin1');
      xml = '';
    }
  }
  yield xml + WORKSHEET_TAIL;
}

/** Each row's text in a text column as its shared-string index (`NO_TEXT` for an empty cell). */
function textIds(col: Column<unknown>, rows: readonly unknown[], strings: SharedStrings): Int32Array {
  const ids = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const v = col.value(rows[r]);
    ids[r] = v === null || v === '' ? NO_TEXT : strings.id(String(v));
  }
  return ids;
}

/** Writes one column's cell of the row at index `r` (numbered `n`); an empty value writes no cell. */
type CellWriter = (row: unknown, r: number, n: string) => string;

/** The writer of a column's cells, by its kind: each knows its style and how its value becomes XML. */
function cellWriter(col: Column<unknown>, letters: string, shift: ZoneShift, texts: Int32Array | null, strings: SharedStrings, lights: Record<Light, number>): CellWriter {
  const value = col.value;
  const at = `<c r="${letters}`;
  const number = (style: number, serial: (v: string | number) => number): CellWriter => {
    const styled = style ? `" s="${style}"><v>` : '"><v>';
    return (row, _r, n) => {
      const v = value(row);
      if (v === null || v === '') return '';
      const x = serial(v);
      return Number.isFinite(x) ? `${at}${n}${styled}${x}</v></c>` : '';
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
      const tail = (light: Light) => `" s="${STYLE[light]}" t="s"><v>${lights[light]}</v></c>`;
      const cells: Record<Light, string> = { red: tail('red'), yellow: tail('yellow'), green: tail('green') };
      return (row, _r, n) => {
        const v = value(row) as Light | null;
        if (!v) return '';
        strings.references++;
        return `${at}${n}${cells[v]}`;
      };
    }
    case 'text': {
      const ids = texts!;
      return (_row, r, n) => {
        const id = ids[r]!;
        return id === NO_TEXT ? '' : `${at}${n}" t="s"><v>${id}</v></c>`;
      };
    }
  }
}

/** 0 → A, 25 → Z, 26 → AA. */
function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A column's width in characters: its widest cell (header included), CJK counted double, within bounds. */
function widthOf(col: Column<unknown>, lang: Lang, rows: readonly unknown[], texts: Int32Array | null, strings: SharedStrings, lights: Record<Light, number>): number {
  // The header is bold: a little wider than its characters.
  let widest = displayWidth(col.header[lang]) + 1;
  const fixed = KIND_WIDTH[col.kind];
  if (fixed !== undefined) return Math.max(fixed, Math.min(widest, MAX_WIDTH));
  if (col.kind === 'light') return Math.max(widest, ...Object.values(lights).map((id) => strings.widths[id]!)) + 2;
  if (texts) {
    for (const id of texts) if (id !== NO_TEXT && strings.widths[id]! > widest) widest = strings.widths[id]!;
  } else {
    for (const r of rows) {
      const v = col.value(r);
      if (v === null) continue;
      const w = typeof v === 'number' ? String(v).length : displayWidth(v);
      if (w > widest) widest = w;
    }
  }
  return Math.max(MIN_WIDTH, Math.min(widest + 2, MAX_WIDTH));
}
