import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { pgSkipReason } from '../helpers/pg-cluster.js';
import { usePgCluster } from '../helpers/use-pg-cluster.js';

const skip = pgSkipReason();
if (skip) console.warn(`skipping the PostgreSQL tests: ${skip}`);

describe.skipIf(skip !== null)('private PostgreSQL cluster for the tests', () => {
  const cluster = usePgCluster();

  it('gives each caller a fresh, separate database', async () => {
    const [a, b] = [await cluster.database(), await cluster.database()];
    expect(a).not.toEqual(b);
    const client = new pg.Client({ connectionString: a });
    await client.connect();
    const { rows } = await client.query<{ db: string }>('select current_database() as db');
    await client.end();
    expect(a.endsWith(`/${rows[0]!.db}`)).toBe(true);
  });
});
