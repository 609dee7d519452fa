// The file store's throughput and load time: updates per second through `append` (one at a time, and
// many at once, which the store batches into one journal append and flush), the file size after
// 100,000 events, the time to open (read, migrate, validate, merge the journal) a 100,000-event file,
// with the journal empty and nearly full, and the time to compact the journal into the file. `npx tsx bench/store.bench.ts`
// prints a table; `npm run bench` can run it through bench/run.ts.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NewEvent } from '../src/store/events.js';
import { DEFAULT_JOURNAL_MAX_BYTES, openFileStore } from '../src/store/file-store.js';
import { journalPath } from '../src/store/state-journal.js';
import { measureRestart } from './serve-restart.js';

const STATUSES = ['on-track', 'at-risk', 'off-track', 'done'] as const;

/** A realistic update: a status, one progress value and a short note, half of them in Chinese. */
export function update(i: number): NewEvent {
  return {
    type: 'update',
    itemId: `T${1 + (i % 40)}`,
    status: STATUSES[i % 4]!,
    progress: [{ indicatorId: 'T9.1', value: i % 800, target: 800, unit: '个' }],
    note: i % 2 ? 'Zhoukou and Nanyang behind schedule' : '周口、南阳进度滞后',
    at: new Date(Date.UTC(2021, 0, 1) + i * 60_000).toISOString(),
    user: `slack:U${1000 + (i % 23)}`,
    platform: 'slack',
    planId: 'henan-2021',
  };
}

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/** Appends `update(n)`, `update(n + 1)`, … up to `total` events in concurrent waves of 10,000 (each wave is one or two writes); the next n. */
export async function fillTo(store: { append(e: NewEvent): Promise<unknown> }, n: number, total: number): Promise<number> {
  while (n < total) {
    const wave = Math.min(10_000, total - n);
    await Promise.all(Array.from({ length: wave }, (_, i) => store.append(update(n + i))));
    n += wave;
  }
  return n;
}

/** How many events the journal beside `file` holds. */
function journalEvents(file: string): number {
  const j = journalPath(file);
  return existsSync(j) ? readFileSync(j, 'utf8').split('\n').length - 1 : 0;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Runs the store benchmark in a temporary folder and returns its figures. */
export async function runStoreBench(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'planbot-store-bench-'));
  try {
    const file = join(dir, 'state.json');
    const store = await openFileStore(file);

    const SEQ = 200;
    const [, seqMs] = await timed(async () => {
      for (let i = 0; i < SEQ; i++) await store.append(update(i));
    });

    const CONC = 5_000;
    const [, concMs] = await timed(() => Promise.all(Array.from({ length: CONC }, (_, i) => store.append(update(SEQ + i)))));

    // Fill up to 100,000 events in concurrent waves of 10,000 (each wave is one or two writes).
    const TOTAL = 100_000;
    const [filled, fillMs] = await timed(() => fillTo(store, SEQ + CONC, TOTAL));
    let n = filled;

    const SEQ_BIG = 300;
    const [, seqBigMs] = await timed(async () => {
      for (let i = 0; i < SEQ_BIG; i++) await store.append(update(n + i));
    });
    n += SEQ_BIG;
    const [, concBigMs] = await timed(() => Promise.all(Array.from({ length: 1000 }, (_, i) => store.append(update(n + i)))));
    n += 1000;
    const events = store.events().length;
    await store.close();
    const size = statSync(file).size;
    const journalAtClose = journalEvents(file);

    // The first open after a run finds the journal and folds it into the file in the background: time the open, then the compaction (close waits for it).
    const [first, firstLoadMs] = await timed(() => openFileStore(file));
    if (first.events().length !== events) throw new Error(`loaded ${first.events().length} events, expected ${events}`);
    const [, compactMs] = await timed(() => first.close());

    // Wall time, and CPU time of this process (less at the mercy of other processes on a shared machine).
    const loads: number[] = [];
    const loadCpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      gc?.();
      const cpu = process.cpuUsage();
      const [s, ms] = await timed(() => openFileStore(file));
      const used = process.cpuUsage(cpu);
      if (s.events().length !== events) throw new Error(`loaded ${s.events().length} events, expected ${events}`);
      await s.close();
      loads.push(ms);
      loadCpu.push((used.user + used.system) / 1000);
    }
    loads.sort((a, b) => a - b);
    loadCpu.sort((a, b) => a - b);

    // The worst load: the journal just short of its compaction size on top of the file.
    const filler = await openFileStore(file, { journalMaxBytes: Number.MAX_SAFE_INTEGER });
    const perEvent = Buffer.byteLength(JSON.stringify({ seq: n, id: randomUUID(), ...update(n) })) + 1;
    const toFill = Math.floor(DEFAULT_JOURNAL_MAX_BYTES / perEvent) - 1;
    for (let done = 0; done < toFill; done += 5000) {
      await Promise.all(Array.from({ length: Math.min(5000, toFill - done) }, (_, i) => filler.append(update(n + done + i))));
    }
    await filler.close();
    const fullJournal = journalEvents(file);
    gc?.();
    const [full, fullLoadMs] = await timed(() => openFileStore(file));
    const fullEvents = full.events().length;
    await full.close();

    // Restart after a crash, against a cold start of the same serve in the same run (the baseline).
    const restart = await measureRestart(3);
    const orNa = (n: number | null) => n ?? 'n/a';
    return {
      'serve cold start → page answers, median of 3 (ms)': restart.cold.page,
      'serve cold start → first chat answer (ms)': orNa(restart.cold.answer),
      'serve kill -9 → new serve page answers, median of 3 (ms)': restart.afterKill.page,
      'serve kill -9 → new serve first chat answer (ms)': orNa(restart.afterKill.answer),
      'CPU time of a starting serve until it answers (ms)': orNa(restart.afterKill.cpu),
      'load average (1 min) during the run': Math.round(loadavg()[0]! * 10) / 10,
      'sequential updates/s (small file)': Math.round(SEQ / (seqMs / 1000)),
      'concurrent updates/s (5,000 at once, small file)': Math.round(CONC / (concMs / 1000)),
      'concurrent updates/s (filling to 100,000 in waves of 10,000)': Math.round((TOTAL - SEQ - CONC) / (fillMs / 1000)),
      'sequential updates/s (100,000-event file)': Math.round(SEQ_BIG / (seqBigMs / 1000)),
      'concurrent updates/s (1,000 at once, 100,000-event file)': Math.round(1000 / (concBigMs / 1000)),
      'events in file and journal': events,
      'state file size after the run (MB)': Math.round((size / 1e6) * 10) / 10,
      'bytes per event': Math.round(size / (events - journalAtClose)),
      [`load ${events} events, ${journalAtClose} of them in the journal (ms)`]: Math.round(firstLoadMs),
      [`compaction at start-up of ${events} events (ms)`]: Math.round(compactMs),
      [`load ${events} events, journal empty, median of 5 (ms)`]: Math.round(loads[2]!),
      [`load ${events} events, journal empty, best of 5 (ms)`]: Math.round(loads[0]!),
      [`load ${events} events, journal empty, CPU time, median of 5 (ms)`]: Math.round(loadCpu[2]!),
      [`load ${fullEvents} events, ${fullJournal} of them in a journal near its compaction size (ms)`]: Math.round(fullLoadMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runStoreBench();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(width)}  ${v}`);
}
