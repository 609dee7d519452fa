/** The ledger (台账): its platform-neutral model, its sheets and the files it is exported as. */
export { ledgerAsOf, type LedgerAsOf } from './as-of.js';
export { buildLedger, provinceLabel, type HistoryRow, type IndicatorRow, type Ledger, type LedgerInput, type LedgerRow } from './ledger.js';
export { ledgerSheets, readSheetId, sheetName, SHEET_IDS, type Column, type ColumnKind, type Sheet, type SheetId } from './sheets.js';
export { exportLedger, exportTitle, LEDGER_FORMATS, MEDIA_TYPES, readFormat, type LedgerFormat } from './export-ledger.js';
export { readLedgerRequest, type LedgerRequest } from './ledger-request.js';
export { LIGHT_FILLS, NUMBER_FORMATS } from './write-xlsx.js';
export { UTF8_BOM } from './write-csv.js';
