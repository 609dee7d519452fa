import { STATUS_LABELS, t } from '../core/i18n.js';
import type { Lang } from '../core/reply.js';
import type { Bilingual } from '../plan/schema.js';
import type { HistoryRow, IndicatorRow, Ledger, LedgerRow } from './ledger.js';

/**
 * How a column's cells are written: text as text, numbers as numbers, `percent` a share (0.525 shown as
 * 52.5%), `date` a calendar date (YYYY-MM-DD), `datetime` an instant shown in the ledger's zone, `light`
 * a traffic light (its word, and in a workbook a cell fill).
 */
export type ColumnKind = 'text' | 'number' | 'percent' | 'date' | 'datetime' | 'light';

/** One column of a sheet: its header in both languages, its kind and how a row gives its cell. */
export interface Column<R> {
  header: Bilingual;
  kind: ColumnKind;
  value(row: R): string | number | null;
}

/** The sheets a ledger export can hold, by the name `--sheet` takes. */
export const SHEET_IDS = ['ledger', 'history', 'indicators'] as const;
/** One sheet's id. */
export type SheetId = (typeof SHEET_IDS)[number];

/** A sheet ready to write: its name in the ledger's language, columns and rows. */
export interface Sheet<R = unknown> {
  id: SheetId;
  name: string;
  columns: Column<R>[];
  rows: readonly R[];
}

// Not "History": Excel reserves that sheet name (change tracking) and refuses or repairs a workbook using it.
const SHEET_NAMES: Record<SheetId, Bilingual> = {
  ledger: { zh: '台账', en: 'Ledger' },
  history: { zh: '进展记录', en: 'History' },
  indicators: { zh: '指标', en: 'Indicators' },
};

/** A sheet's name in a language: 台账 / Ledger, 进展记录 / History, 指标 / Indicators. */
export function sheetName(id: SheetId, lang: Lang): string {
  return SHEET_NAMES[id][lang];
}

const status = (lang: Lang) => (s: string | null) => (s ? STATUS_LABELS[s as keyof typeof STATUS_LABELS][lang] : null);
const yesNo = (lang: Lang, b: boolean) => (b ? t(lang, 'yes', '是') : t(lang, 'no', '否'));

function ledgerColumns(lang: Lang): Column<LedgerRow>[] {
  const st = status(lang);
  return [
    { header: { zh: '编号', en: 'ID' }, kind: 'text', value: (r) => r.itemId },
    { header: { zh: '事项', en: 'Title' }, kind: 'text', value: (r) => r.title },
    { header: { zh: '牵头单位', en: 'Lead unit' }, kind: 'text', value: (r) => r.lead },
    { header: { zh: '责任单位', en: 'Unit' }, kind: 'text', value: (r) => r.unit },
    { header: { zh: '指标', en: 'Indicator' }, kind: 'text', value: (r) => (r.indicatorId ? `${r.indicatorId} ${r.indicator}` : null) },
    { header: { zh: '目标值', en: 'Target' }, kind: 'number', value: (r) => r.target },
    { header: { zh: '单位', en: 'Measure' }, kind: 'text', value: (r) => (r.target === null ? null : r.measure) },
    { header: { zh: '完成时限', en: 'Deadline' }, kind: 'date', value: (r) => r.deadline },
    { header: { zh: '最新值', en: 'Latest value' }, kind: 'number', value: (r) => r.value },
    { header: { zh: '完成比例', en: '% of target' }, kind: 'percent', value: (r) => r.share },
    { header: { zh: '时序进度', en: 'Expected % at this date' }, kind: 'percent', value: (r) => r.expected },
    { header: { zh: '灯号', en: 'Light' }, kind: 'light', value: (r) => r.light },
    { header: { zh: '状态', en: 'Status' }, kind: 'text', value: (r) => (r.signedOff ? t(lang, 'signed off', '已销号') : st(r.status)) },
    { header: { zh: '最近报送时间', en: 'Last report' }, kind: 'datetime', value: (r) => r.reportedAt },
    { header: { zh: '报送人', en: 'Reported by' }, kind: 'text', value: (r) => r.reportedBy },
    { header: { zh: '备注', en: 'Note' }, kind: 'text', value: (r) => r.note },
  ];
}

function historyColumns(lang: Lang): Column<HistoryRow>[] {
  const st = status(lang);
  return [
    { header: { zh: '时间', en: 'Time' }, kind: 'datetime', value: (r) => r.at },
    { header: { zh: '编号', en: 'ID' }, kind: 'text', value: (r) => r.itemId },
    { header: { zh: '事项', en: 'Title' }, kind: 'text', value: (r) => r.title },
    { header: { zh: '责任单位', en: 'Unit' }, kind: 'text', value: (r) => r.unit },
    { header: { zh: '报送人', en: 'Reported by' }, kind: 'text', value: (r) => r.user },
    { header: { zh: '状态', en: 'Status' }, kind: 'text', value: (r) => st(r.status) },
    { header: { zh: '进展', en: 'Progress' }, kind: 'text', value: (r) => r.progress || null },
    { header: { zh: '备注', en: 'Note' }, kind: 'text', value: (r) => r.note },
    { header: { zh: '已撤销', en: 'Undone' }, kind: 'text', value: (r) => yesNo(lang, r.undone) },
  ];
}

function indicatorColumns(lang: Lang): Column<IndicatorRow>[] {
  return [
    { header: { zh: '事项编号', en: 'Item' }, kind: 'text', value: (r) => r.itemId },
    { header: { zh: '指标编号', en: 'Indicator' }, kind: 'text', value: (r) => r.indicatorId },
    { header: { zh: '指标', en: 'Metric' }, kind: 'text', value: (r) => r.metric },
    { header: { zh: '比较', en: 'Comparator' }, kind: 'text', value: (r) => r.comparator },
    { header: { zh: '目标值', en: 'Target' }, kind: 'number', value: (r) => r.target },
    { header: { zh: '单位', en: 'Measure' }, kind: 'text', value: (r) => r.measure },
    { header: { zh: '完成时限', en: 'Deadline' }, kind: 'date', value: (r) => r.deadline },
    { header: { zh: '力争', en: 'Aspirational' }, kind: 'text', value: (r) => yesNo(lang, r.aspirational) },
    { header: { zh: '汇总方式', en: 'Roll-up' }, kind: 'text', value: (r) => r.rollup },
    { header: { zh: '原文', en: 'Plan text (zh)' }, kind: 'text', value: (r) => r.textZh },
    { header: { zh: '英文', en: 'Plan text (en)' }, kind: 'text', value: (r) => r.textEn },
  ];
}

/** The sheets of a ledger, in order (台账, 进展记录, 指标), or only those named. */
export function ledgerSheets(ledger: Ledger, only?: readonly SheetId[]): Sheet[] {
  const { lang } = ledger;
  const all: Sheet[] = [
    { id: 'ledger', name: sheetName('ledger', lang), columns: ledgerColumns(lang), rows: ledger.rows } as Sheet<LedgerRow> as Sheet,
    { id: 'history', name: sheetName('history', lang), columns: historyColumns(lang), rows: ledger.history } as Sheet<HistoryRow> as Sheet,
    { id: 'indicators', name: sheetName('indicators', lang), columns: indicatorColumns(lang), rows: ledger.indicators } as Sheet<IndicatorRow> as Sheet,
  ];
  return only ? all.filter((s) => only.includes(s.id)) : all;
}

/** Reads `--sheet` (`ledger`, `history`, `indicators`, or a sheet's Chinese or English name); null when it names none. */
export function readSheetId(text: string): SheetId | null {
  const s = text.trim().toLowerCase();
  for (const id of SHEET_IDS) if (s === id || s === SHEET_NAMES[id].zh || s === SHEET_NAMES[id].en.toLowerCase()) return id;
  return null;
}
