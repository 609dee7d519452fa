import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../src/store/events.js';
import { openFileStore } from '../../src/store/file-store.js';
import { openPgSnapshot } from '../../src/store/pg-store.js';
import { pgSkipReason } from '../helpers/pg-cluster.js';
import { usePgCluster } from '../helpers/use-pg-cluster.js';
import { freshDb, runCli } from '../support/run-cli.js';

const skip = pgSkipReason();
if (skip) console.warn(`skipping the migration tests: ${skip}`);

const STATUSES = ['on-track', 'at-risk', 'off-track', 'done'] as const;
const update = (i: number): NewEvent => ({
  type: 'update',
  itemId: `T${1 + (i % 40)}`,
  status: STATUSES[i % 4]!,
  progress: [{ indicatorId: 'T9.1', value: i, target: 800, unit: '个' }],
  note: i % 2 ? 'Zhoukou behind schedule' : '周口进度滞后',
  at: new Date(Date.UTC(2021, 5, 1) + i * 60_000).toISOString(),
  user: `slack:U${1000 + (i % 7)}`,
  platform: 'slack',
  planId: 'henan-2021',
  ...(i % 3 === 0 ? { requestKey: `slack:req:${i}` } : {}),
});

describe.skipIf(skip !== null)('plan-bot migrate --to (the state file into PostgreSQL)', () => {
  const cluster = usePgCluster();

  /** A state file of `n` updates, the last ones still in its journal (as after a run of serve). */
  async function stateFile(n: number): Promise<string> {
    const db = freshDb();
    const store = await openFileStore(db);
    for (let i = 0; i < n; i++) await store.append(update(i));
    await store.close();
    return db;
  }

  it('copies every event, journal included, verifies it and prints what it did; the database then serves the same answers', async () => {
    const db = await stateFile(2500);
    expect(existsSync(`${db}.journal`) && readFileSync(`${db}.journal`, 'utf8').trim().length > 0).toBe(true);
    const url = await cluster.database();
    const before = await runCli(['history', 'T9', '--json', '--db', db]);

    const migrated = await runCli(['migrate', '--to', url, '--db', db]);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/Copied 2500 events from .*state\.json \(journal included\) to postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+: seq 1–2500 \(2500 update\)/);
    expect(migrated.stdout).toMatch(/Verified before committing: 2500 rows read back, every event the same, and the same state of 40 items of henan-2021/);

    const file = await openFileStore(db);
    const fromFile = file.events();
    await file.close();
    const fromDb = (await openPgSnapshot(url)).events();
    expect(fromDb).toEqual(fromFile);
    const after = await runCli(['history', 'T9', '--json'], { env: { PLANBOT_DATABASE_URL: url } });
    expect(after.code).toBe(0);
    // The same history (jsonb keeps values, not the order of keys).
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(before.stdout));
    // A replica on the database appends after the copied events and knows their request keys.
    const { openPgStore } = await import('../../src/store/pg-store.js');
    const replica = await openPgStore(url);
    expect((await replica.append(update(2500))).seq).toBe(2501);
    expect((await replica.append(update(0))).seq).toBe(1); // already recorded (same request key)
    await replica.close();
  });

  it('refuses a database that already has events, copying nothing; --json reports the figures', async () => {
    const db = await stateFile(30);
    const url = await cluster.database();
    const first = await runCli(['migrate', '--to', url, '--db', db, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ events: 30, firstSeq: 1, lastSeq: 30, byType: { update: 30 }, itemsWithState: { 'henan-2021': 30 } });
    const again = await runCli(['migrate', '--to', url, '--db', await stateFile(5)]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has 30 plan-bot events: nothing was copied/);
    expect((await openPgSnapshot(url)).events()).toHaveLength(30);
  });

  it('says what is missing: no --to, or no state file', async () => {
    const noTo = await runCli(['migrate', '--db', freshDb()]);
    expect(noTo.code).toBe(2);
    expect(noTo.stderr).toMatch(/migrate needs --to postgres:\/\//);
    const noFile = await runCli(['migrate', '--to', await cluster.database(), '--db', freshDb()]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/There is no state file at .*: nothing to migrate/);
  });
});
