import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A package laid out like plan-bot with the real bin/plan-bot.js, whose two run-cli modules only say which they are. */
function fakePackage(): { dir: string; age(path: string, seconds: number): void } {
  const dir = mkdtempSync(join(tmpdir(), 'planbot-bin-'));
  mkdirSync(join(dir, 'bin'));
  for (const file of ['plan-bot.js', 'dist-choice.js']) copyFileSync(join(ROOT, 'bin', file), join(dir, 'bin', file));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
  mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
  mkdirSync(join(dir, 'intents'));
  writeFileSync(join(dir, 'src', 'cli', 'run-cli.ts'), "export async function runCli(argv: string[]): Promise<number> {\n  console.log(`sources ${argv.join(' ')}`);\n  return 0;\n}\n");
  writeFileSync(join(dir, 'intents', 'index.ts'), 'export const allIntents = [];\n');
  const now = Date.now() / 1000;
  const age = (path: string, seconds: number) => utimesSync(join(dir, path), now - seconds, now - seconds);
  age('src/cli/run-cli.ts', 60);
  age('intents/index.ts', 60);
  return { dir, age };
}

function build(dir: string): void {
  mkdirSync(join(dir, 'dist', 'src', 'cli'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'src', 'cli', 'run-cli.js'), "export async function runCli(argv) {\n  console.log(`dist ${argv.join(' ')}`);\n  return 0;\n}\n");
  writeFileSync(join(dir, 'dist', '.build-stamp'), '{}\n');
}

async function run(dir: string): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [join(dir, 'bin', 'plan-bot.js'), 'ask', 'T9'], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug' } });
}

describe('bin/plan-bot.js runs the build in dist/ when it is current, else the sources (issue 14)', () => {
  it('runs the sources through tsx while dist/ is not built, and says why at debug level', async () => {
    const { dir } = fakePackage();
    const { stdout, stderr } = await run(dir);
    expect(stdout.trim()).toBe('sources ask T9');
    expect(JSON.parse(stderr.split('\n')[0]!)).toMatchObject({ level: 20, msg: expect.stringMatching(/sources through tsx: dist\/ is not built/) });
  }, 30_000);

  it('runs dist/ when its stamp is newer than every source', async () => {
    const { dir, age } = fakePackage();
    build(dir);
    age('dist/.build-stamp', 10);
    const { stdout, stderr } = await run(dir);
    expect(stdout.trim()).toBe('dist ask T9');
    expect(stderr).toMatch(/running the build in dist\//);
  }, 30_000);

  it('runs the sources again once one of them (in src/ or intents/) changed after the build, naming it', async () => {
    const { dir, age } = fakePackage();
    build(dir);
    age('dist/.build-stamp', 10);
    age('intents/index.ts', 1);
    const { stdout, stderr } = await run(dir);
    expect(stdout.trim()).toBe('sources ask T9');
    expect(stderr).toMatch(/intents\/index\.ts changed after the build/);
  }, 30_000);

  it('without its stamp (a build that failed or is under way), dist/ is not run', async () => {
    const { dir } = fakePackage();
    build(dir);
    rmSync(join(dir, 'dist', '.build-stamp'));
    expect((await run(dir)).stdout.trim()).toBe('sources ask T9');
  }, 30_000);
});
