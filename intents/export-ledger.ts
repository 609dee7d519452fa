import { z } from 'zod';
import { t } from '../src/core/i18n.js';
import { defineIntent } from '../src/core/intent.js';
import { reply } from '../src/core/reply.js';
import { resolveDate } from '../src/core/resolve-date.js';
import { ledgerFile, readFormat, readLedgerRequest, readSheetId, sheetName, SHEET_IDS, type SheetId } from '../src/ledger/index.js';
import { analysed } from '../src/core/analysed-utterance.js';

/** "export the ledger", "export the ledger as csv", "download the ledger in excel": the format in group 1. */
const EXPORT_EN = /^(?:please\s+)?(?:export|download|send(?: me)?|give me)\s+(?:the\s+|a\s+)?(?:ledger|spreadsheet|workbook)(?:\s+(?:as|in)\s+(?:an?\s+)?(xlsx|excel|csv|md|markdown))?(?:\s+(?:file|please))?\s*[.!]?$/i;
/** "导出台账", "导出台帐" (the common variant 帐), "导出台账csv", "下载工作台账", "导出台账为excel", "导出 csv": the format in group 1 or 2. */
const EXPORT_ZH = /^(?:请)?(?:帮我)?(?:导出|下载)(?:一下|一份)?(?:(?:工作)?台[账帐](?:\s*(?:为|成|到)?\s*(xlsx|excel|csv|md))?|\s*(xlsx|excel|csv|md)(?:\s*格式)?(?:的?(?:工作)?台[账帐])?)(?:文件)?\s*[。！!？?]?$/i;

const Args = z.object({
  format: z.string().optional(),
  sheet: z.string().optional(),
  week: z.string().optional(),
  lang: z.string().optional(),
});

/** Reads `/plan export` words: a format (xlsx, csv, md), a sheet (台账, history…), a language (en, 中文) and a date of the week wanted, in any order. */
function parseExportWords(rest: string, year: number): z.infer<typeof Args> {
  const out: z.infer<typeof Args> = {};
  // NFKC (full-width ｃｓｖ) and 帐 → 账 ("台帐" is the common variant of 台账).
  for (const word of rest.normalize('NFKC').replace(/台帐/g, '台账').trim().split(/\s+/).filter(Boolean)) {
    if (readFormat(word)) out.format = word;
    else if (readSheetId(word)) out.sheet = word;
    else if (/^(?:en|english|zh|chinese|英文|中文)$/i.test(word)) out.lang = /^(?:en|english|英文)$/i.test(word) ? 'en' : 'zh';
    else if (resolveDate(word, year).ok) out.week = word;
    // Anything else is refused as a format, with the formats there are.
    else out.format = word;
  }
  return out;
}

/**
 * The ledger (台账) as a file carried by the reply: xlsx by default (csv: one file per sheet in a zip,
 * or one sheet; md: a table), headers in the reply's language, now or as of a week's end. Adapters
 * deliver the file (Slack uploads it, the web chat links it, the console saves it). Read-only.
 */
export const exportLedgerIntent = defineIntent({
  id: 'export',
  summary: { en: 'Export the ledger (台账) as a spreadsheet: xlsx, csv or md', zh: '导出台账（xlsx、csv 或 md）' },
  usage: '/plan export [xlsx|csv|md] [ledger|history|indicators] [en|zh] [WEEK DATE]',
  examples: { en: ['/plan export xlsx', 'export the ledger as csv', '/plan export csv history 2021-06-07'], zh: ['导出台账', '/plan 导出 csv', '导出台账csv'] },
  commands: ['export', 'ledger', '导出', '台账'],
  args: Args,
  sideEffects: false,
  cues: { words: ['export', 'download', 'send', 'give', '导出', '下载'] },
  recognize: (u) => {
    // NFKC: full-width letters and punctuation typed on a Chinese keyboard ("导出ｃｓｖ") read as their ASCII forms.
    const text = analysed(u).nfkc.trim();
    const m = EXPORT_EN.exec(text) ?? EXPORT_ZH.exec(text);
    const format = m?.[1] ?? m?.[2];
    return m ? (format ? { format } : {}) : null;
  },
  parseCommand: (rest, _u, ctx) => parseExportWords(rest, ctx.plan.year),
  handle: async (args, ctx) => {
    const request = readLedgerRequest(args, ctx.lang);
    const file = await ledgerFile(request, { plan: ctx.plan, events: ctx.store.events(), now: ctx.clock.now(), timeZone: ctx.timeZone });
    const { lang } = ctx;
    const ids: SheetId[] = request.sheet ? [request.sheet] : request.format === 'md' ? ['ledger'] : [...SHEET_IDS];
    const sheets = ids.map((id) => sheetName(id, request.lang));
    return reply(
      lang,
      [
        { type: 'heading', text: t(lang, `Ledger exported: ${file.name}`, `台账已导出：${file.name}`) },
        { type: 'context', text: `${file.title}${t(lang, `; sheets: ${sheets.join(', ')}; lights and pace judged in ${ctx.timeZone}.`, `；工作表：${sheets.join('、')}；灯号与时序进度按 ${ctx.timeZone} 计算。`)}` },
      ],
      { files: [file] },
    );
  },
});
