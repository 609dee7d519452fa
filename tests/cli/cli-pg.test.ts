import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshDb, runCli } from '../support/run-cli.js';
import { pgSkipReason } from '../helpers/pg-cluster.js';
import { usePgCluster } from '../helpers/use-pg-cluster.js';

const skip = pgSkipReason();
if (skip) console.warn(`skipping the CLI-over-PostgreSQL tests: ${skip}`);

describe.skipIf(skip !== null)('PLANBOT_DATABASE_URL: the CLI keeps its state in PostgreSQL', () => {
  const cluster = usePgCluster();

  it('updates typed in chat are shown and listed by later commands, and no state file is written', async () => {
    const url = await cluster.database();
    const db = freshDb();
    const cli = (argv: string[], stdin: string[] = []) => runCli(argv, { env: { PLANBOT_DB: db, PLANBOT_DATABASE_URL: url }, stdin });
    const chat = await cli(['chat', '--json', '--user', 'alice', '--now', '2021-06-07T09:00:00+08:00'], ['/plan update T9 at-risk 420/800 Zhoukou behind', '/plan 更新 T9 有风险 430/800 进度滞后']);
    expect(chat.stdout.split('\n').map((l) => JSON.parse(l).ok)).toEqual([true, true]);
    const show = JSON.parse((await cli(['show', 'T9', '--json'])).stdout);
    expect(show).toMatchObject({ id: 'T9', status: 'at-risk' });
    expect(show.progress).toEqual([{ indicatorId: 'T9.1', value: 430, target: 800, unit: '个' }]);
    const history = JSON.parse((await cli(['history', 'T9', '--json'])).stdout);
    expect(history.map((h: { note: string }) => h.note)).toEqual(['进度滞后', 'Zhoukou behind']);
    expect(existsSync(db)).toBe(false);
  });

  it('a malformed URL is a configuration error naming the variable; an unreachable database says what to check', async () => {
    const bad = await runCli(['show', 'T9'], { env: { PLANBOT_DATABASE_URL: 'mysql://x' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/PLANBOT_DATABASE_URL: must be a PostgreSQL URL/);
    const down = await runCli(['show', 'T9'], { env: { PLANBOT_DATABASE_URL: 'postgres://planbot:pw@127.0.0.1:1/planbot' } });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Cannot use the database .*Check PLANBOT_DATABASE_URL/);
  });
});
