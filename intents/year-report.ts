import { z } from 'zod';
import { t } from '../src/core/i18n.js';
import { defineIntent } from '../src/core/intent.js';
import { reply } from '../src/core/reply.js';
import { analysed } from '../src/core/analysed-utterance.js';

/** "year-end report", "annual report", "年终报告", "年度总结报告", "年底报告?": asking for the year-end report. */
const REPORT_EN = /\b(?:year[- ]end|annual|end[- ]of[- ]year|yearly)\s+(?:summary\s+)?report\b/i;
const REPORT_ZH = /(?:年终|年度|年底|全年)(?:总结|工作)?(?:报告|总结)/;

/**
 * Asking for the year-end report in chat: it is made by the command line (`plan-bot report`), so the
 * bot says so politely, with the command, and points to what chat can give (the ledger, the chart).
 * Read-only.
 */
export const yearReportIntent = defineIntent({
  id: 'year-report',
  summary: { en: 'Where the year-end report comes from (the command line)', zh: '年终报告从哪里生成（命令行）' },
  usage: '/plan year-report',
  examples: { en: ['year-end report'], zh: ['年终报告'] },
  commands: ['year-report', '年终报告'],
  args: z.object({}),
  sideEffects: false,
  cues: { words: ['report', '报告', '总结'] },
  recognize: (u) => {
    const text = analysed(u).nfkc.trim();
    return text.length <= 40 && (REPORT_EN.test(text) || REPORT_ZH.test(text)) ? {} : null;
  },
  parseCommand: () => ({}),
  handle: (_args, ctx) => {
    const year = ctx.plan.year;
    const command = `plan-bot report --year ${year} --format docx --out report-${year}.docx`;
    return reply(ctx.lang, [
      { type: 'paragraph', text: t(ctx.lang, `The year-end report of ${year} is made on the command line, not in chat: whoever runs plan-bot can make it with ${command}`, `${year}年年终报告不在聊天中生成，而是用命令行生成：请运行 plan-bot 的同事执行 ${command}`) },
      { type: 'context', text: t(ctx.lang, 'Here in chat: /plan export for the ledger (台账), /plan chart for the progress chart.', '在聊天中可以：/plan 导出 获取台账，/plan 进度图 查看进度图。') },
    ]);
  },
});
