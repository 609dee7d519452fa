import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATE_VERSION } from '../../src/store/migrate-state.js';
import { freshDb, runCli } from '../support/run-cli.js';

const cliOver = (db: string) => (argv: string[], stdin: string[] = []) => runCli(argv, { env: { PLANBOT_DB: db }, stdin });
const copiesOf = (db: string) => readdirSync(dirname(db)).filter((f) => f.startsWith('state.json.damaged-'));

/**
 * A state file written through the chat (three updates folded into the file, then a fourth: its
 * backup holds three), then torn inside its last event (as a crash mid-write would, were writes not atomic).
 */
async function tornDb(): Promise<{ db: string; whole: string }> {
  const db = freshDb();
  const cli = cliOver(db);
  const chat = (lines: string[]) => cli(['chat', '--user', 'alice', '--now', '2021-06-07T09:00:00+08:00'], lines);
  await chat(['/plan update T9 at-risk 420/800 behind', '/plan assign T9 @bob', '/plan update T9 on-track 600/800 赶上了']);
  await chat([]); // start-up folds the journal into the file
  await chat(['/plan subscribe G3']);
  await chat([]);
  const whole = readFileSync(db, 'utf8');
  writeFileSync(db, whole.slice(0, whole.lastIndexOf('{"seq":4') + 30));
  return { db, whole };
}

describe('plan-bot repair', () => {
  it('start-up on a torn file refuses and points to plan-bot repair; repair keeps every complete event and the file loads again', async () => {
    const { db } = await tornDb();
    const cli = cliOver(db);
    const refused = await cli(['chat', '--user', 'alice'], ['/plan status T9']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`damaged \\(not valid JSON: it ends mid-way.*To salvage every complete event: plan-bot repair --db "${db}"`));

    const r = await cli(['repair']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Repaired .*state\.json: kept 3 events \(the last: #3 at 2021-06-07T01:00:00\.000Z\), dropped 1\./);
    expect(r.stdout).toMatch(/dropped: value 4 of the events, at character \d+: cut off mid-way/);
    expect(r.stdout).toMatch(/The original is kept at .*state\.json\.damaged-.*\nThe repaired file loads/);
    expect(copiesOf(db)).toHaveLength(1);

    const show = JSON.parse((await cli(['show', 'T9', '--json'])).stdout);
    expect(show).toMatchObject({ status: 'on-track', owners: [expect.stringMatching(/bob$/)] });
    const again = await cli(['chat', '--json', '--user', 'alice'], ['/plan update T9 done']);
    expect(JSON.parse(again.stdout).ok).toBe(true);
  });

  it('a damaged journal line: start-up refuses and points to repair; repair keeps every other update, and show sees them', async () => {
    const db = freshDb();
    const cli = cliOver(db);
    await cli(['chat', '--user', 'alice', '--now', '2021-06-07T09:00:00+08:00'], ['/plan update T9 at-risk 420/800 behind', '/plan assign T9 @bob', '/plan update T9 on-track 600/800 赶上了']);
    const lines = readFileSync(`${db}.journal`, 'utf8').split('\n');
    expect(lines.filter(Boolean)).toHaveLength(3);
    lines[1] = lines[1]!.replace('"type":', '"type"#');
    writeFileSync(`${db}.journal`, lines.join('\n'));

    const refused = await cli(['chat', '--user', 'alice'], ['/plan status T9']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/line 2 of its journal .*state\.json\.journal unreadable.*plan-bot repair --db/);
    const r = await cli(['repair']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kept 2 events .*dropped 0\.\nFrom the journal .*state\.json\.journal: read 2 complete events .*dropped 1; it is now empty\.\n  dropped: line 2 of the journal/);
    expect(r.stdout).toMatch(/The original journal is kept at .*state\.json\.journal\.damaged-/);
    const show = JSON.parse((await cli(['show', 'T9', '--json'])).stdout);
    expect(show).toMatchObject({ status: 'on-track', owners: [] });
  });

  it('--json reports what was kept and dropped', async () => {
    const { db } = await tornDb();
    const r = await cliOver(db)(['repair', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      file: db,
      unchanged: false,
      copy: expect.stringContaining(`${db}.damaged-`),
      kept: 3,
      dropped: [{ index: 4, offset: expect.any(Number), reason: expect.stringMatching(/cut off/) }],
      renumbered: false,
      backup: { file: `${db}.bak`, events: 3 },
    });
  });

  it('a file that loads is left alone (exit 0)', async () => {
    const db = freshDb();
    await cliOver(db)(['chat', '--user', 'alice'], ['/plan update T9 done']);
    const before = readFileSync(db, 'utf8');
    const r = await cliOver(db)(['repair']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/loads as it is \(1 event\); nothing to repair/);
    expect(readFileSync(db, 'utf8')).toBe(before);
    expect(copiesOf(db)).toEqual([]);
  });

  it('a file that is not JSON at all is not touched (exit 1, without quoting it)', async () => {
    const db = freshDb();
    writeFileSync(db, 'SECRET notes, not a state file\n');
    const r = await cliOver(db)(['repair']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Nothing repaired: it is not a plan-bot state file.*left as it was\.$/);
    expect(r.stderr).not.toMatch(/SECRET/);
    expect(readFileSync(db, 'utf8')).toBe('SECRET notes, not a state file\n');
    expect(copiesOf(db)).toEqual([]);
    const json = await cliOver(db)(['repair', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, unchanged: true, copy: null });
  });

  it('an empty file becomes an empty log, its copy kept (exit 0)', async () => {
    const db = freshDb();
    writeFileSync(db, '');
    const r = await cliOver(db)(['repair']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kept 0 events, dropped 0/);
    expect(JSON.parse(readFileSync(db, 'utf8'))).toEqual({ version: STATE_VERSION, events: [] });
    expect(copiesOf(db)).toHaveLength(1);
  });

  it('no such file: exit 1', async () => {
    const r = await cliOver(freshDb())(['repair']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Nothing repaired: there is no file/);
  });

  it('with PLANBOT_DATABASE_URL set, says the database is the store and repair does not touch it', async () => {
    const r = await runCli(['repair'], { env: { PLANBOT_DB: freshDb(), PLANBOT_DATABASE_URL: 'postgres://planbot:hunter2@127.0.0.1:1/planbot' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PLANBOT_DATABASE_URL is set, so the store is that PostgreSQL database, which repair does not touch .*docs\/deploy\.md/);
    expect(r.stderr).not.toMatch(/hunter2/);
  });
});
