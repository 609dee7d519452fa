import JSZip from 'jszip';
import type { Lang } from '../core/reply.js';
import { cellText } from './cells.js';
import type { Sheet } from './sheets.js';

/** The byte order mark that makes Excel read a CSV file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is written with a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One sheet as CSV (RFC 4180, CRLF line ends) in UTF-8 with a BOM, so Excel opens Chinese correctly. */
export function sheetCsv(sheet: Sheet, lang: Lang, timeZone: string): Uint8Array {
  const text = cellText(lang, timeZone);
  const lines = [sheet.columns.map((c) => quote(c.header[lang])).join(',')];
  for (const row of sheet.rows) {
    const cells: string[] = [];
    for (const c of sheet.columns) {
      let cell = text(c.kind, c.value(row));
      if (c.kind === 'text' && FORMULA_START.test(cell)) cell = `'${cell}`;
      cells.push(quote(cell));
    }
    lines.push(cells.join(','));
  }
  return Buffer.from(`${UTF8_BOM}${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Every sheet as its own CSV file (`台账.csv`, …) in one zip. */
export async function sheetsCsvZip(sheets: readonly Sheet[], lang: Lang, timeZone: string): Promise<Uint8Array> {
  const zip = new JSZip();
  // Names are stored in UTF-8 (jszip sets the language-encoding flag), which Windows and macOS unzip read.
  for (const sheet of sheets) zip.file(`${sheet.name}.csv`, sheetCsv(sheet, lang, timeZone));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
