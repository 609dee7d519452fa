import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('plan-bot web invite with a --db it cannot use', () => {
  const dir = mkdtempSync(join(tmpdir(), 'planbot-invite-'));
  const notes = join(dir, 'notes.txt');
  writeFileSync(notes, 'private notes, not a state file\n');
  mkdirSync(join(dir, 'state.json.web-secret'));

  it.each([
    ['under a file', join(notes, 'state.json'), /^Cannot use .*notes\.txt\/state\.json as the state file: a part of the path is a file, not a folder\./],
    ['in /proc', '/proc/version', /^Cannot use \/proc\/version as the state file: \/proc is in the kernel's \/proc file system/],
    ['whose secret is a folder', join(dir, 'state.json'), /^Cannot read the web chat's signing secret .*state\.json\.web-secret \(EISDIR/],
  ])('%s: a clear message and exit 1, no stack trace', async (_, db, message) => {
    const r = await runCli(['web', 'invite', 'bob', '--db', db], { env: { PLANBOT_WEB_SECRET: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at |node:internal/);
    expect(r.stderr).not.toMatch(/private notes/);
    expect(r.stdout).toBe('');
  });
});
