import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chartFile, drawChart } from '../src/charts/make-chart.js';
import { svgToPng } from '../src/charts/render-chart.js';
import { loadPlan } from '../src/plan/load-plan.js';
import { yearReport } from '../src/report/year-report.js';
import { logOf } from '../tests/digest/fixtures.js';
import { chartEvents } from '../tests/charts/fixtures.js';
import { syntheticLog } from './digest.bench.js';

const NOW = new Date('2021-06-07T09:00:00+08:00');

/**
 * Measures the charts and the year-end report on the 2021 plan: the SVG (vega-lite compile and a
 * headless vega View), the PNG (resvg with Noto Sans CJK, about 12 ms of CPU a text element), both
 * kinds of chart, and the report as Markdown and DOCX. Wall and CPU medians; run directly with
 * `npx tsx bench/chart.bench.ts`. Digests pay for a chart only when posted (src/charts/digest-chart.ts).
 */
export async function runChartBench(): Promise<Record<string, number | string>> {
  const plan = await loadPlan();
  // The plan's items reported on by a busy spring: the chart tests' reports and 20,000 synthetic ones.
  const events = logOf([...chartEvents(), ...syntheticLog(40, 20_000).map((e) => ({ ...e, planId: plan.id }))]);
  const median = async (run: () => Promise<unknown>, runs: number) => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await run();
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const mid = (xs: number[]) => Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]! * 10) / 10;
    return { wall: mid(wall), cpu: mid(cpu) };
  };
  const progress = () => drawChart({ plan, events, at: NOW, timeZone: 'Asia/Shanghai', lang: 'zh' });
  const trend = () => drawChart({ plan, events, at: NOW, timeZone: 'Asia/Shanghai', lang: 'zh', indicator: 'T9.1' });
  await chartFile(await progress(), 'png');
  const progressSvg = await median(progress, 5);
  const progressChart = await progress();
  // The PNG itself (resvg), not the cache of the latest charts that chartFile keeps.
  const progressPng = await median(() => svgToPng(progressChart.svg), 5);
  const cached = await median(() => chartFile(progressChart, 'png'), 5);
  const trendSvg = await median(trend, 5);
  const trendChart = await trend();
  const trendPng = await median(() => svgToPng(trendChart.svg), 5);
  const report = { plan, events, year: 2021, now: new Date('2022-01-05T09:00:00+08:00'), timeZone: 'Asia/Shanghai', lang: 'zh' as const };
  const md = await median(() => yearReport(report, 'md'), 3);
  const docx = await median(() => yearReport(report, 'docx'), 3);
  return {
    events: events.length,
    'progress chart: SVG ms (median)': progressSvg.wall,
    'progress chart: PNG ms (median)': progressPng.wall,
    'progress chart: PNG cpu ms (median, all threads)': progressPng.cpu,
    'progress chart: PNG ms asked again (cached)': cached.wall,
    'progress chart: text elements': (progressChart.svg.match(/<text/g) ?? []).length,
    'trend chart: SVG ms (median, 23 weekly replays)': trendSvg.wall,
    'trend chart: PNG ms (median)': trendPng.wall,
    'year-end report: md ms (median)': md.wall,
    'year-end report: docx ms (median)': docx.wall,
    'load average (1 min)': Math.round(loadavg()[0]! * 10) / 10,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runChartBench());
}
