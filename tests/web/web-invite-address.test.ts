import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { serve, type Running } from '../../src/main.js';
import { freshDb, runCli } from '../support/run-cli.js';
import { TestClient, type Frame } from './helpers.js';

let running: Running | null = null;
const clients: TestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.closeAndWait()));
  await running?.stop();
  running = null;
});

/** `serve` with sign-in links, and a socket signed in as the admin `web:alice`. */
async function adminSocket(extra: Record<string, string>): Promise<TestClient> {
  const env = { PLANBOT_DB: freshDb(), HOST: '127.0.0.1', PORT: '0', PLANBOT_WEB_AUTH: 'invite', PLANBOT_ADMINS: 'web:alice', LOG_LEVEL: 'silent', ...extra };
  running = await serve(loadConfig(env), silentLogger, { stdout: () => {}, consoleLines: null, consoleUser: 'local' }, fixedClock('2021-06-15T09:00:00+08:00'));
  const printed = JSON.parse((await runCli(['web', 'invite', 'alice', '--json'], { env: { ...env, PLANBOT_WEB_URL: running.url } })).stdout);
  const res = await fetch(new URL('/signin', running.url), { method: 'POST', body: printed.url.slice(printed.url.indexOf('#') + 1) });
  expect(res.status).toBe(200);
  const alice = await TestClient.open(running.url, { headers: { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! } });
  clients.push(alice);
  return alice;
}

const textOf = (frame: Frame): string => (frame.blocks as { text?: string }[]).map((b) => b.text ?? '').join('\n');

describe('/plan invite in the web chat, as the admin who will send the link on', () => {
  it('says when the link points at an address guessed from HOST and PORT, and how to set the real one', async () => {
    const alice = await adminSocket({});
    const en = await alice.ask('/plan invite @carol');
    expect(en.error).toBeUndefined();
    expect(textOf(en)).toMatch(/PLANBOT_WEB_URL is unset/);
    expect(textOf(en)).toContain(running!.url);
    const zh = await alice.ask('/plan 邀请 @李雷');
    expect(textOf(zh)).toMatch(/未设置 PLANBOT_WEB_URL/);
  });

  it('gives the expiry in the plan time zone, as every other reply gives times', async () => {
    const alice = await adminSocket({ PLANBOT_WEB_URL: 'https://plan.example.org/' });
    const en = await alice.ask('/plan invite @carol');
    expect(textOf(en)).not.toMatch(/PLANBOT_WEB_URL/);
    expect(textOf(en)).toMatch(/until \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\)/);
  });
});

describe('/plan invite in the embedded default (loopback, no sign-in)', () => {
  it('says the chat needs no sign-in here, as plan-bot web invite does', async () => {
    const env = { PLANBOT_DB: freshDb(), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' };
    running = await serve(loadConfig(env), silentLogger, { stdout: () => {}, consoleLines: null, consoleUser: 'local' }, fixedClock('2021-06-15T09:00:00+08:00'));
    const alice = await TestClient.open(running.url, {}, '?name=alice');
    clients.push(alice);
    const en = await alice.ask('/plan invite @bob');
    expect(en.error).toBeUndefined();
    expect(textOf(en)).toMatch(/needs no sign-in/);
    expect(textOf(en)).not.toMatch(/PLANBOT_WEB_URL/);
  });
});
