import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { buildLedger, exportLedger, ledgerAsOf, type LedgerFormat, type SheetId } from '../src/ledger/index.js';
import type { Plan } from '../src/plan/schema.js';
import { UnitsFile } from '../src/plan/units.js';
import type { NewEvent, Status } from '../src/store/events.js';
import { fakePlan, logOf } from '../tests/digest/fixtures.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const UNITS = 18;
const TARGET_MS = 5000;
const NOW = new Date('2021-06-14T09:00:00+08:00');
const TZ = 'Asia/Shanghai';
const STATUSES: Status[] = ['on-track', 'at-risk', 'off-track', 'on-track', 'done'];

/** A 10,000-task plan whose every task has a lead unit and 18 responsible units (the Henan cities), each of which reported once. */
export function syntheticLedger(): { plan: Plan; events: NewEvent[] } {
  const file = UnitsFile.parse(JSON.parse(readFileSync(new URL('../data/plans/henan-2021/units.json', import.meta.url), 'utf8')));
  const units = file.units.slice(0, UNITS);
  const plan: Plan = { ...fakePlan(ITEMS), units };
  const events: NewEvent[] = [];
  const base = { user: 'console:admin', platform: 'console', planId: plan.id, at: '2021-01-04T01:00:00.000Z' };
  const ids = units.map((u) => u.id);
  for (let n = 1; n <= ITEMS; n++) {
    events.push({ ...base, type: 'lead', itemId: `T${n}`, unit: ids[n % UNITS]! });
    events.push({ ...base, type: 'units', itemId: `T${n}`, add: ids, remove: [] });
  }
  const start = Date.parse('2021-02-01T00:00:00Z');
  const span = NOW.getTime() - start - 86_400_000;
  let i = 0;
  for (let n = 1; n <= ITEMS; n++) {
    for (const u of ids) {
      i++;
      const at = new Date(start + Math.floor((span * i) / (ITEMS * UNITS))).toISOString();
      events.push({ ...base, user: `web:${u}-staff`, platform: 'web', at, type: 'update', itemId: `T${n}`, unit: u, status: STATUSES[i % STATUSES.length]!, progress: [{ indicatorId: `T${n}.1`, value: (i * 7) % 60, target: null, unit: '个' }], note: i % 4 ? null : `第${i % 13}批整治进展` });
    }
  }
  return { plan, events };
}

/** How many times each export is timed; the median is reported (the machine may be shared). */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** The median of some numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : Math.round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
}

/** Wall and CPU time (main thread and zlib's worker threads together, as the process counts them) of one call. */
async function timed<T>(run: () => Promise<T> | T): Promise<{ ms: number; cpu: number; value: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const c = process.cpuUsage(c0);
  return { ms: Math.round(performance.now() - t0), cpu: Math.round((c.user + c.system) / 1000), value };
}

/** Times `run` RUNS times: the median wall and CPU ms, and the last value. */
async function medianOf<T>(run: () => Promise<T> | T): Promise<{ ms: number; cpu: number; value: T }> {
  const all: { ms: number; cpu: number; value: T }[] = [];
  for (let i = 0; i < RUNS; i++) all.push(await timed(run));
  return { ms: median(all.map((a) => a.ms)), cpu: median(all.map((a) => a.cpu)), value: all[all.length - 1]!.value };
}

/**
 * Measures exporting the ledger of 10,000 items × 18 units (target: the model and the whole export, every
 * sheet, within 5 s, as xlsx and as the CSV zip): the model, and each format (the whole workbook also
 * carries one history row per update: 180,000). Median wall and CPU time of RUNS runs each, since the
 * machine may be shared. Run directly with `npx tsx bench/export.bench.ts`.
 */
export async function runExportBench(): Promise<Record<string, number | string>> {
  const { plan, events: raw } = syntheticLedger();
  const events = logOf(raw);
  const asOf = ledgerAsOf(undefined, NOW, TZ, plan.year);
  // Warm the code paths on a small plan first, so the figures are not the JIT's.
  const small = { ...plan, items: plan.items.slice(0, 200) };
  for (const format of ['xlsx', 'csv'] as const) await exportLedger(buildLedger({ plan: small, events, asOf, timeZone: TZ, lang: 'zh' }), format);
  const model = await medianOf(() => buildLedger({ plan, events, asOf, timeZone: TZ, lang: 'zh' }));
  const ledger = model.value;
  const file = async (format: LedgerFormat, sheet?: SheetId) => medianOf(() => exportLedger(ledger, format, sheet));
  const xlsxLedger = await file('xlsx', 'ledger');
  const xlsxAll = await file('xlsx');
  const csvLedger = await file('csv', 'ledger');
  const csvZip = await file('csv');
  const xlsxTotal = model.ms + xlsxAll.ms;
  const csvTotal = model.ms + csvZip.ms;
  const mb = (f: { value: { data: Uint8Array } }) => Math.round(f.value.data.byteLength / 1e5) / 10;
  return {
    items: plan.items.length,
    units: UNITS,
    events: events.length,
    'ledger rows': ledger.rows.length,
    'history rows': ledger.history.length,
    runs: RUNS,
    'model ms': model.ms,
    'model cpu ms': model.cpu,
    'xlsx, 台账 sheet ms': xlsxLedger.ms,
    'xlsx, 台账 sheet cpu ms': xlsxLedger.cpu,
    'xlsx, all three sheets ms': xlsxAll.ms,
    'xlsx, all three sheets cpu ms': xlsxAll.cpu,
    'xlsx, all three sheets MB': mb(xlsxAll),
    'csv, 台账 ms': csvLedger.ms,
    'csv, 台账 cpu ms': csvLedger.cpu,
    'csv zip, all sheets ms': csvZip.ms,
    'csv zip, all sheets cpu ms': csvZip.cpu,
    'csv zip, all sheets MB': mb(csvZip),
    'model + xlsx (all sheets) ms': xlsxTotal,
    'model + csv zip (all sheets) ms': csvTotal,
    'target ms': TARGET_MS,
    verdict: Math.max(xlsxTotal, csvTotal) <= TARGET_MS ? 'ok' : 'too slow',
    'load average (1 min)': Math.round(loadavg()[0]! * 10) / 10,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runExportBench());
}
