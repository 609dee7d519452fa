import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { Low } from 'lowdb';
import type { Logger } from '../core/logger.js';
import type { EventStore } from './event-store.js';
import { PlanEvent, type NewEvent } from './events.js';
import { STATE_VERSION } from './migrate-state.js';
import { AfterReplaceError, DurableStateFile, isReadOnly, tempPath, type StateFile } from './state-file.js';
import { StoreUnavailableError, StoreUnusableError, fsReason } from './store-errors.js';
import { DEFAULT_LOCK_STALE_MS, acquireStateLock, type StateLock } from './state-lock.js';
import { prepareStatePath } from './state-path.js';
import { nodeFs, type StoreFs } from './store-fs.js';

export { DEFAULT_LOCK_STALE_MS };

/** How to open the state file: a logger for migrations and write failures, and the lock's timing. */
export interface FileStoreOptions {
  logger?: Logger;
  /** The file system (tests inject faults such as ENOSPC). */
  fs?: StoreFs;
  /** A lock whose holder cannot be judged (another host) and not refreshed for this long is taken over (min 2000). A dead holder on this host is taken over at once. */
  lockStaleMs?: number;
  /** How long to keep trying when another process holds the lock; 0 (the default) refuses at once. */
  lockWaitMs?: number;
}

interface Pending {
  event: Omit<PlanEvent, 'seq'>;
  resolve(e: PlanEvent): void;
  reject(err: unknown): void;
}

/**
 * Opens the lowdb JSON state file at `path` (created on the first append), holding a lock so that no
 * other process can write it. Refuses a damaged file (StoreDamagedError, file untouched) and a file
 * another process holds (StoreLockedError); migrates an older schema, keeping `<file>.v<N>.bak`.
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
    const from = adapter.migratedFrom;
    if (from !== null && from < STATE_VERSION) {
      try {
        await fs.copyFile(file, `${file}.v${from}.bak`);
        await db.write();
      } catch (err) {
        const why = fsReason(err);
        throw new StoreUnusableError(file, { en: `it needs migrating from schema version ${from}, and the migrated file cannot be written (${why.en})`, zh: `它需要从第 ${from} 版迁移，但无法写入迁移后的文件（${why.zh}）` });
      }
      options.logger?.info({ file, from, to: STATE_VERSION, backup: `${file}.v${from}.bak` }, 'migrated the state file');
    }
    if (await isReadOnly(file, fs)) options.logger?.warn({ file }, 'the state file is read-only: questions are answered, every update will be refused until it is writable again');
    const store = new FileStore(file, db, lock, options.logger);
    holder.store = store;
    if (holder.lost) store.lockLost(holder.lost);
    return store;
  } catch (err) {
    await lock.release().catch(() => {});
    throw err;
  }
}

/**
 * The event log in a lowdb JSON file. Appends made while a write is under way are written together
 * in the next one (one file replacement for many updates), and each `append` resolves only once the
 * file holding its event is durable. `events()` returns only durable events, as an immutable snapshot.
 */
export class FileStore implements EventStore {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private broken: Error | null = null;
  private closed = false;
  private log: readonly PlanEvent[];

  /** Use `openFileStore`. */
  constructor(
    readonly file: string,
    private readonly db: Low<StateFile>,
    private readonly lock: StateLock,
    private readonly logger?: Logger,
  ) {
    this.log = db.data.events;
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

  /** Waits for every accepted append to be written, then releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    await this.lock.release().catch((err: unknown) => this.logger?.warn({ err, file: this.file }, 'could not release the state file lock'));
  }

  /** Called when the lock was lost (another process took it as stale): stop writing at once. */
  lockLost(err: Error): void {
    this.broken ??= new StoreUnavailableError(this.file, `its lock was lost: ${err.message}`);
    this.logger?.error({ err, file: this.file }, 'lost the state file lock; refusing further updates');
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      if (this.broken) {
        for (const p of batch) p.reject(this.broken);
        continue;
      }
      if (!(await this.lock.held())) {
        this.lockLost(new Error(`the lock ${this.file}.lock is no longer held by this process`));
        for (const p of batch) p.reject(this.broken);
        continue;
      }
      const before = this.log;
      const added = batch.map((p, i) => ({ seq: before.length + i + 1, ...p.event }) as PlanEvent);
      const after = before.concat(added);
      this.db.data = { version: STATE_VERSION, events: after };
      try {
        await this.db.write();
      } catch (err) {
        // Either the file was not replaced (nothing of this batch is stored) or it is in doubt (stop).
        // The user is told "not recorded, tell the operator"; the cause goes to the operator's log.
        if (err instanceof AfterReplaceError) this.broken = new StoreUnavailableError(this.file, err.message, { cause: err });
        this.db.data = { version: STATE_VERSION, events: before };
        const code = (err as NodeJS.ErrnoException).code;
        this.logger?.error({ err, code, file: this.file, events: batch.length }, `could not write the state file: ${fsReason(err).en}; ${batch.length} update(s) not recorded`);
        const refusal = this.broken ?? new StoreUnavailableError(this.file, fsReason(err).en, { cause: err });
        for (const p of batch) p.reject(refusal);
        continue;
      }
      this.log = after;
      batch.forEach((p, i) => p.resolve(added[i]!));
    }
    this.flushing = null;
  }
}
