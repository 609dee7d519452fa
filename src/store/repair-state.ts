import { constants } from 'node:fs';
import { resolve } from 'node:path';
import type { PlanEvent } from './events.js';
import { JournalFile } from './journal-file.js';
import { salvageEvents, type DroppedPart } from './salvage-events.js';
import { journalPath, mergeJournal, parseJournal } from './state-journal.js';
import { AfterReplaceError, backupPath, parseState, stateFileText, writeDurably } from './state-file.js';
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
  /** The journal beside the file, when it held anything: its complete events kept (after the file's), its unreadable lines dropped, and where its original was copied. */
  journal: { file: string; kept: number; dropped: DroppedPart[]; copy: string | null } | null;
}

/**
 * Repairs a damaged state file and its journal in place: salvages every complete event of the file
 * (salvageEvents) and every complete journal line after them, copies the originals to
 * `<file>.damaged-<time>` and `<file>.journal.damaged-<time>` (never overwriting an earlier copy),
 * writes the repaired log durably (the `.bak` is left alone), empties the journal and checks that the
 * file loads. Holds the state file's lock meanwhile, so it refuses while `serve` runs. A file and
 * journal that load already, or a file that is not a state file, are not touched.
 */
export async function repairStateFile(path: string, options: { fs?: StoreFs; now?: Date } = {}): Promise<RepairReport> {
  const file = resolve(path);
  const fs = options.fs ?? nodeFs;
  const journal = new JournalFile(journalPath(file), fs);
  const report: RepairReport = { ok: false, file, unchanged: true, copy: null, kept: 0, last: null, dropped: [], renumbered: false, backup: null, reason: null, journal: null };
  const exists = (f: string) => fs.stat(f).then(() => true, (err: unknown) => errorCode(err) !== 'ENOENT');
  if (!(await exists(file)) && !(await exists(journal.path))) return { ...report, reason: `there is no file ${file}` };
  await prepareStatePath(file, fs);
  const lock = await acquireStateLock(file, { fs, staleMs: DEFAULT_LOCK_STALE_MS, waitMs: 0, onLost: () => {} });
  try {
    const text = await readOrNull(file, fs);
    const journalText = (await readOrNull(journal.path, fs)) ?? '';
    report.backup = await describe(backupPath(file), fs);
    const now = text === null ? null : parseState(text);
    const inJournal = parseJournal(journalText);
    const journalClean = inJournal.damaged.length === 0 && inJournal.torn === null;
    if ((now === null || now.ok) && journalClean) {
      const merged = mergeJournal(now?.data.events ?? [], inJournal.events);
      if (merged.ok) return { ...report, ok: true, kept: merged.events.length, last: lastOf(merged.events) };
    }
    let fromFile: { events: PlanEvent[]; dropped: DroppedPart[]; renumbered: boolean };
    if (now === null || now.ok) fromFile = { events: [...(now?.data.events ?? [])], dropped: [], renumbered: false };
    else {
      const salvage = salvageEvents(text!);
      if (!salvage.ok) return { ...report, reason: salvage.reason };
      fromFile = salvage;
    }
    // The journal's events follow the file's; one already in the file (same id) is not repeated.
    const seen = new Set(fromFile.events.map((e) => e.id));
    const events = fromFile.events.slice();
    let renumbered = fromFile.renumbered;
    for (const e of inJournal.events) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      if (e.seq !== events.length + 1) renumbered = true;
      events.push({ ...e, seq: events.length + 1 });
    }

    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    // A copy or the rewrite that fails (disk full, read-only file or folder) leaves the file as it was
    // (writeDurably replaces it only once the new text is complete): say so, never a stack trace.
    let copy: string | null = null;
    let journalCopy: string | null = null;
    try {
      copy = text === null ? null : await keepCopy(file, `${file}.damaged-${stamp}`, fs);
      journalCopy = journalText === '' ? null : await keepCopy(journal.path, `${journal.path}.damaged-${stamp}`, fs);
      await writeDurably(file, stateFileText(events), fs, { backup: false });
    } catch (err) {
      const code = errorCode(err);
      // EEXIST: a copy of the same moment exists already, which is never overwritten (an error, as before).
      if (!code || code === 'EEXIST' || err instanceof AfterReplaceError) throw err;
      const copies = [copy, journalCopy].filter((c): c is string => c !== null);
      const full = code === 'ENOSPC' || code === 'EDQUOT';
      const kept = copies.length ? ` (a copy was made first: ${copies.join(', ')}${full ? '; delete it to free the space it takes' : ''})` : '';
      const then = full ? 'Free some space' : 'Make the file and its folder writable';
      return { ...report, kept: events.length, last: lastOf(events), dropped: fromFile.dropped, reason: `it could not be written: ${fsReason(err).en}; nothing in it was changed${kept}. ${then}, then run plan-bot repair again` };
    }
    await journal.truncate(0);

    const check = parseState(await fs.readFile(file, 'utf8'));
    const journalReport = journalText === '' ? null : { file: journal.path, kept: inJournal.events.length, dropped: inJournal.torn ? [...inJournal.damaged, { index: inJournal.damaged.length + inJournal.events.length + 1, offset: inJournal.torn.offset, reason: 'cut off mid-way (a torn write, never acknowledged)' }] : inJournal.damaged, copy: journalCopy };
    return {
      ...report,
      ok: check.ok && check.data.events.length === events.length,
      unchanged: false,
      copy,
      kept: events.length,
      last: lastOf(events),
      dropped: fromFile.dropped,
      renumbered,
      journal: journalReport,
      reason: check.ok ? null : `the repaired file does not load (${check.reason})`,
    };
  } finally {
    await lock.release();
  }
}

/** Copies `from` to `to` (never over an existing file) and flushes the copy, before anything is rewritten. */
async function keepCopy(from: string, to: string, fs: StoreFs): Promise<string> {
  await fs.copyFile(from, to, constants.COPYFILE_EXCL);
  const fh = await fs.open(to, 'r');
  await fh.sync().finally(() => fh.close());
  return to;
}

async function readOrNull(file: string, fs: StoreFs): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    const why = fsReason(err);
    throw new StoreUnusableError(file, { en: `cannot read it (${why.en})`, zh: `无法读取（${why.zh}）` });
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
  if (r.journal) {
    lines.push(`From the journal ${r.journal.file}: read ${r.journal.kept} complete event${r.journal.kept === 1 ? '' : 's'} (those not already in the file were added after it), dropped ${r.journal.dropped.length}; it is now empty.`);
    lines.push(...r.journal.dropped.map((d) => `  dropped: line ${d.index} of the journal, at character ${d.offset}: ${d.reason}`));
  }
  if (r.renumbered) lines.push(`The kept events were numbered 1–${r.kept} again, since some before them were dropped.`);
  if (r.backup?.events != null && r.backup.events > r.kept) lines.push(`Note: the backup ${r.backup.file} holds more events (${r.backup.events}) than were salvaged: compare the two before starting plan-bot.`);
  else if (r.backup) lines.push(`For comparison, the backup ${r.backup.file} holds ${r.backup.events ?? 'an unreadable number of'} events (it is from before the last compaction; it was not touched).`);
  if (r.copy) lines.push(`The original is kept at ${r.copy}.`);
  if (r.journal?.copy) lines.push(`The original journal is kept at ${r.journal.copy}.`);
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
