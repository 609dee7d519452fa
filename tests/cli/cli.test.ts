import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { REAL_DOCUMENT, miniPlan } from '../plan/fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI in process with a captured console. */
const cli = (argv: string[], env: Record<string, string> = {}) => runCli(argv, { env });

const tempDir = () => mkdtempSync(join(tmpdir(), 'planbot-cli-'));

describe('plan-bot list and show', () => {
  it('list --json gives 6 objectives, 10 groups and 40 tasks in the contract shape', async () => {
    const { code, stdout } = await cli(['list', '--json']);
    expect(code).toBe(0);
    const items = JSON.parse(stdout);
    const count = (k: string) => items.filter((i: any) => i.kind === k).length;
    expect([count('objective'), count('group'), count('task')]).toEqual([6, 10, 40]);
    for (const i of items) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['id', 'kind', 'parent', 'title', 'text', 'indicators']));
      for (const x of i.indicators) {
        expect(Object.keys(x)).toEqual(expect.arrayContaining(['id', 'metric', 'comparator', 'value', 'unit', 'deadline', 'text']));
      }
    }
    expect(items.find((i: any) => i.id === 'T26').parent).toBe('G7');
  });

  it('show prints one item with state fields; a wrong id suggests near ones and exits 1', async () => {
    const ok = await cli(['show', 't9', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ id: 'T9', parent: 'G3', status: null, owners: [], progress: [], updatedAt: null });
    const text = await cli(['show', 'O3']);
    expect(text.stdout).toContain('农村生活污水治理率达到33%');
    expect(text.stdout).toContain('Rural domestic sewage treatment rate');
    const bad = await cli(['show', 'T41']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no item "T41".*T1–T40.*did you mean T40/s);
    expect(bad.stderr).toMatch(/本计划中没有/);
  });

  it('bad usage exits 2 with the usage text', async () => {
    for (const argv of [['frobnicate'], ['list', '--nope'], ['show'], ['show', 'T1', 'T2'], []]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
    }
    expect((await cli(['--help'])).code).toBe(0);
  });

  it('a bad environment variable is a clear error', async () => {
    const r = await cli(['list'], { PLANBOT_TZ: 'Mars/Olympus' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PLANBOT_TZ: must be an IANA time zone/);
  });
});

describe('plan-bot ingest', () => {
  it('summarises a good document without saving anything', async () => {
    const dir = tempDir();
    const file = join(dir, 'plan.txt');
    writeFileSync(file, REAL_DOCUMENT);
    const r = await cli(['ingest', file, '--json'], { PLANBOT_PLANS_DIR: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, objectives: 6, groups: 10, tasks: 40 });
    expect(out.ids).toHaveLength(56);
    expect(readdirSync(dir)).toEqual(['plan.txt']);
  });

  it('reports a malformed document with line numbers, exit 1, and saves nothing even with --save', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.txt');
    writeFileSync(file, miniPlan().replace('5. ', '7. '));
    const r = await cli(['ingest', file, '--json', '--save', 'bad-plan'], { PLANBOT_PLANS_DIR: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.errors[0]).toEqual({ line: expect.any(Number), message: expect.stringMatching(/expected task 5 but found 7/) });
    expect(existsSync(join(dir, 'bad-plan'))).toBe(false);
    const human = await cli(['ingest', file]);
    expect(human.stderr).toMatch(/line \d+: gap in numbering/);
  });

  it('--save keeps a plan beside the others, usable with --plan, and refuses to overwrite it', async () => {
    const dir = tempDir();
    const file = join(dir, 'mini.txt');
    writeFileSync(file, miniPlan());
    const env = { PLANBOT_PLANS_DIR: dir };
    expect((await cli(['ingest', file, '--save', 'city-2022'], env)).code).toBe(0);
    const list = await cli(['list', '--json', '--plan', 'city-2022'], env);
    expect(JSON.parse(list.stdout).map((i: any) => i.id)).toEqual(['O1', 'O2', 'O3', 'G1', 'T1', 'T2', 'T3', 'G2', 'T4', 'T5', 'T6', 'G3', 'T7', 'T8', 'T9']);
    const again = await cli(['ingest', file, '--save', 'city-2022'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const badId = await cli(['ingest', file, '--save', '../evil'], env);
    expect(badId.code).toBe(1);
    expect(badId.stderr).toMatch(/not a valid plan id/);
  });

  it('a missing file is a user error', async () => {
    const r = await cli(['ingest', '/nonexistent/plan.txt']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot read \/nonexistent\/plan\.txt \(ENOENT\)/);
  });
});

describe('the real command', () => {
  it('npx plan-bot list --json works from the repository', async () => {
    const { stdout } = await promisify(execFile)('npx', ['plan-bot', 'list', '--json'], { cwd: ROOT, maxBuffer: 10_000_000 });
    expect(JSON.parse(stdout)).toHaveLength(56);
  }, 120_000); // npx itself may take long on a loaded 2-core machine: a generous limit, not a speed check

  it('reads .env from the working folder, and the environment wins over it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), 'PLANBOT_TZ=Mars/Olympus\n');
    const bin = join(ROOT, 'bin', 'plan-bot.js');
    await expect(promisify(execFile)('node', [bin, 'list'], { cwd: dir })).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/PLANBOT_TZ/) });
    const ok = await promisify(execFile)('node', [bin, 'show', 'T1', '--json'], { cwd: dir, env: { ...process.env, PLANBOT_TZ: 'Asia/Shanghai' } });
    expect(JSON.parse(ok.stdout).id).toBe('T1');
  });

  it('exits 1 with the message on stderr for a user error', async () => {
    const run = promisify(execFile)('node', ['bin/plan-bot.js', 'show', 'Z1'], { cwd: ROOT });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/no item "Z1"/) });
  });
});
