import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Low } from 'lowdb';
import lockfile from 'proper-lockfile';
import type { Logger } from '../core/logger.js';
import type { EventStore } from './event-store.js';
import { PlanEvent, type NewEvent } from './events.js';
import { STATE_VERSION } from './migrate-state.js';
import { AfterReplaceError, DurableStateFile, tempPath, type StateFile } from './state-file.js';
import { StoreLockedError, StoreUnavailableError } from './store-errors.js';

/** How old (ms) a lock may be before another process may take it: what a crashed process costs at most. */
export const DEFAULT_LOCK_STALE_MS = 10_000;

/** How to open the state file: a logger for migrations and write failures, and the lock's timing. */
export interface FileStoreOptions {
  logger?: Logger;
  /** A lock not refreshed for this long is taken as left by a crashed process (min 2000). */
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
  const staleMs = Math.max(options.lockStaleMs ?? DEFAULT_LOCK_STALE_MS, 2000);
  await mkdir(dirname(file), { recursive: true });
  const holder: { store?: FileStore; lost?: Error } = {};
  let release: () => Promise<void>;
  try {
    const waitMs = options.lockWaitMs ?? 0;
    release = await lockfile.lock(file, {
      realpath: false,
      stale: staleMs,
      retries: waitMs > 0 ? { retries: Math.ceil(waitMs / 200), minTimeout: 200, maxTimeout: 200, factor: 1 } : 0,
      onCompromised: (err) => {
        holder.lost = err;
        holder.store?.lockLost(err);
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new StoreLockedError(file, staleMs);
    throw err;
  }
  try {
    const adapter = new DurableStateFile(file);
    const db = new Low<StateFile>(adapter, { version: STATE_VERSION, events: [] });
    await db.read();
    await unlink(tempPath(file)).catch(() => {}); // an unfinished write of a crashed process: never acknowledged
    const from = adapter.migratedFrom;
    if (from !== null && from < STATE_VERSION) {
      await copyFile(file, `${file}.v${from}.bak`);
      await db.write();
      options.logger?.info({ file, from, to: STATE_VERSION, backup: `${file}.v${from}.bak` }, 'migrated the state file');
    }
    const store = new FileStore(file, db, release, options.logger);
    holder.store = store;
    if (holder.lost) store.lockLost(holder.lost);
    return store;
  } catch (err) {
    await release().catch(() => {});
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
    private readonly release: () => Promise<void>,
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
    await this.release().catch((err: unknown) => this.logger?.warn({ err, file: this.file }, 'could not release the state file lock'));
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
      const before = this.log;
      const added = batch.map((p, i) => ({ seq: before.length + i + 1, ...p.event }) as PlanEvent);
      const after = before.concat(added);
      this.db.data = { version: STATE_VERSION, events: after };
      try {
        await this.db.write();
      } catch (err) {
        // Either the file was not replaced (nothing of this batch is stored) or it is in doubt (stop).
        if (err instanceof AfterReplaceError) this.broken = new StoreUnavailableError(this.file, err.message);
        this.db.data = { version: STATE_VERSION, events: before };
        this.logger?.error({ err, file: this.file, events: batch.length }, 'could not write the state file');
        for (const p of batch) p.reject(this.broken ?? err);
        continue;
      }
      this.log = after;
      batch.forEach((p, i) => p.resolve(added[i]!));
    }
    this.flushing = null;
  }
}
