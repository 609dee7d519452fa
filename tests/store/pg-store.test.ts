import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { PG_SCHEMA_VERSION } from '../../src/store/pg-schema.js';
import { openPgStore, type PgStore } from '../../src/store/pg-store.js';
import { pgSkipReason } from '../helpers/pg-cluster.js';
import { usePgCluster } from '../helpers/use-pg-cluster.js';
import { updateEvent } from './fixtures/events.js';

const skip = pgSkipReason();
if (skip) console.warn(`skipping the PostgreSQL store tests: ${skip}`);

/** Resolves once `pred` holds, checking every 10 ms; rejects after `ms`. */
async function within(ms: number, pred: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(skip !== null)('PostgreSQL store shared by replicas', () => {
  const cluster = usePgCluster();
  const opened: PgStore[] = [];
  const open = async (url: string) => {
    // pollMs far beyond the test: what the replicas see comes from LISTEN/NOTIFY.
    const s = await openPgStore(url, { pollMs: 60_000 });
    opened.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });

  it('a replica sees another replica’s update within 1 s, without appending anything itself', async () => {
    const url = await cluster.database();
    const [a, b] = [await open(url), await open(url)];
    const e = await a.append(updateEvent({ note: 'from a' }));
    await within(1000, () => b.events().length === 1);
    expect(b.events()).toEqual([e]);
  });

  it('a replica whose notification connection was cut reconnects and again sees updates within 1 s', async () => {
    const url = await cluster.database();
    const [a, b] = [await open(url), await open(url)];
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN planbot_events' AND datname = current_database()");
    await admin.end();
    expect(cut.rowCount).toBe(2);
    await new Promise((r) => setTimeout(r, 1500)); // the reconnection waits 1 s
    const e = await a.append(updateEvent({ note: 'after the cut' }));
    await within(1000, () => b.events().length === 1);
    expect(b.events()).toEqual([e]);
  });

  it('concurrent appends on two replicas get gap-free seqs in commit order, and both end with the same log', async () => {
    const url = await cluster.database();
    const [a, b] = [await open(url), await open(url)];
    const written = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).append(updateEvent({ note: `n${i}` }))));
    expect(written.map((e) => e.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    await within(1000, () => a.events().length === 200 && b.events().length === 200);
    expect(a.events()).toEqual(b.events());
    expect(a.events().map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('an append shows the replica’s own write at once and everything committed before it (read-your-writes, in order)', async () => {
    const url = await cluster.database();
    const [a, b] = [await open(url), await open(url)];
    const first = await a.append(updateEvent({ note: 'first' }));
    const second = await b.append(updateEvent({ note: 'second' }));
    expect(b.events()).toEqual([first, second]);
  });

  it('an event whose request key is in the log is recorded once, whichever replica carries the request out', async () => {
    const url = await cluster.database();
    const [a, b] = [await open(url), await open(url)];
    const [x, y] = await Promise.all([a.append(updateEvent({ requestKey: 'slack:1:k' })), b.append(updateEvent({ requestKey: 'slack:1:k' }))]);
    expect(x).toEqual(y);
    const again = await a.append(updateEvent({ requestKey: 'slack:1:k', note: 'replayed' }));
    expect(again).toEqual(x);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM planbot_events');
    await client.end();
    expect(rows[0].n).toBe(1);
  });

  it('creates its schema with a version table, and refuses a database written by a newer plan-bot', async () => {
    const url = await cluster.database();
    await (await open(url)).append(updateEvent());
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query('SELECT version FROM planbot_schema')).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
    await client.query('UPDATE planbot_schema SET version = version + 1');
    await client.end();
    const refused = await openPgStore(url).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).text.en).toMatch(/newer than this plan-bot.*upgrade plan-bot/);
  });

  it('reports a primary as writable (what GET /healthz shows)', async () => {
    const url = await cluster.database();
    const store = await open(url);
    await store.append(updateEvent());
    expect(await store.health()).toEqual({ kind: 'postgres', events: 1, writable: true });
  });

  it('an append the database refuses is not recorded, and the person is told the database (not a state file) failed', async () => {
    const url = await cluster.database();
    const store = await open(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('ALTER TABLE planbot_events ADD CONSTRAINT refuse_all CHECK (false) NOT VALID');
    await client.end();
    const refused = await store.append(updateEvent()).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).text.en).toBe('Not recorded: the server cannot reach its database; try again in a moment, or tell the operator.');
    expect((refused as UserError).text.zh).toMatch(/数据库/);
    expect(store.events()).toEqual([]);
  });

  it('refuses an unreachable database with what to check, naming it without its password', async () => {
    const refused = await openPgStore('postgres://planbot:hunter2@127.0.0.1:1/planbot').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).text.en).toMatch(/Cannot use the database postgres:\/\/planbot:\*\*\*@127\.0\.0\.1:1\/planbot .*Check PLANBOT_DATABASE_URL/);
    expect((refused as UserError).text.en).not.toMatch(/hunter2/);
  });
});
