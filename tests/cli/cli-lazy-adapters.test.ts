import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../support/run-cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOOK = fileURLToPath(new URL('../support/record-modules.mjs', import.meta.url));
const PLATFORM_PACKAGES = /node_modules\/(botkit|botbuilder[^/]*|@slack\/[^/]+)\//;
/** Packages a one-off question never needs: servers, databases, workbooks, charts, documents and the other chat platforms. */
const HEAVY_PACKAGES = /node_modules\/(express|ws|pg|pg-[^/]+|exceljs|jszip|vega|vega-[^/]+|@resvg\/[^/]+|docx|dingtalk-stream|@wecom\/[^/]+|axios)\//;

/** Runs `node bin/plan-bot.js ARGS` as a user would, and returns what it printed and every module it loaded. */
async function runRecorded(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; modules: string[] }> {
  const db = freshDb();
  const record = `${db}.modules`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', HOOK, 'bin/plan-bot.js', ...args], {
    cwd: ROOT,
    // Slack credentials set, so that a command would load Bolt if it merely looked at the configuration.
    env: { PATH: process.env.PATH ?? '', PLANBOT_DB: db, LOG_LEVEL: 'silent', RECORD_MODULES_FILE: record, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', ...env },
  });
  return { stdout, modules: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
}

describe('one-off commands load no platform adapter (issue 14: start fast)', () => {
  it.each([
    [['ask', "what's the rural sewage target"], /33%/],
    [['show', 'T9'], /T9/],
    [['digest', '--now', '2021-06-07T09:00:00+08:00'], /\S/],
  ])('plan-bot %j answers without loading Botkit, botbuilder or @slack/*', async (args, answer) => {
    const { stdout, modules } = await runRecorded(args);
    expect(stdout).toMatch(answer);
    // The recorder works: the core's own modules and its dependencies are in the list.
    expect(modules.some((m) => m.includes('node_modules/zod/'))).toBe(true);
    expect(modules.filter((m) => PLATFORM_PACKAGES.test(m))).toEqual([]);
  }, 30_000);

  it.each([
    [['ask', "what's the rural sewage target"], /33%/],
    [['ask', '--json', '农村生活污水治理率'], /"intent"/],
    [['list'], /T9/],
    [['history', 'T9'], /T9/],
  ])('plan-bot %j loads no server, database, workbook, chart, document or other platform SDK', async (args, answer) => {
    const { stdout, modules } = await runRecorded(args, { DINGTALK_CLIENT_ID: 'ding-test', DINGTALK_CLIENT_SECRET: 'secret', WECOM_BOT_ID: 'bot', WECOM_BOT_SECRET: 'secret' });
    expect(stdout).toMatch(answer);
    expect(modules.some((m) => m.includes('node_modules/zod/'))).toBe(true);
    expect(modules.filter((m) => PLATFORM_PACKAGES.test(m) || HEAVY_PACKAGES.test(m))).toEqual([]);
  }, 30_000);
});
