// Search latency, build time and memory: our index against a plain fuse.js over the raw paragraphs,
// on the real plan and on a generated 10,000-item corpus; and the time to answer a very long message (bench/long-question.ts). `npx tsx bench/search.bench.ts` prints a table;
// `npm run bench` runs it through bench/run.ts. Run with `node --expose-gc` for steadier heap figures.
import Fuse from 'fuse.js';
import { pathToFileURL } from 'node:url';
import { loadPlan } from '../src/plan/load-plan.js';
import type { PlanItem } from '../src/plan/schema.js';
import { buildSearchIndex, type SearchIndex } from '../src/search/index.js';
import { prng } from '../tests/support/prng.js';
import { measureLongQuestions } from './long-question.js';

/** A fixed, varied query list: English and Chinese, paraphrases, typos, references, out-of-scope, junk. */
export const BENCH_QUERIES: readonly string[] = [
  "what's the rural sewage target",
  'wht is the rual sewage targt',
  'safe utilization rate of contaminated farmland',
  'how many administrative villages will be rectified',
  'carbon peaking action plan',
  'greenhouse gas inventory for 2020',
  'coordinated control of PM2.5 and ozone',
  'black and odorous water bodies',
  'South-to-North Water Diversion middle route',
  'hazardous waste three-year campaign',
  'biodiversity survey in the Yellow River basin',
  'environmental damage compensation system',
  'cross-province water pollution emergency linkage',
  'medical wastewater during the epidemic',
  'remote monitoring of enterprises',
  'party history learning and education',
  'cadre job rotation',
  'emergncy suplies warehous',
  '12369 hotline',
  'what is task 9',
  'objective 4',
  'who won the world cup',
  'hello',
  "'; DROP TABLE items; --",
  '农村生活污水治理率要达到多少',
  '放射源辐射事故年发生率',
  '水污染防治',
  '干部网络培训',
  '生物多样性调查观测',
  '碳达峰行动方案',
  '温室气体清单编制',
  '危险废物专项整治三年行动',
  '南水北调中线水源地保护',
  '第九项任务',
  '目标三',
  '今天股市怎么样',
  'PM2.5和臭氧协同控制',
  '12369环保热线投诉',
  '关心关爱干部十条措施',
  'How will Henan make sure that the rural domestic sewage treatment rate reaches the required level this year, and which departments are responsible?',
];

const WARMUP_ROUNDS = 30;
const ROUNDS = 100;
const FUSE_ROUNDS_LARGE = 1;
/** Plain fuse.js takes about a second a query on the large corpus (and far longer on a long query), so it gets the short queries once. */
const FUSE_LARGE_QUERIES = BENCH_QUERIES.filter((q) => q.length <= 32);
const GENERATED_ITEMS = 10_000;

interface Timing {
  p50: number;
  p99: number;
  mean: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs every query `rounds` times after a warm-up and returns per-query latency percentiles (ms). */
function timeQueries(search: (q: string) => unknown, queries: readonly string[], rounds: number, warmup: number): Timing {
  for (let r = 0; r < warmup; r++) for (const q of queries) search(q);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      search(q);
      samples.push(performance.now() - t0);
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), mean: samples.reduce((s, x) => s + x, 0) / samples.length };
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Builds something, returning it with the median wall and CPU build time (ms) over `times` builds and the memory it holds (MB, JS heap plus array buffers). */
function timeBuild<T>(build: () => T, times: number): { value: T; ms: number; cpuMs: number; heapMb: number } {
  const durations: number[] = [];
  const cpuDurations: number[] = [];
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  // Typed arrays keep their data outside the JS heap: count both.
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  collectGarbage();
  collectGarbage();
  const before = used();
  let value = build();
  collectGarbage();
  collectGarbage();
  const heapMb = (used() - before) / 1e6;
  for (let i = 0; i < times; i++) {
    collectGarbage();
    const c0 = cpu();
    const t0 = performance.now();
    value = build();
    durations.push(performance.now() - t0);
    cpuDurations.push(cpu() - c0);
  }
  durations.sort((a, b) => a - b);
  cpuDurations.sort((a, b) => a - b);
  return { value, ms: percentile(durations, 50), cpuMs: percentile(cpuDurations, 50), heapMb };
}


/** A corpus of `count` items recombined from the real plan's sentences, titles, aliases and words. */
export function generateCorpus(items: readonly PlanItem[], count: number, seed = 2021): PlanItem[] {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const zhSentences = items.flatMap((i) => i.text.zh.split(/(?<=[。;；])/).filter((s) => s.trim().length > 3));
  const enSentences = items.flatMap((i) => i.text.en.split(/(?<=[.;])\s+/).filter((s) => s.trim().length > 3));
  const zhTitles = items.map((i) => i.title.zh);
  const enWords = items.flatMap((i) => i.text.en.split(/\s+/)).filter((w) => /^[a-z]{4,}$/i.test(w));
  const zhAliases = items.flatMap((i) => i.aliases.zh);
  const enAliases = items.flatMap((i) => i.aliases.en);
  const sentences = (pool: readonly string[], sep: string): string =>
    Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(pool)).join(sep);
  return Array.from({ length: count }, (_, i): PlanItem => ({
    id: `T${i + 1}`,
    kind: 'task',
    parent: null,
    title: { zh: `${pick(zhTitles)}${pick(zhAliases)}`, en: `${pick(enWords)} ${pick(enWords)} ${pick(enWords)}` },
    text: { zh: sentences(zhSentences, ''), en: sentences(enSentences, ' ') },
    indicators: [],
    aliases: {
      zh: Array.from({ length: Math.floor(random() * 5) }, () => pick(zhAliases)),
      en: Array.from({ length: Math.floor(random() * 5) }, () => pick(enAliases)),
    },
    note: null,
    line: i + 1,
  }));
}

/** The baseline: fuse.js as one would first reach for it, over the raw paragraphs of both languages. */
function buildFuse(items: readonly PlanItem[]): Fuse<{ text: string }> {
  const paragraphs = items.flatMap((i) => [{ text: i.text.zh }, { text: i.text.en }]);
  return new Fuse(paragraphs, { keys: ['text'], includeScore: true });
}

function measure(
  label: string,
  items: readonly PlanItem[],
  rounds: { ours: number; fuse: number; builds: number; fuseQueries: readonly string[] },
): Record<string, number> {
  const ours = timeBuild<SearchIndex>(() => buildSearchIndex(items), rounds.builds);
  const fuse = timeBuild(() => buildFuse(items), rounds.builds);
  const search = (q: string): unknown => ours.value.search(q);
  const oursTime = timeQueries(search, BENCH_QUERIES, rounds.ours, Math.min(WARMUP_ROUNDS, rounds.ours));
  // The ratio compares like with like: our index on the queries fuse.js was given.
  const oursOnFuseQueries = rounds.fuseQueries === BENCH_QUERIES ? oursTime : timeQueries(search, rounds.fuseQueries, rounds.ours, 1);
  const fuseTime = timeQueries((q) => fuse.value.search(q), rounds.fuseQueries, rounds.fuse, 1);
  return {
    [`${label}.items`]: items.length,
    [`${label}.build_ms`]: ours.ms,
    // CPU time of the process during the build: what the build costs when the machine is shared.
    [`${label}.build_cpu_ms`]: ours.cpuMs,
    [`${label}.heap_mb`]: ours.heapMb,
    [`${label}.p50_ms`]: oursTime.p50,
    [`${label}.p99_ms`]: oursTime.p99,
    [`${label}.mean_ms`]: oursTime.mean,
    [`${label}.fuse_build_ms`]: fuse.ms,
    [`${label}.fuse_heap_mb`]: fuse.heapMb,
    [`${label}.fuse_p50_ms`]: fuseTime.p50,
    [`${label}.fuse_p99_ms`]: fuseTime.p99,
    [`${label}.fuse_queries`]: rounds.fuseQueries.length,
    [`${label}.fuse_over_ours_p50`]: fuseTime.p50 / oursOnFuseQueries.p50,
    [`${label}.fuse_over_ours_p99`]: fuseTime.p99 / oursOnFuseQueries.p99,
  };
}

/** Measures the search index against plain fuse.js on the real plan and on a generated 10,000-item corpus. */
export async function runSearchBench(): Promise<Record<string, number | string>> {
  const plan = await loadPlan();
  const real = measure('plan', plan.items, { ours: ROUNDS, fuse: ROUNDS / 10, builds: 20, fuseQueries: BENCH_QUERIES });
  const corpus = generateCorpus(plan.items, GENERATED_ITEMS);
  const large = measure('gen10k', corpus, { ours: ROUNDS / 5, fuse: FUSE_ROUNDS_LARGE, builds: 3, fuseQueries: FUSE_LARGE_QUERIES });
  const verdict = (ok: boolean): string => (ok ? 'pass' : 'FAIL');
  const long = await measureLongQuestions(plan);
  return {
    queries: BENCH_QUERIES.length,
    ...real,
    ...large,
    ...long,
    'target.plan_p50<=0.2ms': verdict(real['plan.p50_ms']! <= 0.2),
    'target.plan_p99<=1ms': verdict(real['plan.p99_ms']! <= 1),
    'target.gen10k_p50<=2ms': verdict(large['gen10k.p50_ms']! <= 2),
    'target.gen10k_build<=1s': verdict(large['gen10k.build_ms']! <= 1000),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runSearchBench();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [key, value] of Object.entries(figures)) {
    const shown = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(value >= 100 ? 0 : 3)) : value;
    console.log(`${key.padEnd(width)}  ${shown}`);
  }
}
