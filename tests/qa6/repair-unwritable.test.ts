import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repairStateFile, repairText } from '../../src/store/repair-state.js';
import { nodeFs, type StoreFs } from '../../src/store/store-fs.js';
import { runCli } from '../support/run-cli.js';

const event = (seq: number) =>
  JSON.stringify({ seq, id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, at: '2021-06-15T02:00:00.000Z', user: 'console:ann', platform: 'console', planId: 'henan-2021', type: 'update', itemId: 'T9', status: 'at-risk', progress: [], note: `n${seq}` });
/** A state file torn in its fourth event. */
function tornFile(): { file: string; text: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'planbot-repair-')), 'state.json');
  const text = `{"version":2,"events":[\n${[1, 2, 3, 4].map(event).join(',\n')}\n]}\n`.slice(0, -60);
  writeFileSync(file, text);
  return { file, text };
}

describe('plan-bot repair when the repaired file cannot be written', () => {
  it('a read-only state file: a clear message and exit 1, no stack trace, the file and its mode untouched', async () => {
    const { file, text } = tornFile();
    chmodSync(file, 0o444);
    const r = await runCli(['repair', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Nothing repaired: it could not be written: the file is read-only \(mode 0444\).*nothing in it was changed/);
    expect(r.stderr).toMatch(/Make the file and its folder writable, then run plan-bot repair again/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it('a full disk (a faked write error): says so, names the copy it made, and leaves the file as it was', async () => {
    const { file, text } = tornFile();
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const fs: StoreFs = {
      ...nodeFs,
      open: (async (path: string, ...rest: unknown[]) => {
        const fh = await (nodeFs.open as (...a: unknown[]) => ReturnType<typeof nodeFs.open>)(path, ...rest);
        if (String(path).endsWith('.tmp')) fh.writeFile = async () => Promise.reject(full);
        return fh;
      }) as StoreFs['open'],
    };
    const r = await repairStateFile(file, { fs });
    expect(r).toMatchObject({ ok: false, unchanged: true, kept: 3 });
    expect(repairText(r)).toMatch(/^Nothing repaired: it could not be written: no space left on the device; nothing in it was changed \(a copy was made first: .*state\.json\.damaged-.*; delete it to free the space it takes\)\. Free some space, then run plan-bot repair again\./);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(join(file, '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
