// The PostgreSQL store on this machine: updates per second through `append` (one at a time, many at
// once, and from two replicas at once), the time to open a 100,000-event log, how soon a replica sees
// another's update, and the digest build at 10,000 items / 100,000 events over the events a replica
// loaded. A private cluster with PostgreSQL's default durability (fsync on) is started for the run
// and removed after. `npx tsx bench/pg.bench.ts` prints a table; `npm run bench pg` runs it through bench/run.ts.
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { SLACK_LIMITS } from '../src/digest/limits.js';
import { NO_FILTERS } from '../src/digest/subscriptions.js';
import { buildWeeklyDigest } from '../src/digest/weekly-digest.js';
import { openPgStore } from '../src/store/pg-store.js';
import { fakePlan } from '../tests/digest/fixtures.js';
import { pgSkipReason, startPgCluster } from '../tests/helpers/pg-cluster.js';
import { syntheticLog } from './digest.bench.js';
import { fillTo, timed, update } from './store.bench.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n * 10) / 10;

/** Runs the PostgreSQL benchmark on a private cluster and returns its figures. */
export async function runPgBench(): Promise<Record<string, number | string>> {
  const skip = pgSkipReason();
  if (skip) return { skipped: skip };
  const cluster = await startPgCluster({ durable: true });
  try {
    const url = await cluster.database();
    const a = await openPgStore(url, { pollMs: 60_000 });
    const b = await openPgStore(url, { pollMs: 60_000 });

    const SEQ = 200;
    const [, seqMs] = await timed(async () => {
      for (let i = 0; i < SEQ; i++) await a.append(update(i));
    });
    const CONC = 5_000;
    const [, concMs] = await timed(() => Promise.all(Array.from({ length: CONC }, (_, i) => a.append(update(SEQ + i)))));
    const TWO = 2_000;
    let n = SEQ + CONC;
    const [, twoMs] = await timed(() => Promise.all(Array.from({ length: TWO }, (_, i) => (i % 2 ? a : b).append(update(n + i)))));
    n += TWO;

    const TOTAL = 100_000;
    const [filled, fillMs] = await timed(() => fillTo(a, n, TOTAL));
    n = filled;
    const SEQ_BIG = 200;
    const [, seqBigMs] = await timed(async () => {
      for (let i = 0; i < SEQ_BIG; i++) await a.append(update(n + i));
    });
    n += SEQ_BIG;

    // How soon the other replica sees an update (LISTEN/NOTIFY), median of 20.
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const e = await a.append(update(n++));
      while (b.events().at(-1)?.seq !== e.seq) await new Promise((r) => setImmediate(r));
      seen.push(performance.now() - t0);
    }
    const events = a.events().length;
    await a.close();
    await b.close();

    const loads: number[] = [];
    const loadCpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c0 = process.cpuUsage();
      const [s, ms] = await timed(() => openPgStore(url, { pollMs: 60_000 }));
      const c = process.cpuUsage(c0);
      if (s.events().length !== events) throw new Error(`loaded ${s.events().length} events, expected ${events}`);
      await s.close();
      loads.push(ms);
      // This process's CPU only (reading rows, parsing JSON); the server's work shows in wall time.
      loadCpu.push((c.user + c.system) / 1000);
    }

    // The digest at 10,000 items / 100,000 events, over the events a replica loaded from PostgreSQL.
    const ITEMS = 10_000;
    const digestUrl = await cluster.database();
    const writer = await openPgStore(digestUrl, { pollMs: 60_000 });
    const log = syntheticLog(ITEMS, 100_000);
    for (let i = 0; i < log.length; i += 10_000) await Promise.all(log.slice(i, i + 10_000).map((e) => writer.append(e)));
    await writer.close();
    const [reader, digestLoadMs] = await timed(() => openPgStore(digestUrl, { pollMs: 60_000 }));
    const plan = fakePlan(ITEMS);
    const build = () => buildWeeklyDigest({ plan, events: reader.events(), audience: { filters: NO_FILTERS, lang: 'both' }, now: new Date('2021-06-14T09:00:00+08:00'), timeZone: 'Asia/Shanghai', options: { limits: SLACK_LIMITS } });
    for (let i = 0; i < 3; i++) build();
    const builds: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 9; i++) {
      const c0 = process.cpuUsage();
      builds.push((await timed(async () => build()))[1]);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    await reader.close();

    return {
      'sequential updates/s (small log)': Math.round(SEQ / (seqMs / 1000)),
      'concurrent updates/s (5,000 at once, one replica)': Math.round(CONC / (concMs / 1000)),
      'concurrent updates/s (2,000 at once, two replicas)': Math.round(TWO / (twoMs / 1000)),
      'concurrent updates/s (filling to 100,000 in waves of 10,000)': Math.round((TOTAL - SEQ - CONC - TWO) / (fillMs / 1000)),
      'sequential updates/s (100,000-event log)': Math.round(SEQ_BIG / (seqBigMs / 1000)),
      'another replica sees an update, median of 20 (ms)': round(median(seen)),
      'events in the database': events,
      'load 100,000 events, median of 5 (ms)': Math.round(median(loads)),
      'load 100,000 events, best of 5 (ms)': Math.round(Math.min(...loads)),
      'load 100,000 events, client cpu, median of 5 (ms)': Math.round(median(loadCpu)),
      'load target (ms)': 1000,
      'digest at 10,000 items / 100,000 events: load (ms)': Math.round(digestLoadMs),
      'digest at 10,000 items / 100,000 events: build (both, median of 9, ms)': round(median(builds)),
      'digest at 10,000 items / 100,000 events: build cpu (both, median of 9, ms)': round(median(cpu)),
      'digest target (ms)': 200,
      'load average (1 min)': round(loadavg()[0]!),
    };
  } finally {
    await cluster.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runPgBench();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(width)}  ${v}`);
}
