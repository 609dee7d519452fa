import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createSlackApp } from '../../src/adapters/slack/index.js';
import { toMessages } from '../../src/adapters/slack/to-blocks.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Bot } from '../../src/core/bot.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { reply } from '../../src/core/reply.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { postSigned, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { serveDoor, type ServedDoor } from './serve-door.js';
import { slashCommand } from './fixtures.js';

const SECRET = 'long-answer-signing-secret';
/** An answer of 120 paragraphs: more blocks than one Slack message holds. */
const LONG = { ...reply('en', Array.from({ length: 120 }, (_, i) => ({ type: 'paragraph' as const, text: `Paragraph ${i + 1}.` }))), intent: 'help' };
const longBot: Bot = { handle: async () => LONG };
let fake: FakeSlack;
let door: ServedDoor;
let url: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  const core = await createApp(loadConfig({}), { store: new MemoryStore(), clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
  const slack = createSlackApp({ core: { ...core, bot: longBot }, logger: silentLogger, identity: { botUserId: 'UBOT', botId: 'BBOT' }, botToken: 'xoxb-test-token', signingSecret: SECRET, apiUrl: fake.apiUrl, clientOptions: { retryConfig: { retries: 0 } } });
  door = await serveDoor(slack.handler!, (_req, res) => res.writeHead(404).end());
  url = door.url;
});

afterAll(async () => {
  await door.close();
  await fake.close();
});

describe('an answer longer than one message', () => {
  it('the ack carries its first message; the others follow on the response_url, in order, as rendered', async () => {
    const messages = toMessages(LONG);
    expect(messages.length).toBeGreaterThan(2);
    const res = await postSigned(url, SECRET, slashCommand({ text: 'help', response_url: fake.responseUrl('long') }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ response_type: 'in_channel', text: messages[0]!.text, blocks: messages[0]!.blocks });
    const end = Date.now() + 4000;
    while (fake.calls.filter((c) => c.path === '/response/long').length < messages.length - 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    const posts = fake.calls.filter((c) => c.path === '/response/long').map((c) => c.body);
    expect(posts).toEqual(messages.slice(1).map((m) => ({ response_type: 'in_channel', replace_original: false, text: m.text, blocks: m.blocks })));
  });
});
