import { lightWord, type Light } from '../core/lights.js';
import type { Lang } from '../core/reply.js';
import { ByteChunks } from './byte-chunks.js';
import { percent } from '../core/attention.js';
import { minuteText } from './cells.js';
import type { Column, Sheet } from './sheets.js';
import { zipFiles } from './zip.js';

/** The byte order mark that makes Excel read a CSV file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is written with a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell needs quotes when it holds a quote, comma or line end, or starts or ends with white space. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function quote(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One sheet as CSV (RFC 4180, CRLF line ends) in UTF-8 with a BOM, so Excel opens Chinese correctly. */
export function sheetCsv(sheet: Sheet, lang: Lang, timeZone: string): Uint8Array {
  return Buffer.concat([...csvChunks(sheet, lang, timeZone)]);
}

/** Every sheet as its own CSV file (`台账.csv`, …) in one zip; names are UTF-8, which Windows and macOS unzip read. */
export async function sheetsCsvZip(sheets: readonly Sheet[], lang: Lang, timeZone: string): Promise<Uint8Array> {
  return zipFiles(sheets.map((sheet) => ({ name: `${sheet.name}.csv`, chunks: csvChunks(sheet, lang, timeZone) })));
}

/** A sheet's CSV, UTF-8, a megabyte at a time: the BOM and header line, then its rows. */
function* csvChunks(sheet: Sheet, lang: Lang, timeZone: string): Generator<Buffer> {
  const cells = sheet.columns.map((c) => cellWriter(c, lang, timeZone));
  const out = new ByteChunks();
  out.add(`${UTF8_BOM}${sheet.columns.map((c) => quote(c.header[lang])).join(',')}\r\n`);
  const last = cells.length - 1;
  for (const row of sheet.rows) {
    let line = '';
    for (let i = 0; i < last; i++) line += `${cells[i]!(row)},`;
    const full = out.add(`${line}${last >= 0 ? cells[last]!(row) : ''}\r\n`);
    if (full) yield full;
  }
  yield out.take();
}

/**
 * How a column's cells are written, by its kind, as `cellText` writes them (numbers plainly, shares as
 * percentages, instants as the wall clock in `timeZone`), quoted where CSV needs it.
 */
function cellWriter(col: Column<unknown>, lang: Lang, timeZone: string): (row: unknown) => string {
  const value = col.value;
  const present = (write: (v: string | number) => string) => (row: unknown) => {
    const v = value(row);
    return v === null || v === '' ? '' : write(v);
  };
  switch (col.kind) {
    case 'number':
      return present((v) => quote(String(v)));
    case 'percent':
      return present((v) => percent(v as number));
    case 'date':
      return present((v) => quote(String(v)));
    case 'datetime': {
      const minute = minuteText(timeZone);
      return present((v) => minute(v as string));
    }
    case 'light': {
      const words = { red: quote(lightWord('red', lang)), yellow: quote(lightWord('yellow', lang)), green: quote(lightWord('green', lang)) };
      return present((v) => words[v as Light]);
    }
    case 'text':
      return present((v) => {
        const s = String(v);
        return quote(FORMULA_START.test(s) ? `'${s}` : s);
      });
  }
}
