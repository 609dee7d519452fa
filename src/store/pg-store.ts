import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../core/logger.js';
import { UserError } from '../errors.js';
import { withAccepted, type EventStore } from './event-store.js';
import { PlanEvent, type NewEvent } from './events.js';
import { EVENTS_CHANNEL, PG_LOCKS, migratePgSchema, redactUrl } from './pg-schema.js';
import { StoreUnavailableError } from './store-errors.js';

/** How to open the PostgreSQL store. */
export interface PgStoreOptions {
  logger?: Logger;
  /** Connections for appends (and claims sharing the pool); default 4. */
  poolSize?: number;
  /** A safety net under LISTEN/NOTIFY: look for missed events this often (ms); default 5000. */
  pollMs?: number;
}

/** The events of `planbot_events` after `seq` (all of them from 0), in seq order. */
export async function readPgEvents(db: pg.Pool | pg.PoolClient, afterSeq = 0): Promise<PlanEvent[]> {
  return (await db.query<{ event: PlanEvent }>('SELECT event FROM planbot_events WHERE seq > $1 ORDER BY seq', [afterSeq])).rows.map((r) => r.event);
}

/** An INSERT of `events` into `planbot_events`, its values' placeholders numbered on from the end of `params` (which it fills). */
export function insertPgEventsSql(events: readonly PlanEvent[], params: unknown[]): string {
  const values = events.map((e) => {
    params.push(e.seq, e.id, e.requestKey ?? null, e.type, e.planId, e.at, JSON.stringify(e));
    const b = params.length - 7;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}::jsonb)`;
  });
  return `INSERT INTO planbot_events (seq, id, request_key, type, plan_id, at, event) VALUES ${values.join(', ')}`;
}

interface Pending {
  event: PlanEvent;
  resolve(e: PlanEvent): void;
  reject(err: unknown): void;
}

/**
 * Opens the event log in PostgreSQL at `url`: creates or migrates the schema, loads every event into
 * this process's cache and listens for other replicas' appends. Refuses an unreachable database with
 * a UserError saying what to check.
 */
export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
  const where = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4 });
  pool.on('error', (err) => options.logger?.warn({ err }, 'an idle PostgreSQL connection failed'));
  try {
    await migratePgSchema(pool, options.logger);
    const store = new PgStore(url, where, pool, await readPgEvents(pool), options);
    await store.listen();
    return store;
  } catch (err) {
    await pool.end().catch(() => {});
    throw databaseUnreachable(where, err);
  }
}

/** A read-only snapshot of the log for one-off commands that only read: the connection is closed at once. */
export async function openPgSnapshot(url: string): Promise<EventStore> {
  const where = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  let events: readonly PlanEvent[];
  try {
    await migratePgSchema(pool);
    events = await readPgEvents(pool);
  } catch (err) {
    throw databaseUnreachable(where, err);
  } finally {
    await pool.end().catch(() => {});
  }
  return {
    append: (_event: NewEvent) => Promise.reject(new StoreUnavailableError(where, 'it was opened read-only', { database: true })),
    events: () => events,
    close: async () => {},
  };
}

/** The error for a database that cannot be used (a UserError passes through), saying what to check. */
export function databaseUnreachable(where: string, err: unknown): UserError {
  if (err instanceof UserError) return err;
  return new UserError(
    'store.database-unreachable',
    {
      en: `Cannot use the database ${where} (${(err as Error).message}). Check PLANBOT_DATABASE_URL, that PostgreSQL is running and that the user may create tables there.`,
      zh: `无法使用数据库 ${where}（${(err as Error).message}）。请检查 PLANBOT_DATABASE_URL、PostgreSQL 是否在运行，以及该用户能否在其中建表。`,
    },
    { database: where },
  );
}

/**
 * The connections of the PostgreSQL store, which the claims, once-keys and Slack inbox kept in the same
 * database share; `store` must be the one `openStore` gave with PLANBOT_DATABASE_URL set.
 */
export function pgPoolOf(store: EventStore): pg.Pool {
  if (!(store instanceof PgStore)) throw new Error('PLANBOT_DATABASE_URL is set but the store is not the PostgreSQL one');
  return store.pool;
}

/**
 * The event log as rows of `planbot_events`, shared by every replica. Appends waiting together are
 * written in one transaction that takes an advisory lock, so `seq` is given by the database in commit
 * order, without gaps; each `append` resolves once its transaction has committed. `events()` is this
 * process's cache: loaded at open, extended by its own appends (read-your-writes) and by other
 * replicas' appends as NOTIFY announces them (a poll is the safety net). An event whose `requestKey` is
 * already in the log is not written again: the recorded one is returned, whichever replica wrote it.
 */
export class PgStore implements EventStore {
  private readonly log: PlanEvent[];
  private readonly byRequestKey = new Map<string, PlanEvent>();
  private queue: Pending[] = [];
  /** The batch being written (taken from the queue, not in the cache yet). */
  private writing: Pending[] = [];
  /** Every read or write of the cache goes through this chain, so appends and refreshes never interleave. */
  private chain: Promise<unknown> = Promise.resolve();
  private flushing = false;
  private refreshQueued = false;
  private closed = false;
  private listener: pg.Client | null = null;
  private poll: NodeJS.Timeout | null = null;

  /** Use `openPgStore`. */
  constructor(
    private readonly url: string,
    /** The database named without its password. */
    readonly where: string,
    /** The connections, shared with the claims of the same database. */
    readonly pool: pg.Pool,
    loaded: PlanEvent[],
    private readonly options: PgStoreOptions,
  ) {
    this.log = loaded;
    for (const e of loaded) if (e.requestKey) this.byRequestKey.set(e.requestKey, e);
  }

  /** What `GET /healthz` reports: the events this process holds, and whether the database answers a write transaction. */
  async health(): Promise<{ kind: string; events: number; writable: boolean; error?: string }> {
    const events = this.log.length;
    if (this.closed) return { kind: 'postgres', events, writable: false, error: 'the store is closed' };
    try {
      // SHOW names its column after the setting; select it under the name read here.
      const { rows } = await this.pool.query<{ ro: string }>("SELECT current_setting('transaction_read_only') AS ro");
      const writable = rows[0]?.ro === 'off';
      return { kind: 'postgres', events, writable, ...(writable ? {} : { error: 'the database is read-only (a standby?)' }) };
    } catch (err) {
      return { kind: 'postgres', events, writable: false, error: `the database does not answer: ${(err as Error).message}` };
    }
  }

  append(event: NewEvent): Promise<PlanEvent> {
    if (this.closed) return Promise.reject(new StoreUnavailableError(this.where, 'the store is closed', { database: true }));
    let full: PlanEvent;
    try {
      full = PlanEvent.parse({ ...event, seq: 1, id: randomUUID() });
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<PlanEvent>((resolve, reject) => {
      this.queue.push({ event: full, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        this.serially(() => this.flush());
      }
    });
  }

  events(): readonly PlanEvent[] {
    return this.log;
  }

  /** The cache, then the appends accepted but not written yet (`withAccepted`). */
  acceptedEvents(): readonly PlanEvent[] {
    return withAccepted(this.log, this.writing, this.queue);
  }

  /** Waits for every accepted append, then stops listening and closes the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.poll) clearInterval(this.poll);
    await this.chain.catch(() => {});
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => {});
    await this.pool.end().catch(() => {});
  }

  /** Reads the events other replicas appended since the cache's last one (also what NOTIFY triggers). */
  refresh(): Promise<void> {
    return this.serially(async () => {
      this.refreshQueued = false;
      if (this.closed) return;
      this.extend(await readPgEvents(this.pool, this.lastSeq()));
    });
  }

  /** Starts listening for appends (and the poll under it); on a lost connection, reconnects and catches up. */
  async listen(): Promise<void> {
    const connect = async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', () => this.refreshSoon());
      client.on('error', (err) => {
        void client.end().catch(() => {});
        // A client that never got to listen is retried by whoever was connecting it.
        if (this.listener !== client) return;
        this.listener = null;
        this.options.logger?.warn({ err }, 'lost the PostgreSQL notification connection; reconnecting');
        reconnect();
      });
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      if (this.closed) return void (await client.end());
      this.listener = client;
    };
    // Until it is back, the poll keeps the cache fresh; once back, catch up at once.
    const reconnect = () => {
      if (this.closed) return;
      setTimeout(() => void connect().then(() => this.refreshSoon(), reconnect), 1000).unref();
    };
    await connect();
    this.poll = setInterval(() => this.refreshSoon(), this.options.pollMs ?? 5000);
    this.poll.unref();
  }

  private refreshSoon(): void {
    if (this.refreshQueued || this.closed) return;
    this.refreshQueued = true;
    this.refresh().catch((err: unknown) => this.options.logger?.warn({ err }, 'could not read new events from PostgreSQL; will retry'));
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private lastSeq(): number {
    return this.log.length === 0 ? 0 : this.log[this.log.length - 1]!.seq;
  }

  /** Adds events read from the database (in seq order, after the cache's last) to the cache. */
  private extend(events: readonly PlanEvent[]): void {
    const fresh = events.filter((e) => e.seq > this.lastSeq());
    if (fresh.length === 0) return;
    for (const e of fresh) if (e.requestKey) this.byRequestKey.set(e.requestKey, e);
    // In place, like the file store's: copying the whole log at every append would cost more than the append.
    for (const e of fresh) this.log.push(e);
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = (this.writing = this.queue.splice(0, 1000));
      try {
        await this.writeBatch(batch);
      } catch (err) {
        this.writing = [];
        this.options.logger?.error({ err, database: this.where, events: batch.length }, `could not append to PostgreSQL; ${batch.length} update(s) not recorded`);
        const refusal = new StoreUnavailableError(this.where, (err as Error).message, { cause: err, database: true });
        for (const p of batch) p.reject(refusal);
      }
    }
    this.flushing = false;
  }

  /**
   * One transaction: the advisory lock orders appends across replicas; the events committed since the
   * cache's last are read (so the cache stays gap-free and request keys are checked against the whole
   * log), then this batch is inserted with the following seqs.
   */
  private async writeBatch(batch: Pending[]): Promise<void> {
    const client = await this.pool.connect();
    let missed: PlanEvent[] = [];
    const results: PlanEvent[] = [];
    const rows: PlanEvent[] = [];
    try {
      // One round trip for both (a constant key, so the simple protocol may carry two statements).
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${PG_LOCKS.events})`);
      missed = await readPgEvents(client, this.lastSeq());
      let seq = missed.length ? missed[missed.length - 1]!.seq : this.lastSeq();
      const known = (key: string) => this.byRequestKey.get(key) ?? missed.find((e) => e.requestKey === key) ?? results.find((e) => e.requestKey === key);
      for (const p of batch) {
        const already = p.event.requestKey ? known(p.event.requestKey) : undefined;
        if (already) {
          results.push(already);
          continue;
        }
        const e = { ...p.event, seq: ++seq } as PlanEvent;
        rows.push(e);
        results.push(e);
      }
      if (rows.length > 0) {
        const params: unknown[] = [];
        const insert = insertPgEventsSql(rows, params);
        params.push(EVENTS_CHANNEL, String(seq));
        const n = params.length;
        await client.query(`WITH inserted AS (${insert} RETURNING seq) SELECT pg_notify($${n - 1}, $${n}) FROM (SELECT count(*) FROM inserted) c`, params);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    this.extend(missed);
    this.extend(rows);
    // In the cache now: no longer among the accepted appends still being written.
    this.writing = [];
    batch.forEach((p, i) => p.resolve(results[i]!));
  }
}
