import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'planbot-startup-'));

/** Runs a command that opens the state file for writing (chat) or serves, over `db`. */
const withDb = (db: string, argv: string[]) => runCli(argv, { env: { PLANBOT_DB: db, PORT: '0' } });

describe('start-up where the state file cannot live: a clear message, exit 1, no stack trace', () => {
  const regularFile = () => {
    const f = join(tempDir(), 'hostname');
    writeFileSync(f, 'my-host\n');
    return f;
  };

  it.each([
    ['--db under a regular file', () => join(regularFile(), 'x'), /Cannot use .*hostname\/x as the state file: a part of the path is a file, not a folder/],
    ['--db deeper under a regular file', () => join(regularFile(), 'a', 'b', 'state.json'), /a part of the path is a file, not a folder/],
    ['--db in /proc (a folder that cannot be made)', () => '/proc/planbot-nosuch/state.json', /\/proc is in the kernel's \/proc file system/],
    ['--db a file of /proc', () => '/proc/self/status', /\/proc\/self is in the kernel's \/proc file system/],
    ['--db a device', () => '/dev/null', /it is not a regular file/],
  ])('%s', async (_name, db, message) => {
    const path = db();
    for (const argv of [['chat', '--user', 'alice'], ['serve'], ['digest', '--post-due']]) {
      const r = await withDb(path, argv);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/无法将 .* 用作状态文件/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync('/dev/null.lock')).toBe(false);
  });

  it('a file that is not a state file is refused without quoting a word of it, and left as it was', async () => {
    const db = join(tempDir(), 'passwd');
    writeFileSync(db, 'root:x:0:0:SECRET-WORD:/root:/bin/bash\n');
    for (const argv of [['chat', '--user', 'alice'], ['show', 'T9'], ['serve']]) {
      const r = await withDb(db, argv);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/cannot be read as a state file \(not valid JSON, and not a plan-bot state file\).*check --db/);
      expect(r.stderr + r.stdout).not.toMatch(/SECRET|root:x/);
    }
  });

  it('a JSON file that is not a state file is not quoted either', async () => {
    const db = join(tempDir(), 'config.json');
    writeFileSync(db, '{"password": "SECRET-WORD", "events": 3');
    const r = await withDb(db, ['chat', '--user', 'alice']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/SECRET/);
  });
});
