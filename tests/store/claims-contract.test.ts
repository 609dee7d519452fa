import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { memoryClaims, type Claims } from '../../src/store/claims.js';
import { openFileClaims } from '../../src/store/file-claims.js';
import { openPgStore, type PgStore } from '../../src/store/pg-store.js';
import { pgClaims } from '../../src/store/pg-claims.js';
import { tryLead } from '../../src/store/pg-leadership.js';
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';

const pgSkip = pgSkipReason();
if (pgSkip) console.warn(`the pg backend of the claims contract is skipped: ${pgSkip}`);
let cluster: PgCluster | null = null;
const stores: PgStore[] = [];
const closers: Claims[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c.close();
  for (const s of stores.splice(0)) await s.close();
});
afterAll(async () => {
  await cluster?.stop();
});

/** A place claims live; `open` gives another view of the same claims (a replica, or a restart). */
interface Backend {
  name: string;
  skip: string | null;
  fresh(): Promise<{ open(): Promise<Claims> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'memory',
    skip: null,
    fresh: async () => {
      const one = memoryClaims();
      return { open: async () => one };
    },
  },
  {
    name: 'file',
    skip: null,
    fresh: async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'planbot-claims-')), 'state.json.claims');
      let last: Claims | null = null;
      // One process holds the file at a time (the state file's lock): a new view is a restart.
      return {
        open: async () => {
          await last?.close();
          last = await openFileClaims(file);
          closers.push(last);
          return last;
        },
      };
    },
  },
  {
    name: 'pg',
    skip: pgSkip,
    fresh: async () => {
      cluster ??= await startPgCluster();
      const url = await cluster.database();
      return {
        open: async () => {
          const store = await openPgStore(url, { pollMs: 60_000 });
          stores.push(store);
          return pgClaims(store.pool);
        },
      };
    },
  },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(BACKENDS)('claims contract: $name', (backend) => {
  it.skipIf(backend.skip !== null)('one holder gets a key; the other finds it held, then done once completed, also after a restart', async () => {
    const place = await backend.fresh();
    const a = await place.open();
    expect(await a.claim('digest:henan-2021:slack:C1:2021-06-07', 'replica-a', 60_000)).toBe('claimed');
    expect(await a.claim('digest:henan-2021:slack:C1:2021-06-07', 'replica-b', 60_000)).toBe('held');
    await a.complete('digest:henan-2021:slack:C1:2021-06-07');
    const b = await place.open();
    expect(await b.claim('digest:henan-2021:slack:C1:2021-06-07', 'replica-b', 60_000)).toBe('done');
    expect(await b.claim('digest:henan-2021:slack:C1:2021-06-07', 'replica-a', 60_000)).toBe('done');
    expect(await b.claim('digest:henan-2021:slack:C2:2021-06-07', 'replica-b', 60_000)).toBe('claimed');
  });

  it.skipIf(backend.skip !== null)('a claim not completed expires: another holder takes it over after the ttl, not before', async () => {
    const place = await backend.fresh();
    const a = await place.open();
    expect(await a.claim('k', 'replica-a', 300)).toBe('claimed');
    expect(await a.claim('k', 'replica-b', 300)).toBe('held');
    await sleep(100);
    expect(await a.claim('k', 'replica-b', 300)).toBe('held');
    await sleep(300);
    expect(await a.claim('k', 'replica-b', 300)).toBe('claimed');
    expect(await a.claim('k', 'replica-a', 300)).toBe('held');
  });

  it.skipIf(backend.skip !== null)('a released claim is free at once; only its holder can release it', async () => {
    const place = await backend.fresh();
    const a = await place.open();
    await a.claim('k', 'replica-a', 60_000);
    await a.release('k', 'replica-b');
    expect(await a.claim('k', 'replica-b', 60_000)).toBe('held');
    await a.release('k', 'replica-a');
    expect(await a.claim('k', 'replica-b', 60_000)).toBe('claimed');
  });
});

describe.skipIf(pgSkip !== null)('pg claims under contention, and tryLead: one leader among replicas', () => {
  it('of two replicas claiming 50 keys at the same moment, each key goes to exactly one', async () => {
    const place = await BACKENDS.find((b) => b.name === 'pg')!.fresh();
    const [a, b] = [await place.open(), await place.open()];
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
    const got = await Promise.all(keys.flatMap((k) => [a.claim(k, 'replica-a', 60_000), b.claim(k, 'replica-b', 60_000)]));
    for (let i = 0; i < keys.length; i++) expect([got[2 * i], got[2 * i + 1]].sort()).toEqual(['claimed', 'held']);
  });
  it('the second replica is refused while the first leads, and leads once the first releases', async () => {
    cluster ??= await startPgCluster();
    const url = await cluster.database();
    const first = await tryLead(url, 'wecom');
    expect(first).not.toBeNull();
    expect(await tryLead(url, 'wecom')).toBeNull();
    const other = await tryLead(url, 'dingtalk');
    expect(other).not.toBeNull();
    await first!.release();
    const second = await tryLead(url, 'wecom');
    expect(second).not.toBeNull();
    await second!.release();
    await other!.release();
  });
});
