import { constants } from 'node:fs';
import { resolve } from 'node:path';
import { salvageEvents, type DroppedPart } from './salvage-events.js';
import { backupPath, parseState, stateFileText, writeDurably } from './state-file.js';
import { DEFAULT_LOCK_STALE_MS, acquireStateLock } from './state-lock.js';
import { prepareStatePath } from './state-path.js';
import { errorCode, nodeFs, type StoreFs } from './store-fs.js';
import { StoreUnusableError, fsReason } from './store-errors.js';

/** What `plan-bot repair` did (its `--json` output). */
export interface RepairReport {
  /** True when the state file loads now (repaired, or it was fine already). */
  ok: boolean;
  file: string;
  /** True when the file already loaded and was left as it was. */
  unchanged: boolean;
  /** Where the original was copied before anything was written; null when nothing was written. */
  copy: string | null;
  kept: number;
  /** seq and time of the last kept event. */
  last: { seq: number; at: string } | null;
  dropped: DroppedPart[];
  /** True when kept events were given new numbers (some in the middle were dropped). */
  renumbered: boolean;
  /** The one-write-behind backup, for comparison: how many events it holds (null: unreadable). */
  backup: { file: string; events: number | null } | null;
  /** Why nothing could be repaired (ok false). */
  reason: string | null;
}

/**
 * Repairs a damaged state file in place: salvages every complete event (salvageEvents), copies the
 * original to `<file>.damaged-<time>` (never overwriting an earlier copy), writes the repaired log
 * durably (the `.bak` is left alone) and checks that it loads. Holds the state file's lock meanwhile,
 * so it refuses while `serve` runs. A file that loads already, or is not a state file, is not touched.
 */
export async function repairStateFile(path: string, options: { fs?: StoreFs; now?: Date } = {}): Promise<RepairReport> {
  const file = resolve(path);
  const fs = options.fs ?? nodeFs;
  const report: RepairReport = { ok: false, file, unchanged: true, copy: null, kept: 0, last: null, dropped: [], renumbered: false, backup: null, reason: null };
  if (await fs.stat(file).then(() => false, (err: unknown) => errorCode(err) === 'ENOENT')) return { ...report, reason: `there is no file ${file}` };
  await prepareStatePath(file, fs);
  const lock = await acquireStateLock(file, { fs, staleMs: DEFAULT_LOCK_STALE_MS, waitMs: 0, onLost: () => {} });
  try {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return { ...report, reason: `there is no file ${file}` };
      const why = fsReason(err);
      throw new StoreUnusableError(file, { en: `cannot read it (${why.en})`, zh: `无法读取（${why.zh}）` });
    }
    report.backup = await describe(backupPath(file), fs);
    const now = parseState(text);
    if (now.ok) return { ...report, ok: true, kept: now.data.events.length, last: lastOf(now.data.events) };
    const salvage = salvageEvents(text);
    if (!salvage.ok) return { ...report, reason: salvage.reason };

    const copy = `${file}.damaged-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
    await fs.copyFile(file, copy, constants.COPYFILE_EXCL);
    const fh = await fs.open(copy, 'r');
    await fh.sync().finally(() => fh.close());
    await writeDurably(file, stateFileText(salvage.events), fs, { backup: false });

    const check = parseState(await fs.readFile(file, 'utf8'));
    return {
      ...report,
      ok: check.ok && check.data.events.length === salvage.events.length,
      unchanged: false,
      copy,
      kept: salvage.events.length,
      last: lastOf(salvage.events),
      dropped: salvage.dropped,
      renumbered: salvage.renumbered,
      reason: check.ok ? null : `the repaired file does not load (${check.reason})`,
    };
  } finally {
    await lock.release();
  }
}

/** The report in words, for a person at the terminal. */
export function repairText(r: RepairReport): string {
  if (r.reason && r.unchanged) return `Nothing repaired: ${r.reason}. ${r.file} was left as it was.`;
  if (r.unchanged) return `${r.file} loads as it is (${r.kept} event${r.kept === 1 ? '' : 's'}); nothing to repair.`;
  const lines = [
    `${r.ok ? 'Repaired' : 'Tried to repair'} ${r.file}: kept ${r.kept} event${r.kept === 1 ? '' : 's'}${r.last ? ` (the last: #${r.last.seq} at ${r.last.at})` : ''}, dropped ${r.dropped.length}.`,
    ...r.dropped.map((d) => `  dropped: value ${d.index} of the events, at character ${d.offset}: ${d.reason}`),
  ];
  if (r.renumbered) lines.push(`The kept events were numbered 1–${r.kept} again, since some before them were dropped.`);
  if (r.backup?.events != null && r.backup.events > r.kept) lines.push(`Note: the backup ${r.backup.file} holds more events (${r.backup.events}) than were salvaged: compare the two before starting plan-bot.`);
  else if (r.backup) lines.push(`For comparison, the backup ${r.backup.file} holds ${r.backup.events ?? 'an unreadable number of'} events (it is from before the last compaction; it was not touched).`);
  lines.push(`The original is kept at ${r.copy}.`);
  lines.push(r.ok ? 'The repaired file loads: start plan-bot again.' : `The repaired file does not load: ${r.reason}.`);
  return lines.join('\n');
}

async function describe(file: string, fs: StoreFs): Promise<RepairReport['backup']> {
  const text = await fs.readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  const parsed = parseState(text);
  return { file, events: parsed.ok ? parsed.data.events.length : null };
}

function lastOf(events: readonly { seq: number; at: string }[]): RepairReport['last'] {
  const e = events.at(-1);
  return e ? { seq: e.seq, at: e.at } : null;
}
