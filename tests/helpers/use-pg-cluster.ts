import { afterAll, beforeAll } from 'vitest';
import { startPgCluster, type PgCluster } from './pg-cluster.js';

/**
 * One private PostgreSQL cluster for the enclosing `describe`: started before its tests, stopped after.
 * Call inside a `describe.skipIf(pgSkipReason() !== null)`. Kept apart from pg-cluster.ts, which the
 * benchmarks import outside vitest.
 */
export function usePgCluster(): Pick<PgCluster, 'database'> {
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  return { database: () => cluster!.database() };
}
