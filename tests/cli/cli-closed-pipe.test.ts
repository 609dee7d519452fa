import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('plan-bot whose reader stops early (`plan-bot list --json | head -0`)', () => {
  it('exits 0 without an EPIPE trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planbot-pipe-'));
    dirs.push(dir);
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'plan-bot.js'), 'list', '--json'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PLANBOT_DB: join(dir, 'state.json'), PLANBOT_CACHE_DIR: 'off', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like `| head -0`: the reader is gone before plan-bot writes its output.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(code).toBe(0);
  }, 60_000);
});
