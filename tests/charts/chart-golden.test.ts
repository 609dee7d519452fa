import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawChart, type Chart } from '../../src/charts/make-chart.js';
import type { Lang } from '../../src/core/reply.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import { logOf } from '../digest/fixtures.js';
import { CHART_NOW, chartEvents } from './fixtures.js';

/**
 * Golden SVGs, one per kind of chart, from fixed reports and a fixed clock. After an intended change
 * of a chart, regenerate them with `UPDATE_GOLDEN=1 npx vitest run tests/charts/chart-golden.test.ts`
 * and look at the difference before committing it.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

const draw = (lang: Lang, indicator: string | null = null): Promise<Chart> => drawChart({ plan, events: logOf(chartEvents()), at: CHART_NOW, timeZone: 'Asia/Shanghai', lang, indicator });

/** The text of every <text> element of an SVG. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

function matchGolden(name: string, svg: string): void {
  const path = golden(name);
  if (UPDATE || !existsSync(path)) writeFileSync(path, svg);
  expect(svg, `${name} differs from the golden file; if the change is intended, regenerate with UPDATE_GOLDEN=1`).toBe(readFileSync(path, 'utf8'));
}

describe('chart SVGs against golden files', () => {
  it('the progress chart: every quantified target against its pace, in Chinese', async () => {
    const chart = await draw('zh');
    expect(chart.kind).toBe('progress');
    matchGolden('progress.zh.svg', chart.svg);
    const words = texts(chart.svg);
    expect(words).toContain('量化指标完成情况与时序进度（截至2021-06-07）');
    expect(words).toEqual(expect.arrayContaining(['T9.1 完成整治的行政村数量', 'O3.3 农村生活污水治理率', '红灯', '黄灯', '绿灯', '300个行政村（37.5%）', '未报送', '目标完成百分比（%）']));
    // Every quantified target of the plan (nine: not O6.1's ceiling, not T20's completion) has a row.
    expect(words.filter((w) => /^[OT]\d+\.\d /.test(w))).toHaveLength(9);
  });

  it('the trend chart of one target, week by week, in Chinese', async () => {
    const chart = await draw('zh', 'T9.1');
    expect(chart.kind).toBe('trend');
    matchGolden('trend-T9.1.zh.svg', chart.svg);
    const words = texts(chart.svg);
    expect(words).toContain('T9.1 完成整治的行政村数量：逐周进展');
    expect(words).toEqual(expect.arrayContaining(['周末日期', '37.5%', '06-06', '05-09']));
  });

  it('labels follow the language asked for', async () => {
    const words = texts((await draw('en')).svg);
    expect(words).toContain('Targets against pace, as of 2021-06-07');
    expect(words).toEqual(expect.arrayContaining(['red', 'yellow', 'green', '300 villages (37.5%)', 'no report']));
    expect(words.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('draws the same SVG twice (no clock, no randomness, no machine fonts involved)', async () => {
    expect((await draw('zh', 'T9')).svg).toBe((await draw('zh', 'T9.1')).svg);
  });
});
