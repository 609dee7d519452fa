import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolders } from '../../src/core/make-folders.js';

describe('makeFolders: missing folders made one level at a time', () => {
  it('makes every missing level and accepts folders that exist', async () => {
    const root = mkdtempSync(join(tmpdir(), 'planbot-folders-'));
    const deep = join(root, 'a', 'b', '台账');
    await makeFolders(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    await expect(makeFolders(deep)).resolves.toBeUndefined();
  });

  it('refuses a path under a file (ENOTDIR) without making anything', async () => {
    const root = mkdtempSync(join(tmpdir(), 'planbot-folders-'));
    writeFileSync(join(root, 'file'), 'x');
    await expect(makeFolders(join(root, 'file', 'sub', 'x'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(existsSync(join(root, 'file', 'sub'))).toBe(false);
  });

  it.runIf(existsSync('/proc/self'))('fails at once under /proc, where a recursive mkdir of Node 20 never returns', async () => {
    await expect(makeFolders('/proc/plan-bot-nope/x')).rejects.toMatchObject({ code: expect.stringMatching(/ENOENT|EACCES|EPERM/) });
  });
});
