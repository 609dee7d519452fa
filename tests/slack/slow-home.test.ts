import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createSlackApp } from '../../src/adapters/slack/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Bot } from '../../src/core/bot.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { postSigned, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { slashCommand } from './fixtures.js';

const SECRET = 'slow-home-secret';
let fake: FakeSlack;
let server: Server;

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await fake.close();
});

describe('a slow /plan update (acknowledged "working on it")', () => {
  it("refreshes the sender's App Home once recorded, as a quick one does", async () => {
    const store = new MemoryStore();
    const app = await createApp(loadConfig({ PLANBOT_ADMINS: 'slack:U0ADMIN' }), { store, clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
    // A slow disk: the core takes 300 ms, past the 100 ms the adapter waits before acknowledging.
    const slowBot: Bot = { handle: async (msg) => (await new Promise((r) => setTimeout(r, 300)), app.bot.handle(msg)) };
    const slack = createSlackApp({ core: { ...app, bot: slowBot }, logger: silentLogger, identity: { botUserId: 'UBOT', botId: 'BBOT' }, botToken: 'xoxb-test-token', signingSecret: SECRET, apiUrl: fake.apiUrl, ackWithinMs: 100 });
    server = createServer((req, res) => slack.handler!(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

    const res = await postSigned(url, SECRET, slashCommand({ text: 'update T9 at-risk slow disk', user_id: 'U0ADMIN', response_url: fake.responseUrl('slow-home') }));
    expect(JSON.parse(res.text)).toMatchObject({ text: expect.stringMatching(/Working on it/) });
    expect(String((await fake.waitForResponse('slow-home')).body.text)).toContain('Updated T9');
    const [home] = await fake.waitFor('views.publish', 1, 3000);
    expect(home!.body.user_id).toBe('U0ADMIN');
    expect(JSON.stringify(home!.body.view)).toContain('*1* at risk');
    await slack.close();
  });
});
