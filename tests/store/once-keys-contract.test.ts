import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryOnceKeys, type OnceKeys } from '../../src/store/once-keys.js';
import { pgOnceKeys } from '../../src/store/pg-once-keys.js';
import { migratePgSchema } from '../../src/store/pg-schema.js';
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';

const pgSkip = pgSkipReason();
if (pgSkip) console.warn(`the pg backend of the once-keys contract is skipped: ${pgSkip}`);
let cluster: PgCluster | null = null;
const pools: pg.Pool[] = [];
afterAll(async () => {
  for (const p of pools) await p.end();
  await cluster?.stop();
});

/** Where once-keys live; `replicas` gives two views of the same keys (two processes sharing them). */
const BACKENDS: { name: string; skip: string | null; replicas(): Promise<[OnceKeys, OnceKeys]> }[] = [
  {
    name: 'memory',
    skip: null,
    replicas: async () => {
      const one = memoryOnceKeys();
      return [one, one];
    },
  },
  {
    name: 'pg',
    skip: pgSkip,
    replicas: async () => {
      cluster ??= await startPgCluster();
      const url = await cluster.database();
      const [a, b] = [new pg.Pool({ connectionString: url }), new pg.Pool({ connectionString: url })];
      pools.push(a, b);
      await migratePgSchema(a);
      return [pgOnceKeys(a), pgOnceKeys(b)];
    },
  },
];

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`once-keys contract: ${backend.name}`, () => {
    it('a key is first once until it expires, whichever process uses it; other keys are independent', async () => {
      const [a, b] = await backend.replicas();
      const later = Date.now() + 60_000;
      expect(await a.first('slack:1:abc', later)).toBe(true);
      expect(await b.first('slack:1:abc', later)).toBe(false);
      expect(await a.first('slack:1:abc', later)).toBe(false);
      expect(await b.first('web-invite:x', later)).toBe(true);
    });

    it('of two processes using a key at the same moment, exactly one is first', async () => {
      const [a, b] = await backend.replicas();
      const later = Date.now() + 60_000;
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).first('race', later)));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    });

    it('an expired key is first again', async () => {
      const [a, b] = await backend.replicas();
      expect(await a.first('short', Date.now() + 150)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(await b.first('short', Date.now() + 60_000)).toBe(true);
      expect(await a.first('short', Date.now() + 60_000)).toBe(false);
    }, 10_000);
  });
}
