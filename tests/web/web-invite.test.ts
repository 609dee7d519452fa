import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { allIntents } from '../../intents/index.js';
import { createBot } from '../../src/core/bot.js';
import { webInviteIssuer, webSecretFile, type WebChat } from '../../src/adapters/web/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { serve, type Running } from '../../src/main.js';
import { freshDb, runCli } from '../support/run-cli.js';
import { startTestChat, TestClient } from './helpers.js';

const SECRET = 'invite-test-secret-of-32-characters!!';
const chats: WebChat[] = [];
const clients: TestClient[] = [];
let running: Running | null = null;

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.closeAndWait()));
  await Promise.all(chats.splice(0).map((c) => c.stop()));
  await running?.stop();
  running = null;
});

const signIn = (url: string, token: string) => fetch(new URL('/signin', url), { method: 'POST', body: token });
const tokenOf = (link: string) => link.slice(link.indexOf('#') + 1);

describe('/plan invite', () => {
  it('gives an admin a private one-time link, and refuses everyone else', async () => {
    const { app, chat } = await startTestChat();
    chats.push(chat);
    const bot = createBot({ plan: app.plan, search: app.search, store: app.store, clock: app.clock, timeZone: 'Asia/Shanghai', admins: ['web:alice'], logger: silentLogger, intents: allIntents, webInvites: webInviteIssuer({ secret: SECRET, baseUrl: () => 'https://plan.example.org/' }) });

    const ok = await bot.handle({ text: '/plan invite @bob', user: { id: 'web:alice' }, platform: 'web', channel: 'web:general' });
    expect(ok).toMatchObject({ intent: 'invite', ephemeral: true });
    const link = /https:\/\/plan\.example\.org\/signin#\S+/.exec(ok.blocks.map((b) => ('text' in b ? b.text : '')).join('\n'))?.[0];
    expect(link).toBeDefined();
    expect(ok.blocks[0]).toMatchObject({ text: expect.stringMatching(/web:bob.*works once/) });
    const zh = await bot.handle({ text: '/plan 邀请 @李雷', user: { id: 'web:alice' }, platform: 'web', channel: 'web:general' });
    expect(zh.blocks[0]).toMatchObject({ text: expect.stringMatching(/一次性登录链接（web:李雷/) });

    const refused = await bot.handle({ text: '/plan invite @mallory', user: { id: 'web:bob' }, platform: 'web', channel: 'web:general' });
    expect(refused.error).toMatchObject({ id: 'permission.admin' });
    const bad = await bot.handle({ text: '/plan invite <b>', user: { id: 'web:alice' }, platform: 'web', channel: 'web:general' });
    expect(bad.error).toMatchObject({ id: 'invite.bad-name' });
    const none = await app.bot.handle({ text: '/plan invite @bob', user: { id: 'web:alice' }, platform: 'web', channel: 'web:general' });
    expect(none.error).toMatchObject({ id: 'invite.unavailable' });
  });
});

describe('plan-bot web invite NAME, with serve', () => {
  it('prints a link that the running chat honours once, and still refuses after a restart', async () => {
    const db = freshDb();
    const env = { PLANBOT_DB: db, HOST: '127.0.0.1', PLANBOT_WEB_AUTH: 'invite', PORT: '0', LOG_LEVEL: 'silent' };
    const cli = await runCli(['web', 'invite', 'bob', '--json'], { env: { ...env, PLANBOT_WEB_URL: 'http://localhost:1/' } });
    expect(cli.code).toBe(0);
    const printed = JSON.parse(cli.stdout);
    expect(printed).toMatchObject({ user: 'web:bob', url: expect.stringMatching(/^http:\/\/localhost:1\/signin#/) });
    expect(Date.parse(printed.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(statSync(webSecretFile(db)).mode & 0o777).toBe(0o600);

    const start = async () => {
      const out: string[] = [];
      running = await serve(loadConfig(env), silentLogger, { stdout: (t) => out.push(t), consoleLines: null, consoleUser: 'local' }, fixedClock('2021-06-15T09:00:00+08:00'));
      expect(out.join('')).toMatch(/sign-in links: plan-bot web invite NAME/);
      return running.url;
    };
    const url = await start();
    await expect(TestClient.open(url)).rejects.toThrow(/401/);
    const res = await signIn(url, tokenOf(printed.url));
    expect(res.status).toBe(200);
    const bob = await TestClient.open(url, { headers: { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! } });
    clients.push(bob);
    expect((await bob.ask('/plan subscribe', 'alice')).error).toBeUndefined();
    await bob.closeAndWait();
    expect(JSON.parse(await readFile(`${db}.web-invites.json`, 'utf8')).used).toHaveLength(1);

    await running!.stop();
    const again = await start();
    expect((await signIn(again, tokenOf(printed.url))).status).toBe(410);
  });

  it('exits 2 without a name, 1 for a bad name or in proxy mode', async () => {
    expect((await runCli(['web', 'invite'])).code).toBe(2);
    expect((await runCli(['web', 'frobnicate', 'bob'])).code).toBe(2);
    const bad = await runCli(['web', 'invite', 'bob', 'carol']);
    expect(bad.code).toBe(2);
    const badName = await runCli(['web', 'invite', '<b>']);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/not a web chat name/);
    const proxy = await runCli(['web', 'invite', 'bob'], { env: { PLANBOT_WEB_AUTH: 'proxy', PLANBOT_TRUSTED_PROXIES: '127.0.0.1' } });
    expect(proxy.code).toBe(1);
    expect(proxy.stderr).toMatch(/reverse proxy/);
  });
});
