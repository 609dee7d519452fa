import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App as PlanApp } from '../../src/app.js';
import { startSlack, type SlackRuntime } from '../../src/adapters/slack/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { postSigned, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { slashCommand } from './fixtures.js';

/**
 * Findings of an exploratory session as new users (an English-speaking analyst, an admin whose bare
 * member id is in PLANBOT_ADMINS), each through signed requests into the real Bolt receiver and a
 * fake Web API out.
 */
const SECRET = 'new-users-secret';
const ADMIN = 'U0123ABCD';
let fake: FakeSlack;
let core: PlanApp;
let slack: SlackRuntime;
let url: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  const config = loadConfig({ PLANBOT_ADMINS: ADMIN, PORT: '0', HOST: '127.0.0.1', SLACK_BOT_TOKEN: 'xoxb-new-users', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl });
  core = await createApp(config, { store: new MemoryStore(), clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
  slack = await startSlack({ app: core, config, logger: silentLogger, clientOptions: { retryConfig: { retries: 0 } } });
  url = `http://127.0.0.1:${slack.address!.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

/** A slash command's acknowledgement, parsed. */
async function command(user: string, text: string, channel = 'C0GENERAL'): Promise<{ response_type: string; text: string }> {
  const res = await postSigned(url, SECRET, slashCommand({ user_id: user, text, channel_id: channel }));
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as { response_type: string; text: string };
}

describe('Slack, as new users find it', () => {
  it('/plan subscribe with an owner picked from Slack’s list (<@U0BOB|bob>) filters the digest by that owner', async () => {
    const ack = await command('U0ANALYST', 'subscribe <@U0BOB|bob> at-risk', 'C0BOBWATCH');
    expect(ack.response_type).toBe('in_channel');
    expect(ack.text).toContain('<@U0BOB>');
    expect(core.store.events().at(-1)).toMatchObject({ type: 'subscribe', channel: 'slack:C0BOBWATCH', filters: { owner: 'slack:U0BOB', status: 'at-risk' } });
  });
});
