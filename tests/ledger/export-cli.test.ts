import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { freshDb, runCli } from '../support/run-cli.js';

const NOW = '2021-06-15T09:00:00+08:00';
const tempDir = () => mkdtempSync(join(tmpdir(), 'planbot-export-'));

/** A state file where console:erin (a local admin: no PLANBOT_ADMINS) recorded T12 at risk and T20 off track. */
async function seeded(): Promise<string> {
  const db = freshDb();
  const chat = await runCli(['chat', '--user', 'erin', '--now', '2021-06-10T10:00:00+08:00'], { env: { PLANBOT_DB: db }, stdin: ['/plan update T12 at-risk 3/10', '/plan update T20 off-track'] });
  expect(chat.code).toBe(0);
  return db;
}

describe('plan-bot export', () => {
  it('writes the workbook to --out, numbers as numbers, and says where on stdout', async () => {
    const db = await seeded();
    const out = join(tempDir(), 'ledger.xlsx');
    const r = await runCli(['export', '--out', out, '--now', NOW], { env: { PLANBOT_DB: db } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(out);
    const rows = await readSheet(readFileSync(out), '台账');
    const t12 = rows.find((row) => row[0] === 'T12')!;
    expect(t12[12]).toBe('有风险');
    expect(t12[14]).toBe('console:erin');
    expect(t12[13]).toEqual(new Date('2021-06-10T10:00:00Z'));
  });

  it('prints markdown to stdout; --sheet with csv writes that sheet alone with a BOM; --lang en', async () => {
    const db = await seeded();
    const md = await runCli(['export', '--format', 'md', '--lang', 'en', '--now', NOW], { env: { PLANBOT_DB: db } });
    expect(md.code).toBe(0);
    expect(md.stdout.split('\n')[0]).toMatch(/^\| ID \| Title \| Lead unit \|/);
    expect(md.stdout).toMatch(/\| T20 \|.*🔴 red/);
    const out = join(tempDir(), 'l.csv');
    const csv = await runCli(['export', '--format', 'csv', '--sheet', 'ledger', '--out', out, '--now', NOW], { env: { PLANBOT_DB: db } });
    expect(csv.code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('编号,事项');
  });

  it('as of a week: the ledger at its end', async () => {
    const db = await seeded();
    const before = await runCli(['export', '--format', 'md', '--week', '2021-05-31', '--now', NOW], { env: { PLANBOT_DB: db } });
    expect(before.code).toBe(0);
    expect(before.stdout).not.toContain('有风险');
    const after = await runCli(['export', '--format', 'md', '--week', '2021-06-07', '--now', NOW], { env: { PLANBOT_DB: db } });
    expect(after.stdout).toContain('有风险');
  });

  it('refuses an unknown --format, --lang or --sheet as bad usage (exit 2, as chart and report do) saying what there is', async () => {
    const cases: [string[], RegExp][] = [
      [['--format', 'pdf'], /Unknown format "pdf": use xlsx, csv, md/],
      [['--lang', 'fr'], /use zh .* or en/],
      [['--sheet', 'summary'], /use ledger, history, indicators/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['export', ...args, '--now', NOW]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('refuses a week not yet ended or not a date with a user error (exit 1) that says how to fix it', async () => {
    const cases: [string[], RegExp][] = [
      [['--week', '2021-06-16'], /has not ended yet/],
      [['--week', 'someday'], /Write it as 2021-06-30/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['export', ...args, '--now', NOW]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('the export intent in chat, on the console', () => {
  it('导出台账 saves the workbook in --out DIR and prints its path; export the ledger as csv the zip', async () => {
    const db = await seeded();
    const dir = tempDir();
    const r = await runCli(['chat', '--json', '--user', 'erin', '--out', dir, '--now', NOW], { env: { PLANBOT_DB: db }, stdin: ['导出台账', 'export the ledger as csv', '/plan export md history', '/plan export pdf'] });
    const lines = r.stdout.split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ ok: true, files: [join(dir, '台账-2021-06-15.xlsx')] });
    expect(lines[0].text).toContain(`文件已保存：${join(dir, '台账-2021-06-15.xlsx')}`);
    expect(existsSync(join(dir, '台账-2021-06-15.xlsx'))).toBe(true);
    expect(lines[1]).toMatchObject({ ok: true, files: [join(dir, 'ledger-2021-06-15-csv.zip')] });
    expect(readFileSync(lines[2].files[0], 'utf8')).toMatch(/^\| Time \| ID \|/);
    expect(lines[3]).toMatchObject({ ok: false });
    expect(lines[3].files).toBeUndefined();
    // Exporting is read-only: the log holds only the two updates.
    expect(readFileSync(db, 'utf8').match(/"type":\s*"update"/g)).toHaveLength(2);
  });
});
