/** The ledger (台账): its platform-neutral model, its sheets and the files it is exported as. */
export { ledgerAsOf, type LedgerAsOf } from './as-of.js';
export { buildLedger, provinceLabel, type HistoryRow, type IndicatorRow, type Ledger, type LedgerInput, type LedgerRow } from './ledger.js';
export { ledgerSheets, readSheetId, sheetName, SHEET_IDS, type Column, type ColumnKind, type Sheet, type SheetId } from './sheets.js';
export { exportLedger, exportTitle, LEDGER_FORMATS, MEDIA_TYPES, readFormat, type LedgerFormat } from './export-ledger.js';
export { ledgerFile, readLedgerRequest, type LedgerRequest } from './ledger-request.js';
// The writers (write-xlsx.ts, write-csv.ts) are imported by exportLedger when a file is made: importing them
// here would load exceljs and jszip into every process that answers a question.
