import { UserError } from '../errors.js';
import type { Lang, ReplyFile } from '../core/reply.js';
import type { Plan } from '../plan/schema.js';
import type { PlanEvent } from '../store/events.js';
import { ledgerAsOf } from './as-of.js';
import { exportLedger, LEDGER_FORMATS, readFormat, type LedgerFormat } from './export-ledger.js';
import { buildLedger } from './ledger.js';
import { readSheetId, SHEET_IDS, type SheetId } from './sheets.js';

/** What an export asks for, read and checked: the same for `plan-bot export` and `/plan export`. */
export interface LedgerRequest {
  format: LedgerFormat;
  lang: Lang;
  sheet?: SheetId;
  week?: string;
}

/**
 * Reads an export's options as typed (`--format csv --lang en --sheet ledger`), refusing what it cannot
 * read with a UserError that says what would do. `lang` defaults to Chinese, the ledger's own language.
 */
export function readLedgerRequest(o: { format?: string; lang?: string; sheet?: string; week?: string }, defaultLang: Lang = 'zh'): LedgerRequest {
  const format = o.format === undefined ? 'xlsx' : readFormat(o.format);
  if (!format) throw new UserError('export.format', { en: `Unknown format "${o.format}": use ${LEDGER_FORMATS.join(', ')}.`, zh: `无法识别的格式“${o.format}”：可用 ${LEDGER_FORMATS.join('、')}。` });
  const lang = o.lang === undefined ? defaultLang : o.lang.toLowerCase().startsWith('zh') || o.lang === '中文' ? 'zh' : o.lang.toLowerCase().startsWith('en') || o.lang === '英文' ? 'en' : null;
  if (!lang) throw new UserError('export.lang', { en: `Unknown language "${o.lang}": use zh (Chinese headers) or en (English).`, zh: `无法识别的语言“${o.lang}”：可用 zh（中文表头）或 en（英文）。` });
  let sheet: SheetId | undefined;
  if (o.sheet !== undefined) {
    const id = readSheetId(o.sheet);
    if (!id) throw new UserError('export.sheet', { en: `Unknown sheet "${o.sheet}": use ${SHEET_IDS.join(', ')}.`, zh: `无法识别的工作表“${o.sheet}”：可用 ${SHEET_IDS.join('、')}（台账、进展记录、指标）。` });
    sheet = id;
  }
  return { format, lang, ...(sheet ? { sheet } : {}), ...(o.week !== undefined ? { week: o.week } : {}) };
}

/** The file an export asks for, from the log: the ledger as of now or of the week asked, in the format, language and sheet asked. */
export async function ledgerFile(request: LedgerRequest, from: { plan: Plan; events: readonly PlanEvent[]; now: Date; timeZone: string }): Promise<ReplyFile> {
  const asOf = ledgerAsOf(request.week, from.now, from.timeZone, from.plan.year);
  const ledger = buildLedger({ plan: from.plan, events: from.events, asOf, timeZone: from.timeZone, lang: request.lang });
  return exportLedger(ledger, request.format, request.sheet);
}
