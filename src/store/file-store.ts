import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { resolve } from 'node:path';
import { Low } from 'lowdb';
import type { Logger } from '../core/logger.js';
import { withAccepted, type EventStore } from './event-store.js';
import { PlanEvent, type NewEvent } from './events.js';
import { JournalFile, JournalInDoubtError, readJournal, type FileOwnership } from './journal-file.js';
import { STATE_VERSION } from './migrate-state.js';
import { AfterReplaceError, DurableStateFile, assertWritable, describeBackup, isReadOnly, tempPath, type StateFile } from './state-file.js';
import { journalPath, journalText, mergeJournal } from './state-journal.js';
import { StoreDamagedError, StoreUnavailableError, StoreUnusableError, fsReason } from './store-errors.js';
import { DEFAULT_LOCK_STALE_MS, acquireStateLock, type StateLock } from './state-lock.js';
import { prepareStatePath } from './state-path.js';
import { errorCode, nodeFs, type StoreFs } from './store-fs.js';

export { DEFAULT_LOCK_STALE_MS };

/** Past this size (bytes, about 12,000 updates) the journal is compacted into the state file. */
export const DEFAULT_JOURNAL_MAX_BYTES = 4 * 1024 * 1024;

/** How to open the state file: a logger for migrations and write failures, and the lock's timing. */
export interface FileStoreOptions {
  logger?: Logger;
  /** The file system (tests inject faults such as ENOSPC). */
  fs?: StoreFs;
  /** A lock whose holder cannot be judged (another host) and not refreshed for this long is taken over (min 2000). A dead holder on this host is taken over at once. */
  lockStaleMs?: number;
  /** How long to keep trying when another process holds the lock; 0 (the default) refuses at once. */
  lockWaitMs?: number;
  /** Compact the journal into the state file once it holds this many bytes (default DEFAULT_JOURNAL_MAX_BYTES). */
  journalMaxBytes?: number;
}

interface Pending {
  event: Omit<PlanEvent, 'seq'>;
  resolve(e: PlanEvent): void;
  reject(err: unknown): void;
}

/**
 * Opens the lowdb JSON state file at `path` (created on the first append) and its journal
 * (`<path>.journal`), holding a lock so that no other process can write them. Refuses a damaged file
 * or journal (StoreDamagedError, files untouched) and a file another process holds (StoreLockedError);
 * migrates an older schema, keeping `<file>.v<N>.bak`. A torn last journal line (a write never
 * acknowledged) is copied to `<path>.journal.damaged-<time>` and cut off. A journal left from the last
 * run is compacted into the state file in the background (appends wait behind it).
 */
export async function openFileStore(path: string, options: FileStoreOptions = {}): Promise<FileStore> {
  const file = resolve(path);
  const fs = options.fs ?? nodeFs;
  const staleMs = Math.max(options.lockStaleMs ?? DEFAULT_LOCK_STALE_MS, 2000);
  await prepareStatePath(file, fs);
  const holder: { store?: FileStore; lost?: Error } = {};
  const lock = await acquireStateLock(file, {
    fs,
    staleMs,
    waitMs: options.lockWaitMs ?? 0,
    onLost: (err) => {
      holder.lost = err;
      holder.store?.lockLost(err);
    },
  });
  try {
    const adapter = new DurableStateFile(file, fs);
    const db = new Low<StateFile>(adapter, { version: STATE_VERSION, events: [] });
    await db.read();
    await fs.unlink(tempPath(file)).catch(() => {}); // an unfinished write of a crashed process: never acknowledged
    const journal = new JournalFile(journalPath(file), fs);
    const read = await readJournal(file, fs);
    if (read.damaged) throw new StoreDamagedError(file, read.damaged, await describeBackup(file, fs));
    if (read.content.events.length > 0) {
      const merged = mergeJournal(db.data.events, read.content.events);
      if (!merged.ok) throw new StoreDamagedError(file, merged.reason, await describeBackup(file, fs));
      db.data = { version: STATE_VERSION, events: merged.events };
    }
    await journal.init();
    let tornProblem: Error | null = null;
    if (read.content.torn) {
      tornProblem = await cutTornLine(file, journal, read.content.validLength, fs, options.logger);
    }
    const from = adapter.migratedFrom;
    if (from !== null && from < STATE_VERSION) {
      try {
        await fs.copyFile(file, `${file}.v${from}.bak`);
        await db.write();
        await journal.truncate(0);
      } catch (err) {
        const why = fsReason(err);
        throw new StoreUnusableError(file, { en: `it needs migrating from schema version ${from}, and the migrated file cannot be written (${why.en})`, zh: `它需要从第 ${from} 版迁移，但无法写入迁移后的文件（${why.zh}）` });
      }
      options.logger?.info({ file, from, to: STATE_VERSION, backup: `${file}.v${from}.bak` }, 'migrated the state file');
    }
    const readOnly = await isReadOnly(file, fs);
    if (readOnly) options.logger?.warn({ file }, 'the state file is read-only: questions are answered, every update will be refused until it is writable again');
    const store = new FileStore(file, db, lock, journal, { logger: options.logger, fs, journalMaxBytes: options.journalMaxBytes ?? DEFAULT_JOURNAL_MAX_BYTES });
    holder.store = store;
    if (holder.lost) store.lockLost(holder.lost);
    if (tornProblem) store.stop(tornProblem);
    else if (journal.size > 0 && !readOnly) store.compactSoon();
    return store;
  } catch (err) {
    await lock.release().catch(() => {});
    throw err;
  }
}

/** Keeps a copy of a journal whose last write was torn, then cuts the torn part off; returns the problem when that cannot be done (updates are then refused). */
async function cutTornLine(file: string, journal: JournalFile, validLength: number, fs: StoreFs, logger?: Logger): Promise<Error | null> {
  const copy = `${journal.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await fs.copyFile(journal.path, copy, constants.COPYFILE_EXCL);
    const fh = await fs.open(copy, 'r');
    await fh.sync().finally(() => fh.close());
    const bytes = Buffer.byteLength((await fs.readFile(journal.path, 'utf8')).slice(0, validLength), 'utf8');
    await journal.truncate(bytes);
    logger?.warn({ file, journal: journal.path, copy }, 'the last journal line was torn (a write cut short, never acknowledged); it was cut off, a copy of the journal is kept');
    return null;
  } catch (err) {
    logger?.error({ err, file, journal: journal.path }, 'the last journal line is torn and could not be cut off; updates are refused until it can');
    return new StoreUnavailableError(file, `its journal ends in a torn line that could not be cut off (${fsReason(err).en})`, { cause: err });
  }
}

/**
 * The event log in a lowdb JSON file and its journal. Appends made while a write is under way are
 * written together in the next one (one journal append and one flush for many updates), and each
 * `append` resolves only once its journal line is durable. The journal is compacted into the lowdb
 * document when it passes `journalMaxBytes` (and after start-up), between appends. `events()`
 * returns only durable events; like the memory store's, the array grows in place as batches are
 * written (copying 100,000 events per update would cost more than the append itself).
 */
export class FileStore implements EventStore {
  private queue: Pending[] = [];
  /** The batch being written (taken from the queue, not in the log yet). */
  private writing: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private broken: Error | null = null;
  private closed = false;
  private compactPending = false;
  private compactAt: number;
  private readonly log: PlanEvent[];

  /** Use `openFileStore`. */
  constructor(
    readonly file: string,
    private readonly db: Low<StateFile>,
    private readonly lock: StateLock,
    private readonly journal: JournalFile,
    private readonly opts: { logger?: Logger; fs: StoreFs; journalMaxBytes: number },
  ) {
    // One array, shared with lowdb's data: a compaction writes whatever the log holds then.
    this.log = db.data.events as PlanEvent[];
    this.compactAt = opts.journalMaxBytes;
  }

  append(event: NewEvent): Promise<PlanEvent> {
    if (this.closed) return Promise.reject(new StoreUnavailableError(this.file, 'the store is closed'));
    if (this.broken) return Promise.reject(this.broken);
    let full: PlanEvent;
    try {
      // seq is given when the event's batch is written; 1 stands in so the rest is validated now.
      full = PlanEvent.parse({ ...event, seq: 1, id: randomUUID() });
    } catch (err) {
      return Promise.reject(err);
    }
    const { seq: _placeholder, ...rest } = full;
    return new Promise<PlanEvent>((resolve, reject) => {
      this.queue.push({ event: rest, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  events(): readonly PlanEvent[] {
    return this.log;
  }

  /** The log, then the appends accepted but not written yet (`withAccepted`). */
  acceptedEvents(): readonly PlanEvent[] {
    return withAccepted(this.log, this.writing, this.queue);
  }

  /** Waits for every accepted append (and a compaction under way) to be written, then releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    await this.lock.release().catch((err: unknown) => this.opts.logger?.warn({ err, file: this.file }, 'could not release the state file lock'));
  }

  /** Called when the lock was lost (another process took it as stale): stop writing at once. */
  lockLost(err: Error): void {
    this.broken ??= new StoreUnavailableError(this.file, `its lock was lost: ${err.message}`);
    this.opts.logger?.error({ err, file: this.file }, 'lost the state file lock; refusing further updates');
  }

  /** Refuses every further update with `err` (the files are in a state this process must not write after). */
  stop(err: Error): void {
    this.broken ??= err;
  }

  /** Folds the journal into the state file as soon as the writes under way are done. */
  compactSoon(): void {
    this.compactPending = true;
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    for (;;) {
      if (this.compactPending && !this.broken) {
        this.compactPending = false;
        await this.compact();
      }
      if (this.queue.length === 0) break;
      this.writing = this.queue.splice(0);
      await this.writeBatch(this.writing);
      if (this.journal.size >= this.compactAt) this.compactPending = true;
    }
    this.flushing = null;
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    if (this.broken) {
      this.writing = [];
      for (const p of batch) p.reject(this.broken);
      return;
    }
    if (!(await this.lock.held())) {
      this.lockLost(new Error(`the lock ${this.file}.lock is no longer held by this process`));
      this.writing = [];
      for (const p of batch) p.reject(this.broken);
      return;
    }
    const count = this.log.length;
    const added = batch.map((p, i) => ({ seq: count + i + 1, ...p.event }) as PlanEvent);
    try {
      const owner = await this.writableFile();
      if (owner === null) await this.db.write(); // the first write creates the state file, before any journal exists
      await this.journal.append(journalText(added), owner ?? (await this.writableFile()));
    } catch (err) {
      // Either nothing of this batch is stored (the append was undone) or it is in doubt (stop).
      // The user is told "not recorded, tell the operator"; the cause goes to the operator's log.
      if (err instanceof JournalInDoubtError || err instanceof AfterReplaceError) this.broken = new StoreUnavailableError(this.file, err.message, { cause: err });
      const code = (err as NodeJS.ErrnoException).code;
      this.opts.logger?.error({ err, code, file: this.file, events: batch.length }, `could not write the state file: ${fsReason(err).en}; ${batch.length} update(s) not recorded`);
      const refusal = this.broken ?? new StoreUnavailableError(this.file, fsReason(err).en, { cause: err });
      this.writing = [];
      for (const p of batch) p.reject(refusal);
      return;
    }
    this.writing = [];
    for (const e of added) this.log.push(e);
    batch.forEach((p, i) => p.resolve(added[i]!));
  }

  /** The state file's mode and owner when it exists and may be written; null when it does not exist yet. Throws (EACCES) for a read-only file. */
  private async writableFile(): Promise<FileOwnership | null> {
    const st = await this.opts.fs.stat(this.file).catch((err: unknown) => {
      if (errorCode(err) === 'ENOENT') return null;
      throw err;
    });
    if (!st) return null;
    await assertWritable(this.file, st, this.opts.fs);
    return { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  }

  /**
   * Writes the whole log into the state file (temp file, fsync, `.bak`, rename, fsync of the folder),
   * then empties the journal. A crash between the steps loses nothing and repeats nothing: until the
   * journal is emptied its lines are also in the new file, under the same seq and id, and are dropped
   * on load. A failure is logged and tried again once the journal has grown by another `journalMaxBytes`.
   */
  private async compact(): Promise<void> {
    if (this.journal.size === 0) return;
    if (!(await this.lock.held())) {
      this.lockLost(new Error(`the lock ${this.file}.lock is no longer held by this process`));
      return;
    }
    const started = Date.now();
    const bytes = this.journal.size;
    try {
      await this.db.write();
      await this.journal.truncate(0);
    } catch (err) {
      this.compactAt = this.journal.size + this.opts.journalMaxBytes;
      this.opts.logger?.warn({ err, code: errorCode(err), file: this.file, journal: this.journal.path, bytes }, `could not compact the journal into the state file (${fsReason(err).en}); updates still go to the journal`);
      return;
    }
    this.compactAt = this.opts.journalMaxBytes;
    this.opts.logger?.debug({ file: this.file, events: this.log.length, bytes, ms: Date.now() - started }, 'compacted the journal into the state file');
  }
}
