import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { SLACK_LIMITS } from '../src/digest/limits.js';
import { NO_FILTERS } from '../src/digest/subscriptions.js';
import { buildWeeklyDigest, digestFor, prepareWeek } from '../src/digest/weekly-digest.js';
import { deriveStates } from '../src/store/item-state.js';
import { renderPlainText } from '../src/core/reply.js';
import type { NewEvent, Status } from '../src/store/events.js';
import { fakePlan, logOf } from '../tests/digest/fixtures.js';

const ITEMS = 10_000;
const EVENTS = 100_000;
const TARGET_MS = 200;
const NOW = new Date('2021-06-14T09:00:00+08:00');
const STATUSES: Status[] = ['on-track', 'at-risk', 'off-track', 'done', 'on-track'];

/** A deterministic log of `n` events over the first half of 2021: owners, updates with progress and notes, undos. */
export function syntheticLog(items: number, n: number): NewEvent[] {
  const events: NewEvent[] = [];
  const start = Date.parse('2021-01-04T00:00:00Z');
  const span = NOW.getTime() - start - 3_600_000;
  let seed = 42;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < n; i++) {
    // Time grows with i (as a log does), more of it near the end so the last week is busy.
    const at = new Date(start + Math.floor(span * Math.sqrt(i / n))).toISOString();
    const task = 1 + Math.floor(rand() * items);
    const base = { user: `web:user${i % 97}`, platform: 'web', planId: 'fake-plan', at, itemId: `T${task}` };
    if (i % 20 === 0) events.push({ ...base, type: 'assign', owner: `web:owner${task % 53}` });
    else if (i % 97 === 0) events.push({ ...base, type: 'undo', reverts: `e${i}` });
    else {
      events.push({
        ...base,
        type: 'update',
        status: STATUSES[i % STATUSES.length]!,
        progress: [{ indicatorId: `T${task}.1`, value: Math.floor(rand() * 200), target: null, unit: null }],
        note: i % 3 ? `Checked ${i % 13} sites; ${i % 2 ? 'on schedule' : 'some delays'}` : null,
      });
    }
  }
  return events;
}

/**
 * Measures the digest build at 10,000 items and 100,000 events (target: under 200 ms), both in one
 * language and in both. Returns the figures; run directly with `npx tsx bench/digest.bench.ts`.
 */
export async function runDigestBench(): Promise<Record<string, number | string>> {
  const plan = fakePlan(ITEMS);
  const events = logOf(syntheticLog(ITEMS, EVENTS));
  const build = (lang: 'en' | 'both') => buildWeeklyDigest({ plan, events, audience: { filters: NO_FILTERS, lang }, now: NOW, timeZone: 'Asia/Shanghai', options: { limits: SLACK_LIMITS } });
  // Wall time, and the process's CPU time, which other processes on a busy machine inflate less.
  const measure = (run: () => unknown, runs: number) => {
    const ms: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      run();
      ms.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const median = (xs: number[]) => round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
    return { min: round(Math.min(...ms)), median: median(ms), max: round(Math.max(...ms)), cpu: median(cpu) };
  };
  const time = (lang: 'en' | 'both', runs: number) => measure(() => build(lang), runs);
  // Warm up the JIT on both paths before timing either.
  for (let i = 0; i < 3; i++) {
    build('en');
    build('both');
  }
  const en = time('en', 15);
  const both = time('both', 15);
  const sample = build('both');
  // Where the time goes: the replay of the log (shared by all channels of a tick), of which
  // deriveStates is part, and one channel's digest of a replayed week.
  const replay = measure(() => prepareWeek({ plan, events, now: NOW, timeZone: 'Asia/Shanghai' }), 9);
  const derive = measure(() => deriveStates(events, plan.id), 9);
  const week = prepareWeek({ plan, events, now: NOW, timeZone: 'Asia/Shanghai' });
  const perChannel = measure(() => digestFor(week, { filters: NO_FILTERS, lang: 'both' }, { limits: SLACK_LIMITS }), 9);
  return {
    items: plan.items.length,
    events: events.length,
    'updates in the week': sample.stats.updates,
    'build ms (en, min)': en.min,
    'build ms (en, median)': en.median,
    'build ms (en, max)': en.max,
    'build cpu ms (en, median)': en.cpu,
    'build ms (both, min)': both.min,
    'build ms (both, median)': both.median,
    'build ms (both, max)': both.max,
    'build cpu ms (both, median)': both.cpu,
    'replay ms (median)': replay.median,
    '  of which deriveStates ms (median)': derive.median,
    'per-channel digest ms (both, median)': perChannel.median,
    'blocks (both)': sample.reply.blocks.length,
    'text chars (both)': renderPlainText(sample.reply).length,
    'target ms': TARGET_MS,
    verdict: Math.max(en.median, both.median) < TARGET_MS ? 'ok' : 'too slow',
    'load average (1 min)': round(loadavg()[0]!),
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runDigestBench());
}
