import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { makeBot, say } from '../support/make-bot.js';

// Found by QA of #15: a Chinese reporter typing "导出 csv", "导出ｃｓｖ" (full-width) or "导出台帐" (the common
// variant of 账) got "nothing in the plan about that", and "年终报告?" had no answer at all.
const at = () => ({ clock: fixedClock(new Date('2021-06-16T10:00:00+08:00')) });

describe('export and the year-end report as a Chinese reporter types them', () => {
  it.each([
    ['导出台帐', 'xlsx'],
    ['导出 csv', 'zip'],
    ['导出ｃｓｖ', 'zip'],
    ['导出excel格式的台账', 'xlsx'],
    ['请导出台账为csv？', 'zip'],
  ])('"%s" exports the ledger (%s)', async (text, ext) => {
    const r = await say(await makeBot(at()), text, 'console:zhou');
    expect(r.intent).toBe('export');
    expect(r.lang).toBe('zh');
    expect(r.files?.[0]?.name).toMatch(new RegExp(`^台账-2021-06-16(-csv)?\\.${ext}$`));
  });

  it.each(['年终报告?', '年终报告？', '生成年度总结报告', 'can I get the year-end report'])('"%s" is answered politely with the command that makes the report; nothing is written', async (text) => {
    const bot = await makeBot(at());
    const r = await say(bot, text, 'web:ann');
    expect(r.intent).toBe('year-report');
    expect(r.error).toBeUndefined();
    expect(r.text).toContain('plan-bot report --year 2021 --format docx');
    expect(r.text).toMatch(/\/plan export|\/plan 导出/);
    expect(r.files ?? []).toEqual([]);
  });

  it('/plan year-report (as Slack sends it) answers the same, and "导出台账" still exports', async () => {
    const bot = await makeBot(at());
    expect((await say(bot, 'year-report', 'slack:U0123ABCD', { command: true })).intent).toBe('year-report');
    expect((await say(bot, '导出台账', 'console:zhou')).files?.[0]?.name).toBe('台账-2021-06-16.xlsx');
  });
});

describe('/plan export words as typed on a Chinese keyboard', () => {
  it.each([
    ['导出台帐', '台账-2021-06-16.xlsx'],
    ['导出 ｃｓｖ', '台账-2021-06-16-csv.zip'],
  ])('/plan %s (as Slack sends it) exports %s rather than refusing the word as a format', async (text, name) => {
    const r = await say(await makeBot(at()), text, 'slack:U0123ABCD', { command: true });
    expect(r.error).toBeUndefined();
    expect(r.intent).toBe('export');
    expect(r.files?.[0]?.name).toBe(name);
  });
});
