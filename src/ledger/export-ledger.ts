import { t } from '../core/i18n.js';
import type { Lang, ReplyFile } from '../core/reply.js';
import type { Ledger } from './ledger.js';
import { ledgerSheets, sheetName, type SheetId } from './sheets.js';
import { sheetMarkdown } from './write-md.js';

/** The formats a ledger is exported in. */
export const LEDGER_FORMATS = ['xlsx', 'csv', 'md'] as const;
/** One export format. */
export type LedgerFormat = (typeof LEDGER_FORMATS)[number];

/** MIME types of the files an export makes. */
export const MEDIA_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
  md: 'text/markdown; charset=utf-8',
} as const;

/**
 * A ledger as one file: `xlsx` a workbook of every sheet (or the one named); `csv` one CSV per sheet in a
 * zip, or the named sheet's CSV alone; `md` a markdown table of the ledger sheet (or the one named).
 * Named `台账-2021-06-13.xlsx` / `ledger-2021-06-13.xlsx` after the date it stands at.
 */
export async function exportLedger(ledger: Ledger, format: LedgerFormat, sheet?: SheetId): Promise<ReplyFile> {
  const { lang, timeZone } = ledger;
  const date = ledger.asOf.date;
  const base = `${t(lang, 'ledger', '台账')}-${date}`;
  const title = exportTitle(ledger);
  // The writers (exceljs, jszip) are loaded only when a file is made, so answering questions never loads them.
  switch (format) {
    case 'xlsx': {
      const { sheetsXlsx } = await import('./write-xlsx.js');
      return { name: `${base}.xlsx`, mediaType: MEDIA_TYPES.xlsx, data: await sheetsXlsx(ledgerSheets(ledger, sheet ? [sheet] : undefined), lang, timeZone), title };
    }
    case 'csv': {
      const { sheetCsv, sheetsCsvZip } = await import('./write-csv.js');
      if (sheet) return { name: `${sheetName(sheet, lang)}-${date}.csv`, mediaType: MEDIA_TYPES.csv, data: sheetCsv(ledgerSheets(ledger, [sheet])[0]!, lang, timeZone), title };
      return { name: `${base}-csv.zip`, mediaType: MEDIA_TYPES.zip, data: await sheetsCsvZip(ledgerSheets(ledger), lang, timeZone), title };
    }
    case 'md': {
      const text = `${sheetMarkdown(ledgerSheets(ledger, [sheet ?? 'ledger'])[0]!, lang, timeZone)}\n`;
      return { name: `${base}.md`, mediaType: MEDIA_TYPES.md, data: Buffer.from(text, 'utf8'), title };
    }
  }
}

/** "Ledger as of 2021-06-13 (week of 2021-06-07): 46 rows" / "台账（截至2021-06-13，2021-06-07当周）：46行". */
export function exportTitle(ledger: Ledger, lang: Lang = ledger.lang): string {
  const { date, week } = ledger.asOf;
  const n = ledger.rows.length;
  return week
    ? t(lang, `Ledger as of the end of the week of ${week.key} (${date}): ${n} rows`, `台账（截至${week.key}当周末 ${date}）：${n}行`)
    : t(lang, `Ledger as of ${date}: ${n} rows`, `台账（截至${date}）：${n}行`);
}

/** Reads a format word (`xlsx`, `excel`, `csv`, `md`, `markdown`); null when it is none. */
export function readFormat(word: string): LedgerFormat | null {
  const w = word.trim().toLowerCase();
  if (w === 'xlsx' || w === 'excel' || w === 'xls') return 'xlsx';
  if (w === 'csv') return 'csv';
  if (w === 'md' || w === 'markdown') return 'md';
  return null;
}
