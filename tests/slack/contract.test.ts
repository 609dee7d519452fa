import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App as PlanApp } from '../../src/app.js';
import type { SlackRuntime } from '../../src/adapters/slack/index.js';
import { postSigned, type FakeSlack } from './fake-slack.js';
import { appMention, blockAction, directMessage, eventCallback, slashCommand, viewSubmission } from './fixtures.js';
import { startHttpSlack, type HttpSlack } from './serve-door.js';

const SECRET = 'test-signing-secret';
let fake: FakeSlack;
let core: PlanApp;
let slack: SlackRuntime;
let url: string;

let running: HttpSlack | undefined;

beforeAll(async () => {
  running = await startHttpSlack({ secret: SECRET, env: { PLANBOT_ADMINS: 'slack:UADMIN' }, clientOptions: { retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 } } });
  ({ fake, core, slack, url } = running);
});

afterAll(async () => {
  await running?.close();
});

describe('Slack over HTTP, real Bolt receiver, fake Web API', () => {
  it('checks the token with auth.test against SLACK_API_URL at start-up', () => {
    const [call] = fake.callsTo('auth.test');
    expect(call?.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(slack.identity).toMatchObject({ botUserId: 'UBOT', botId: 'BBOT' });
  });

  it('answers /plan <question> in the acknowledgement itself: one HTTP exchange', async () => {
    const res = await postSigned(url, SECRET, slashCommand({ text: "what's the rural sewage target", response_url: fake.responseUrl('q1') }));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as Record<string, unknown>;
    expect(body.response_type).toBe('in_channel');
    expect(JSON.stringify(body.blocks)).toContain('33%');
    expect(String(body.text)).toContain('33%');
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls.filter((c) => c.path === '/response/q1')).toEqual([]);
  });

  it('makes errors ephemeral', async () => {
    const res = await postSigned(url, SECRET, slashCommand({ text: 'show T999', response_url: fake.responseUrl('err') }));
    expect(JSON.parse(res.text).response_type).toBe('ephemeral');
  });

  it('records /plan update before the acknowledgement, and says so in it', async () => {
    const before = core.store.events().length;
    const publishes = fake.callsTo('views.publish').length;
    const res = await postSigned(url, SECRET, slashCommand({ text: 'update T12 on-track 3/10', user_id: 'UADMIN' }));
    // The answer is on the wire only once the event is in the store.
    expect(core.store.events().length).toBe(before + 1);
    expect(core.store.events().at(-1)).toMatchObject({ type: 'update', itemId: 'T12', user: 'slack:UADMIN', platform: 'slack', requestKey: expect.stringMatching(/^slack:\d+:[0-9a-f]{32}$/) });
    expect(JSON.parse(res.text).text).toContain('T12');
    // App Home follows the acknowledgement.
    expect((await fake.waitFor('views.publish', publishes + 1)).at(-1)!.body.user_id).toBe('UADMIN');
  });

  it('refuses a bad signature and a stale timestamp with 401, and does nothing', async () => {
    const before = fake.calls.length;
    const bad = await postSigned(url, SECRET, slashCommand({ text: 'help', response_url: fake.responseUrl('bad') }), { badSignature: true });
    const stale = await postSigned(url, SECRET, slashCommand({ text: 'help', response_url: fake.responseUrl('stale') }), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(bad.status).toBe(401);
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.calls.length).toBe(before);
  });

  it('answers a mention in its thread, with other mentions mapped', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const res = await postSigned(url, SECRET, eventCallback(appMention({ text: "<@UBOT> what's the rural sewage target", ts: '1623722400.000200', channel: 'C7' })));
    expect(res.status).toBe(200);
    const posts = await fake.waitFor('chat.postMessage', before + 1);
    const post = posts.at(-1)!;
    expect(post.body).toMatchObject({ channel: 'C7', thread_ts: '1623722400.000200' });
    expect(String(post.body.text)).toContain('33%');
  });

  it('answers a mention with an error only to its author (chat.postEphemeral)', async () => {
    await postSigned(url, SECRET, eventCallback(appMention({ text: '<@UBOT> status of T99', user: 'U3', ts: '1623722400.000250' })));
    const [eph] = await fake.waitFor('chat.postEphemeral');
    expect(eph!.body).toMatchObject({ channel: 'C1', user: 'U3', thread_ts: '1623722400.000250' });
  });

  it("answers Slack's URL verification when the manifest is saved", async () => {
    const res = await postSigned(url, SECRET, { json: { type: 'url_verification', token: 't', challenge: 'abc123' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'abc123' });
  });

  it('answers a retried event once (same event_id, x-slack-retry-num: 1)', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const event = eventCallback(appMention({ text: '<@UBOT> help', ts: '1623722400.000300' }), { event_id: 'EvRETRY' });
    await postSigned(url, SECRET, event);
    const retry = await postSigned(url, SECRET, event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await fake.waitFor('chat.postMessage', before + 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.callsTo('chat.postMessage').length).toBe(before + 1);
  });

  it('answers a direct message in its thread and ignores bot messages and subtypes', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    await postSigned(url, SECRET, eventCallback(directMessage({ text: 'edited', subtype: 'message_changed' })));
    await postSigned(url, SECRET, eventCallback(directMessage({ text: 'from a bot', bot_id: 'BOTHER' })));
    await postSigned(url, SECRET, eventCallback(directMessage({ text: "what's the rural sewage target", ts: '1623722500.000400', channel: 'D9' })));
    const posts = await fake.waitFor('chat.postMessage', before + 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.callsTo('chat.postMessage').length).toBe(before + 1);
    expect(posts.at(-1)!.body).toMatchObject({ channel: 'D9', thread_ts: '1623722500.000400' });
  });

  it('publishes the App Home dashboard when it is opened', async () => {
    const before = fake.callsTo('views.publish').length;
    await postSigned(url, SECRET, eventCallback({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1623722700.000100' }));
    const call = (await fake.waitFor('views.publish', before + 1)).at(-1);
    expect(call!.body.user_id).toBe('U1');
    const view = call!.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toMatch(/not started/);
  });

  it('acknowledges a slash command within a few milliseconds on loopback', async () => {
    const res = await postSigned(url, SECRET, slashCommand({ text: 'help', response_url: fake.responseUrl('fast') }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(500);
  });

  it('records a status button click through the core as the admin who clicked, and refreshes their App Home', async () => {
    const publishes = fake.callsTo('views.publish').length;
    await postSigned(url, SECRET, blockAction({ action_id: 'plan_status_at-risk', value: '/plan update T9 at-risk', user: 'UADMIN', response_url: fake.responseUrl('card-e2e') }));
    const post = await fake.waitForResponse('card-e2e');
    expect(post.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(String(post.body.text)).toContain('Updated T9');
    const last = core.store.events().at(-1)!;
    expect(last).toMatchObject({ type: 'update', itemId: 'T9', status: 'at-risk', user: 'slack:UADMIN', platform: 'slack' });
    const home = (await fake.waitFor('views.publish', publishes + 1)).at(-1)!;
    expect(home.body.user_id).toBe('UADMIN');
    expect(JSON.stringify(home.body.view)).toContain('*1* at risk');
  });

  it('records the update modal through the core: status, progress and a verbatim note', async () => {
    const before = core.store.events().length;
    await postSigned(url, SECRET, viewSubmission({ metadata: { itemId: 'T9', channel: 'C1', responseUrl: fake.responseUrl('modal-e2e') }, status: 'on-track', progress: '420/800', note: 'done with Zhoukou, Nanyang next', user: 'UADMIN' }));
    const end = Date.now() + 3000;
    while (core.store.events().length === before && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(core.store.events().at(-1)).toMatchObject({ type: 'update', itemId: 'T9', status: 'on-track', note: 'done with Zhoukou, Nanyang next', progress: [expect.objectContaining({ value: 420, target: 800 })] });
  });

  it('refuses an update from someone who may not make it, only to them', async () => {
    const before = core.store.events().length;
    await postSigned(url, SECRET, blockAction({ action_id: 'plan_status_done', value: '/plan update T9 done', user: 'UNOBODY', response_url: fake.responseUrl('denied') }));
    const post = await fake.waitForResponse('denied');
    expect(post.body.response_type).toBe('ephemeral');
    expect(core.store.events().length).toBe(before);
  });

  it('serves nothing but POST /slack/events', async () => {
    const res = await fetch(url.replace('/slack/events', '/other'));
    expect(res.status).toBe(404);
    expect((await fetch(url)).status).toBe(404);
  });
});
