import JSZip from 'jszip';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judgeAttention } from '../../src/core/attention.js';
import { silentLogger } from '../../src/core/logger.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import type { NewEvent } from '../../src/store/events.js';
import { openFileStore } from '../../src/store/file-store.js';
import { deriveStates } from '../../src/store/item-state.js';
import { gatherYearReport } from '../../src/report/year-report-data.js';
import { logOf, update } from '../digest/fixtures.js';
import { freshDb, runCli } from '../support/run-cli.js';
import { chartEvents } from '../charts/fixtures.js';

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

const admin = { user: 'web:admin', platform: 'web', planId: 'henan-2021' };

/** The spring of the chart tests, then units for T9, a city's report with a note, and T11 signed off. */
function yearEvents(): NewEvent[] {
  return [
    { ...admin, type: 'lead', itemId: 'T9', unit: 'soil-division', at: '2021-01-10T02:00:00Z' },
    { ...admin, type: 'units', itemId: 'T9', add: ['zhoukou', 'nanyang'], remove: [], at: '2021-01-10T02:00:00Z' },
    ...chartEvents(),
    update({ itemId: 'T9', unit: 'zhoukou', user: 'web:zl', progress: [{ indicatorId: 'T9.1', value: 120, target: 200, unit: null }], note: '周口资金到位晚，进度滞后', at: '2021-09-15T02:00:00Z' }),
    { ...admin, type: 'signoff', itemId: 'T11', at: '2021-06-01T02:00:00Z' },
  ];
}

async function dbWith(events: NewEvent[]): Promise<string> {
  const db = freshDb();
  const store = await openFileStore(db, { logger: silentLogger });
  for (const e of events) await store.append(e);
  await store.close();
  return db;
}

const AFTER_YEAR = ['--now', '2022-02-01T09:00:00+08:00'];

/** The section of one item in the Markdown, up to the next item. */
function sectionOf(md: string, id: string): string {
  const start = md.indexOf(`\n### ${id} `);
  if (start < 0) throw new Error(`no section of ${id}`);
  const next = md.indexOf('\n### ', start + 1);
  return md.slice(start, next < 0 ? undefined : next);
}

describe('plan-bot report --year 2021 (Markdown to stdout)', () => {
  it('a summary table at the top, then every objective and task with targets, units, lights by month, sign-off and notes', async () => {
    const r = await runCli(['report', '--year', '2021', ...AFTER_YEAR], { env: { PLANBOT_DB: await dbWith(yearEvents()) } });
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    const lines = md.split('\n');
    expect(lines[0]).toBe('# 2021年河南省生态环境工作要点：2021年度目标完成情况报告');
    expect(md).toContain('全年情况，按年末（2021-12-31）判定。');
    // The summary comes before the first item.
    expect(md.indexOf('## 汇总')).toBeLessThan(md.indexOf('## 目标和任务'));
    expect(lines).toContain('| 目标和任务 | 46 |');
    expect(lines).toContain('| 已销号 | 1 |');
    expect(lines).toContain('| 编号 | 名称 | 红黄绿灯 | 状态 | 销号 | 指标达标 |');
    expect(lines).toContain('| T11 | 强化环境监管 | 🟢 绿灯 | 已完成 | 是 | 1/1 |');
    expect(lines).toContain('| T30 | 健全监测监管体系 | 🔴 红灯 | 滞后 | 否 | 1/1 |');
    // One section per objective and task (no groups).
    expect(lines.filter((l) => l.startsWith('### '))).toHaveLength(plan.items.filter((i) => i.kind !== 'group').length);

    const t9 = sectionOf(md, 'T9');
    expect(t9).toContain('- 牵头单位：土壤生态环境处');
    expect(t9).toContain('- 责任单位：周口市、南阳市');
    expect(t9).toContain('- 销号：未销号');
    // The province value rolled up from the city's report (120 of its 200), reported on 15 September.
    expect(t9).toMatch(/\| T9\.1 完成整治的行政村数量 \| 达到800个行政村（2021年底前） \| [^|]+ \| 2021-09-15 \| 否 \|/);
    // Lights month by month: green before the first report, yellow from March.
    expect(t9).toContain('| 🟢 绿灯 | 🟢 绿灯 | 🟡 黄灯 |');
    // The year is over and T9 missed its targets: red at the end, with the notes that explain it, newest first.
    expect(t9).toContain('- 红黄绿灯：红灯：');
    expect(t9).toContain('**未达标情况说明**');
    expect(t9.indexOf('周口资金到位晚，进度滞后')).toBeLessThan(t9.indexOf('Zhoukou and Nanyang behind schedule'));
    expect(t9).toContain('2021-09-15 zl（周口市）：“周口资金到位晚，进度滞后”');

    const t11 = sectionOf(md, 'T11');
    expect(t11).toMatch(/- 销号：已销号（2021-06-01，admin）/);
    expect(t11).not.toContain('未达标情况说明');
    // An item without targets shows what the plan asks of it.
    expect(sectionOf(md, 'T1')).toContain('- 计划要求：');
  });

  it('in English, and for a year not over: judged as of now, months to come left blank', async () => {
    const r = await runCli(['report', '--year', '2021', '--lang', 'en', '--now', '2021-06-07T09:00:00+08:00'], { env: { PLANBOT_DB: await dbWith(chartEvents()) } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('# 2021 Henan Province Ecological Environment Work Key Points: year-end report 2021');
    expect(r.stdout).toContain('The year is not over: judged as of 2021-06-07');
    expect(sectionOf(r.stdout, 'T9')).toContain('| 🟢 green | 🟢 green | 🟡 yellow | 🟡 yellow | 🟡 yellow | 🟡 yellow | — | — | — | — | — | — |');
  });

  it('exit 2 without --year or for a format it does not write, 1 for a year the plan is not about', async () => {
    expect((await runCli(['report'])).code).toBe(2);
    expect((await runCli(['report', '--year', '2021', '--format', 'pdf'])).code).toBe(2);
    expect((await runCli(['report', '--year', '2021', '--format', 'docx'])).code).toBe(2);
    const other = await runCli(['report', '--year', '2020']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('Use --year 2021');
  });
});

describe('plan-bot report --format docx, read back with jszip', () => {
  it('a Word document whose text holds the summary, each item, its lights (as filled cells) and notes', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'planbot-report-')), 'report.docx');
    const r = await runCli(['report', '--year', '2021', '--format', 'docx', '--out', out, ...AFTER_YEAR], { env: { PLANBOT_DB: await dbWith(yearEvents()) } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Year-end report 2021 (docx): ${out}`);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
    expect(paragraphs[0]).toBe('2021年河南省生态环境工作要点：2021年度目标完成情况报告');
    expect(paragraphs).toEqual(expect.arrayContaining(['汇总', '目标和任务', 'T9 土壤污染防治行动', '牵头单位：土壤生态环境处', '销号：未销号', '未达标情况说明', '2021-09-15 zl（周口市）：“周口资金到位晚，进度滞后”', '红灯', '12月']));
    expect(paragraphs.filter((p) => /^[OT]\d+ /.test(p))).toHaveLength(46);
    // Each light is a cell filled with its colour.
    expect(xml).toMatch(/<w:shd [^>]*w:fill="D64541"/);
    expect(xml).toMatch(/<w:shd [^>]*w:fill="2E9E5B"/);
  });
});

describe('the lights of the report come from the one attention computation', () => {
  it('each month is the judge at the month’s end over the states replayed until then', () => {
    const events = logOf(yearEvents());
    const report = gatherYearReport({ plan, events, now: new Date('2022-02-01T09:00:00+08:00'), timeZone: 'Asia/Shanghai' });
    for (const [m, end] of [[2, '2021-04-01T00:00:00+08:00'], [8, '2021-10-01T00:00:00+08:00'], [11, '2022-01-01T00:00:00+08:00']] as const) {
      const at = Date.parse(end);
      const states = deriveStates(events, plan, new Date(at - 1).toISOString());
      const judge = judgeAttention(plan, { at, timeZone: 'Asia/Shanghai' });
      for (const r of report.items) expect(r.monthly[m], `${r.item.id} month ${m + 1}`).toBe(judge.of(r.item, states.get(r.item.id)).light);
    }
    expect(report.items.find((r) => r.item.id === 'T30')!.monthly.slice(0, 4)).toEqual(['green', 'green', 'green', 'red']);
  });
});
