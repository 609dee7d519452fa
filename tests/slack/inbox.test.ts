import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App as PlanApp } from '../../src/app.js';
import { openFileInbox, type CommandInbox } from '../../src/adapters/slack/command-inbox.js';
import { createSlackApp } from '../../src/adapters/slack/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Bot } from '../../src/core/bot.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { freshDb } from '../support/run-cli.js';
import { postSigned, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { slashCommand } from './fixtures.js';

const SECRET = 'inbox-signing-secret';
let fake: FakeSlack;
const servers: Server[] = [];
const inboxes: CommandInbox[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  for (const i of inboxes.splice(0)) await i.close().catch(() => {});
});
afterAll(async () => {
  await fake.close();
});

async function core(store: MemoryStore): Promise<PlanApp> {
  return createApp(loadConfig({ PLANBOT_ADMINS: 'slack:UADMIN' }), { store, clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
}

/** A Slack app over `app` with `inbox`, served on loopback; the core gets 100 ms before a command is acked without its answer. */
async function serveSlack(app: PlanApp, inbox: CommandInbox) {
  const slack = createSlackApp({ core: app, logger: silentLogger, identity: { botUserId: 'UBOT', botId: 'BBOT' }, botToken: 'xoxb-test-token', signingSecret: SECRET, apiUrl: fake.apiUrl, inbox, ackWithinMs: 100 });
  const server = createServer((req, res) => slack.handler!(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { slack, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events` };
}

/** A core that records through the real bot, then never answers (the process dies before it can). */
const recordsThenHangs = (app: PlanApp): Bot => ({ handle: async (msg) => (await app.bot.handle(msg), new Promise(() => {})) });
/** A core that never gets to it at all. */
const hangs: Bot = { handle: () => new Promise(() => {}) };

describe('the durable inbox of slow commands', () => {
  for (const [name, slowBot] of [['recorded, then the process died before answering', recordsThenHangs], ['accepted, then the process died before recording', () => hangs]] as const) {
    it(`${name}: acknowledged "working on it", carried out once after the restart, answered on the response_url`, async () => {
      const db = freshDb();
      const store = new MemoryStore();
      const app = await core(store);
      const inbox = await openFileInbox(`${db}.slack-inbox`);
      inboxes.push(inbox);
      const before = await serveSlack({ ...app, bot: slowBot(app) }, inbox);
      const id = `inbox-${name.length}`;
      const res = await postSigned(before.url, SECRET, slashCommand({ text: 'update T9 at-risk 420/800', user_id: 'UADMIN', response_url: fake.responseUrl(id) }));
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/Working on it/) });
      expect(inbox.pending()).toHaveLength(1);

      // Restart: the same state (the memory store stands for the state file) and the inbox file, read afresh.
      const reopened = await openFileInbox(`${db}.slack-inbox`);
      inboxes.push(reopened);
      expect(reopened.pending().map((e) => e.msg.text)).toEqual(['update T9 at-risk 420/800']);
      const after = await serveSlack(app, reopened);
      expect(await after.slack.resume()).toBe(1);
      const post = await fake.waitForResponse(id);
      expect(String(post.body.text)).toContain('T9');
      await after.slack.close();
      expect(store.events().filter((e) => e.type === 'update' && e.itemId === 'T9')).toHaveLength(1);
      expect(reopened.pending()).toEqual([]);
      expect((await openFileInbox(`${db}.slack-inbox`).then((i) => (inboxes.push(i), i))).pending()).toEqual([]);
    });
  }
});
