import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../support/run-cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOOK = fileURLToPath(new URL('../support/record-modules.mjs', import.meta.url));
const DRAWING_PACKAGES = /node_modules\/(vega[^/]*|@resvg\/[^/]+|docx|jszip)\//;

/** Runs `node bin/plan-bot.js ARGS` as a user would, and returns what it printed and every module it loaded. */
async function runRecorded(args: string[]): Promise<{ stdout: string; modules: string[] }> {
  const db = freshDb();
  const record = `${db}.modules`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', HOOK, 'bin/plan-bot.js', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PLANBOT_DB: db, LOG_LEVEL: 'silent', RECORD_MODULES_FILE: record },
  });
  return { stdout, modules: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
}

describe('vega, resvg and docx are loaded only to draw a chart or write a report', () => {
  it.each([
    [['ask', "what's the rural sewage target"], /33%/, false],
    [['digest', '--now', '2021-06-07T09:00:00+08:00'], /\S/, false],
    [['chart', '--format', 'svg', '--now', '2021-06-07T09:00:00+08:00'], /^<svg /, true],
  ])('plan-bot %j', async (args, answer, draws) => {
    const { stdout, modules } = await runRecorded(args);
    expect(stdout).toMatch(answer);
    expect(modules.some((m) => m.includes('node_modules/zod/'))).toBe(true);
    expect(modules.some((m) => DRAWING_PACKAGES.test(m))).toBe(draws);
  }, 60_000);
});
