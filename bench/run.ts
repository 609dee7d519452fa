// `npm run bench`: runs every benchmark in turn and prints its figures. Each bench module exports one
// async function returning named figures; they are listed here explicitly.
import { ensureDist } from './dist-build.js';

// A bench marked `dist` measures the build production runs: dist/ is built first when it is stale.
const BENCHES: { name: string; dist?: boolean; load: () => Promise<() => Promise<Record<string, number | string>>> }[] = [
  { name: 'search', load: async () => (await import('./search.bench.js')).runSearchBench },
  { name: 'store', load: async () => (await import('./store.bench.js')).runStoreBench },
  { name: 'digest', load: async () => (await import('./digest.bench.js')).runDigestBench },
  { name: 'pg', load: async () => (await import('./pg.bench.js')).runPgBench },
  { name: 'answer', load: async () => (await import('./answer.bench.js')).runAnswerBench },
  { name: 'slack', dist: true, load: async () => (await import('./slack.bench.js')).runSlackBench },
  { name: 'start', load: async () => (await import('./start.bench.js')).runStartBench },
  { name: 'export', load: async () => (await import('./export.bench.js')).runExportBench },
  { name: 'chart', load: async () => (await import('./chart.bench.js')).runChartBench },
];

const only = process.argv.slice(2);
for (const bench of BENCHES) {
  if (only.length && !only.includes(bench.name)) continue;
  if (bench.dist) ensureDist();
  const run = await bench.load();
  const started = performance.now();
  const figures = await run();
  console.log(`\n== ${bench.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [key, value] of Object.entries(figures)) {
    console.log(`${key.padEnd(width)}  ${typeof value === 'number' ? formatNumber(value) : value}`);
  }
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}
