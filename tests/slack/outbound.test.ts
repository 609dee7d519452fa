import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { checkSlackAuth, postToSlack, SlackStartError, createSlackApp } from '../../src/adapters/slack/index.js';
import { silentLogger } from '../../src/core/logger.js';
import { reply } from '../../src/core/reply.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { userRef } from '../../src/core/user-refs.js';
import { freePort } from '../helpers/free-port.js';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
});

const digest = reply('en', [
  { type: 'heading', text: 'Weekly digest' },
  { type: 'list', items: [{ id: 'T9', text: `Soil — at risk, owner ${userRef('slack:U123ABC')}` }] },
]);

function client(retries = 2) {
  return new webApi.WebClient('xoxb-test-token', { slackApiUrl: fake.apiUrl, retryConfig: { retries, minTimeout: 10, maxTimeout: 20 }, logLevel: webApi.LogLevel.ERROR });
}

describe('postToSlack (digests)', () => {
  it('posts to the conversation of slack:C123 with owners as mentions', async () => {
    await postToSlack(client())('slack:C123', digest);
    const [call] = fake.callsTo('chat.postMessage');
    expect(call!.body.channel).toBe('C123');
    expect(String(call!.body.text)).toContain('<@U123ABC>');
    expect(JSON.stringify(call!.body.blocks)).toContain('<@U123ABC>');
  });

  it('retries after HTTP 429 once Retry-After has passed', async () => {
    fake.answer('chat.postMessage', (_call, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } } : undefined));
    try {
      const started = Date.now();
      await postToSlack(client())('slack:C429', digest);
      const calls = fake.callsTo('chat.postMessage');
      expect(calls).toHaveLength(2);
      expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    } finally {
      fake.answer('chat.postMessage', () => undefined);
    }
  });

  it('spaces messages to one channel, but not across channels', async () => {
    const post = postToSlack(client(), { intervalMs: 300 });
    await Promise.all([post('slack:CA', digest), post('slack:CA', digest), post('slack:CB', digest)]);
    const a = fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CA');
    const b = fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CB');
    expect(a).toHaveLength(2);
    expect(a[1]!.at - a[0]!.at).toBeGreaterThanOrEqual(290);
    expect(b[0]!.at - a[0]!.at).toBeLessThan(200);
  });

  it('keeps going after a failed post, and refuses channels of other platforms', async () => {
    fake.answer('chat.postMessage', (_c, n) => (n === 1 ? { body: { ok: false, error: 'channel_not_found' } } : undefined));
    try {
      const post = postToSlack(client(0), { intervalMs: 0 });
      const first = post('slack:CX', digest);
      const second = post('slack:CX', digest);
      await expect(first).rejects.toThrow(/channel_not_found/);
      await expect(second).resolves.toBeUndefined();
      await expect(post('web:room', digest)).rejects.toThrow(/not a Slack channel/);
    } finally {
      fake.answer('chat.postMessage', () => undefined);
    }
  });
});

describe('checkSlackAuth (start-up)', () => {
  const settings = (o: Record<string, string | undefined> = {}) => ({ botToken: 'xoxb-secret-value', signingSecret: 's', apiUrl: fake.apiUrl, ...o });

  it('returns the bot identity', async () => {
    await expect(checkSlackAuth(settings())).resolves.toEqual({ botUserId: 'UBOT', botId: 'BBOT', teamId: 'T1', team: 'Test Team' });
  });

  it('explains a refused token, without repeating it', async () => {
    fake.answer('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    try {
      const err = await checkSlackAuth(settings()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SlackStartError);
      expect((err as Error).message).toMatch(/SLACK_BOT_TOKEN.*invalid_auth/);
      expect((err as Error).message).not.toContain('secret-value');
      expect(fake.callsTo('auth.test')).toHaveLength(1);
    } finally {
      fake.answer('auth.test', () => undefined);
    }
  });

  it('explains an unreachable API at once (no retries)', async () => {
    const port = await freePort();
    const started = Date.now();
    await expect(checkSlackAuth(settings({ apiUrl: `http://127.0.0.1:${port}/api/` }))).rejects.toThrow(/Cannot reach the Slack Web API at http:\/\/127\.0\.0\.1:\d+\/api\/.*SLACK_API_URL/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it.each([
    [{ botToken: undefined }, /SLACK_BOT_TOKEN is not set/],
    [{ botToken: 'xapp-wrong-kind' }, /must be a bot token/],
    [{ signingSecret: undefined }, /SLACK_SIGNING_SECRET is not set/],
    [{ appToken: 'xoxb-wrong-kind' }, /SLACK_APP_TOKEN must be an app-level token/],
  ])('refuses missing or swapped settings %o', async (o, message) => {
    await expect(checkSlackAuth(settings(o))).rejects.toThrow(message);
    expect(fake.callsTo('auth.test')).toHaveLength(0);
  });
});

describe('Socket Mode', () => {
  it("opens its connection through SLACK_API_URL with the app token", async () => {
    fake.answer('apps.connections.open', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const slack = createSlackApp({
      core: {} as never,
      logger: silentLogger,
      identity: { botUserId: 'UBOT', botId: 'BBOT' },
      botToken: 'xoxb-test-token',
      appToken: 'xapp-test-token',
      apiUrl: fake.apiUrl,
    });
    expect(slack.mode).toBe('socket');
    expect(slack.handler).toBeNull();
    await expect(slack.bolt.start()).rejects.toThrow();
    const [open] = fake.callsTo('apps.connections.open');
    expect(open!.headers.authorization).toBe('Bearer xapp-test-token');
  });
});
