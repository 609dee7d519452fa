import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App as PlanApp } from '../../src/app.js';
import { createSlackApp } from '../../src/adapters/slack/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Bot, Incoming } from '../../src/core/bot.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { reply } from '../../src/core/reply.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { postSigned, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { serveDoor, type ServedDoor } from './serve-door.js';
import { blockAction, slashCommand, viewSubmission } from './fixtures.js';
import { userRef } from '../../src/core/user-refs.js';

const SECRET = 'test-signing-secret';
let fake: FakeSlack;
let real: PlanApp;
let door: ServedDoor;
let url: string;
/** What reached the core, in order. */
const seen: Incoming[] = [];

/** A bot that records its input and, for updates, appends an event as the real one will. */
const spyBot: Bot = {
  async handle(msg) {
    seen.push(msg);
    if (msg.text === 'slow') await new Promise((r) => setTimeout(r, 1200));
    if (msg.command && /^update\b/.test(msg.text)) {
      await real.store.append({ type: 'update', at: '2021-06-15T02:00:00Z', user: msg.user.id, platform: 'slack', planId: real.plan.id, itemId: 'T9', status: 'at-risk', progress: [], note: null });
      return { ...reply('en', [{ type: 'paragraph', text: `Recorded by ${userRef(msg.user.id)}: ${msg.text}` }]), intent: 'update-item' };
    }
    return { ...reply('en', [{ type: 'paragraph', text: 'ok' }]), intent: 'help' };
  },
};

beforeAll(async () => {
  fake = await startFakeSlack();
  real = await createApp(loadConfig({ PLANBOT_ADMINS: 'slack:UADMIN' }), { store: new MemoryStore(), clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
  const slack = createSlackApp({
    core: { ...real, bot: spyBot },
    logger: silentLogger,
    identity: { botUserId: 'UBOT', botId: 'BBOT' },
    botToken: 'xoxb-test-token',
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  // The web chat's server, shared: Slack takes /slack/events, everything else stays with it.
  door = await serveDoor(slack.handler!, (_req, res) => res.end('web chat'));
  url = door.url;
});

afterAll(async () => {
  await door.close();
  await fake.close();
});

beforeEach(() => {
  seen.length = 0;
  fake.calls.length = 0;
});

describe('buttons and the update modal, through the real receiver', () => {
  it('shares a server: other paths still reach its own handler', async () => {
    expect(await (await fetch(url.replace('/slack/events', '/chat'))).text()).toBe('web chat');
    expect(await (await fetch(url.replace('/slack/events', '/slack/eventsx'))).text()).toBe('web chat');
    expect(await (await fetch(url.replace('/slack/events', '/slack/events/x'))).text()).toBe('web chat');
  });

  it('takes /slack/events with a query string too', async () => {
    const res = await postSigned(`${url}?source=test`, SECRET, slashCommand({ text: 'help', response_url: fake.responseUrl() }));
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('maps mentions in slash command text to plan-bot ids', async () => {
    await postSigned(url, SECRET, slashCommand({ text: 'assign T9 <@U42|bob>', user_id: 'U7', channel_id: 'C3', response_url: fake.responseUrl() }));
    expect(seen[0]).toMatchObject({ text: 'assign T9 slack:U42', command: true, user: { id: 'slack:U7' }, platform: 'slack', channel: 'slack:C3' });
  });

  it('a status button sends /plan update <ID> <status> through the core as the clicker, then refreshes App Home', async () => {
    const res = await postSigned(url, SECRET, blockAction({ action_id: 'plan_status_at-risk', value: '/plan update T9 at-risk', user: 'U5', response_url: fake.responseUrl('card') }));
    expect(res.status).toBe(200);
    const [post] = await fake.waitFor('response_url');
    expect(seen[0]).toMatchObject({ text: 'update T9 at-risk', command: true, user: { id: 'slack:U5' }, platform: 'slack', channel: 'slack:C1' });
    expect(post!.body).toMatchObject({ replace_original: false, response_type: 'in_channel' });
    expect(String(post!.body.text)).toContain('Recorded by <@U5>: update T9 at-risk');
    const [home] = await fake.waitFor('views.publish');
    expect(home!.body.user_id).toBe('U5');
    expect(JSON.stringify(home!.body.view)).toContain('T9');
  });

  it('a button in App Home (no response_url) answers by direct message', async () => {
    await postSigned(url, SECRET, blockAction({ action_id: 'plan_cmd_0', value: '/plan status T9', user: 'U6', channel: null }));
    const [dm] = await fake.waitFor('chat.postMessage');
    expect(dm!.body.channel).toBe('U6');
    expect(seen[0]).toMatchObject({ text: 'status T9', command: true, channel: null });
  });

  it('"Update…" opens the modal with the item and where to answer', async () => {
    await postSigned(url, SECRET, blockAction({ action_id: 'plan_update_modal', value: 'T9', response_url: fake.responseUrl('card2') }));
    const [open] = await fake.waitFor('views.open');
    const view = open!.body.view as { callback_id: string; private_metadata: string; blocks: { block_id: string }[] };
    expect(open!.body.trigger_id).toMatch(/^trigger\./);
    expect(view.callback_id).toBe('plan_update');
    expect(JSON.parse(view.private_metadata)).toEqual({ itemId: 'T9', channel: 'C1', responseUrl: fake.responseUrl('card2') });
    expect(view.blocks.map((b) => b.block_id)).toEqual(['status', 'progress', 'note']);
  });

  it('the modal submission records the same command through the core and answers on the card', async () => {
    const res = await postSigned(url, SECRET, viewSubmission({ metadata: { itemId: 'T9', channel: 'C1', responseUrl: fake.responseUrl('card3') }, status: 'at-risk', progress: '420/800', note: 'waiting for\nfunds', user: 'U8' }));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const [post] = await fake.waitFor('response_url');
    expect(seen[0]).toMatchObject({ text: 'update T9 at-risk 420/800 note: “waiting for funds”', command: true, user: { id: 'slack:U8' }, channel: 'slack:C1' });
    expect(String(post!.body.text)).toContain('Recorded by <@U8>');
    await fake.waitFor('views.publish');
  });

  it('an empty or unreadable modal is refused in the modal, without reaching the core', async () => {
    const empty = await postSigned(url, SECRET, viewSubmission({ metadata: { itemId: 'T9' } }));
    expect(JSON.parse(empty.text)).toMatchObject({ response_action: 'errors', errors: { status: expect.any(String) } });
    const bad = await postSigned(url, SECRET, viewSubmission({ metadata: { itemId: 'T9' }, progress: 'soon' }));
    expect(JSON.parse(bad.text)).toMatchObject({ response_action: 'errors', errors: { progress: expect.any(String) } });
    expect(seen).toEqual([]);
  });
});
