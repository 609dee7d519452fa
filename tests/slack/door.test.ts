import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App as PlanApp } from '../../src/app.js';
import { startSlack, type SlackRuntime } from '../../src/adapters/slack/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { postSigned, sign, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { blockAction, directMessage, eventCallback, slashCommand, viewSubmission } from './fixtures.js';

const SECRET = 'door-signing-secret';
const now = () => Math.floor(Date.now() / 1000);
let fake: FakeSlack;
let store: MemoryStore;
let core: PlanApp;
let slack: SlackRuntime;
let url: string;

async function start(env: Record<string, string> = {}): Promise<{ slack: SlackRuntime; url: string }> {
  const config = loadConfig({ PLANBOT_ADMINS: 'slack:UADMIN', PORT: '0', HOST: '127.0.0.1', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, ...env });
  const s = await startSlack({ app: core, config, logger: silentLogger, clientOptions: { retryConfig: { retries: 0 } } });
  return { slack: s, url: `http://127.0.0.1:${s.address!.port}/slack/events` };
}

beforeAll(async () => {
  fake = await startFakeSlack();
  store = new MemoryStore();
  core = await createApp(loadConfig({ PLANBOT_ADMINS: 'slack:UADMIN' }), { store, clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
  ({ slack, url } = await start());
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

const subscriptions = (channel: string) => store.events().filter((e) => e.type === 'subscribe' && e.channel === `slack:${channel}`);

/** Sends raw bytes to the endpoint; resolves with the status as soon as it arrives, and how much was sent by then. */
function rawPost(target: string, o: { headers: Record<string, string | number>; chunks: number; chunkBytes?: number }): Promise<{ status: number; sentBytes: number }> {
  const chunk = Buffer.alloc(o.chunkBytes ?? 64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = request(target, { method: 'POST', headers: o.headers }, (res) => {
      resolve({ status: res.statusCode ?? 0, sentBytes: sent });
      res.resume();
      req.destroy();
    });
    req.on('error', (err) => (sent > 0 ? undefined : reject(err)));
    let i = 0;
    const pump = () => {
      if (req.destroyed) return;
      if (i++ >= o.chunks) return void req.end();
      sent += chunk.length;
      req.write(chunk);
      setTimeout(pump, 5);
    };
    pump();
  });
}

describe('replays and the time window', () => {
  it('the same signed body twice makes one subscription; the second gets 200 and does nothing', async () => {
    const body = slashCommand({ text: 'subscribe', user_id: 'UADMIN', channel_id: 'CREPLAY' });
    const ts = now();
    const first = await postSigned(url, SECRET, body, { timestamp: ts });
    const second = await postSigned(url, SECRET, body, { timestamp: ts });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).text).toMatch(/digest/i);
    expect(second.status).toBe(200);
    expect(second.text).toBe('');
    expect(subscriptions('CREPLAY')).toHaveLength(1);
  });

  it('a replay whose timestamp header is written with leading zeros (the same number, so the same signature) does nothing', async () => {
    const body = slashCommand({ text: 'update T9 at-risk 420/800 zero replay', user_id: 'UADMIN', channel_id: 'CZERO' });
    const ts = now();
    const first = await postSigned(url, SECRET, body, { timestamp: ts });
    expect(first.status).toBe(200);
    const updates = () => store.events().filter((e) => e.type === 'update' && e.note === 'zero replay');
    expect(updates()).toHaveLength(1);
    for (const written of [`0${ts}`, `00${ts}`]) {
      const again = await postSigned(url, SECRET, body, { timestamp: ts, headers: { 'x-slack-request-timestamp': written } });
      expect(again.status).toBe(200);
      expect(again.text).toBe('');
    }
    expect(updates()).toHaveLength(1);
  });

  it('a replay after a restart (the door has forgotten it) still records nothing twice', async () => {
    const body = slashCommand({ text: 'subscribe', user_id: 'UADMIN', channel_id: 'CRESTART' });
    const ts = now();
    expect((await postSigned(url, SECRET, body, { timestamp: ts })).status).toBe(200);
    const restarted = await start();
    try {
      const again = await postSigned(restarted.url, SECRET, body, { timestamp: ts });
      expect(again.status).toBe(200);
      expect(subscriptions('CRESTART')).toHaveLength(1);
      expect(subscriptions('CRESTART')[0]!.requestKey).toMatch(/^slack:\d+:/);
    } finally {
      await restarted.slack.stop();
    }
  });

  it('refuses timestamps more than 5 minutes in the future (+301 s, +1 year) as well as in the past', async () => {
    for (const [channel, ts] of [['CFUT1', now() + 301], ['CFUT2', now() + 365 * 24 * 3600], ['CPAST', now() - 301]] as const) {
      const res = await postSigned(url, SECRET, slashCommand({ text: 'subscribe', user_id: 'UADMIN', channel_id: channel }), { timestamp: ts });
      expect(res.status).toBe(401);
      expect(subscriptions(channel)).toHaveLength(0);
    }
    const inWindow = await postSigned(url, SECRET, slashCommand({ text: 'help' }), { timestamp: now() + 60 });
    expect(inWindow.status).toBe(200);
  });
});

describe('events', () => {
  it('a direct message that records an update is in the store when its 200 arrives; re-sent by Slack after a restart, it records nothing twice', async () => {
    const updates = () => store.events().filter((e) => e.type === 'update' && e.note === 'from a DM');
    const event = eventCallback(directMessage({ text: 'update T14 on-track from a DM', user: 'UADMIN', ts: '1623722900.000100', channel: 'D7' }), { event_id: 'EvDURABLE' });
    const res = await postSigned(url, SECRET, event);
    expect(res.status).toBe(200);
    expect(updates()).toHaveLength(1);
    expect(updates()[0]!.requestKey).toBe('slack:event:EvDURABLE');
    const restarted = await start();
    try {
      // Slack's retry is signed afresh (a later timestamp), with the same event_id.
      const retry = await postSigned(restarted.url, SECRET, event, { timestamp: now() + 1, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
      expect(retry.status).toBe(200);
      expect(updates()).toHaveLength(1);
    } finally {
      await restarted.slack.stop();
    }
  });
});

describe('malformed but signed bodies get 400, never 500', () => {
  const cases: [string, { form?: Record<string, string>; json?: unknown }][] = [
    ['JSON null', { json: null }],
    ['a JSON array', { json: [1, 2] }],
    ['an event_callback with no event', { json: { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'EvX' } }],
    ['a view_submission with no view', { form: { payload: JSON.stringify({ type: 'view_submission', user: { id: 'U1' }, team: { id: 'T1' } }) } }],
    ['payload=null', { form: { payload: 'null' } }],
    ['payload that is not JSON', { form: { payload: '{nope' } }],
    ['a block_actions whose actions are not a list', { form: { payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: 'x' }) } }],
    ['a JSON string', { json: 'just text' }],
  ];
  for (const [name, body] of cases) {
    it(name, async () => {
      const res = await postSigned(url, SECRET, body);
      expect(res.status).toBe(400);
    });
  }
});

describe('interactions nobody listens to are acknowledged politely, at once', () => {
  it('an unknown action_id: 200, and an ephemeral note on the response_url', async () => {
    const res = await postSigned(url, SECRET, blockAction({ action_id: 'from_an_old_version', value: 'x', response_url: fake.responseUrl('unknown-action') }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    const post = await fake.waitForResponse('unknown-action');
    expect(post.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(post.body.text)).toMatch(/plan help/);
  });

  it('an unknown interaction type (a shortcut): 200 at once', async () => {
    const payload = { type: 'shortcut', callback_id: 'mystery', trigger_id: 't1', user: { id: 'U1' }, team: { id: 'T1' }, api_app_id: 'A1', token: 't' };
    const res = await postSigned(url, SECRET, { form: { payload: JSON.stringify(payload) } });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
  });

  it('an unknown slash command: the polite answer in the acknowledgement', async () => {
    const res = await postSigned(url, SECRET, { form: { ...slashCommand().form, command: '/other' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/plan help/) });
  });

  it('a form of another kind: the modal says so', async () => {
    const sub = viewSubmission({ metadata: { itemId: 'T9' }, status: 'done' });
    const payload = JSON.parse(sub.form.payload!) as { view: { callback_id: string } };
    payload.view.callback_id = 'someone_elses_form';
    const res = await postSigned(url, SECRET, { form: { payload: JSON.stringify(payload) } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
  });
});

describe('oversized bodies are refused without being read', () => {
  it('a declared 4 MB unsigned body: 413 before it is sent', async () => {
    const res = await rawPost(url, { headers: { 'content-type': 'application/json', 'content-length': 4 * 1024 * 1024 }, chunks: 64 });
    expect(res.status).toBe(413);
    expect(res.sentBytes).toBeLessThan(1024 * 1024);
  });

  it('an unsigned chunked body: 401 before it is read', async () => {
    const res = await rawPost(url, { headers: { 'content-type': 'application/json' }, chunks: 64 });
    expect(res.status).toBe(401);
    expect(res.sentBytes).toBeLessThan(1024 * 1024);
  });

  it('a signed-looking chunked body past 1 MB: 413 once 1 MB is read, the rest never', async () => {
    const ts = now();
    const res = await rawPost(url, { headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(SECRET, ts, 'x') }, chunks: 64 });
    expect(res.status).toBe(413);
    expect(res.sentBytes).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('SLACK_TEAM_ID and SLACK_APP_ID', () => {
  let locked: { slack: SlackRuntime; url: string };
  beforeAll(async () => {
    locked = await start({ SLACK_TEAM_ID: 'T1', SLACK_APP_ID: 'A1' });
  });
  afterAll(async () => {
    await locked.slack.stop();
  });

  it('accept requests from the configured workspace and app', async () => {
    expect((await postSigned(locked.url, SECRET, slashCommand({ text: 'help' }))).status).toBe(200);
    expect((await postSigned(locked.url, SECRET, eventCallback({ type: 'app_home_opened', user: 'U1', tab: 'messages' }))).status).toBe(200);
  });

  it('refuse another workspace or another app with 403, and do nothing', async () => {
    const otherTeam = { form: { ...slashCommand({ text: 'subscribe', user_id: 'UADMIN', channel_id: 'CFOREIGN' }).form, team_id: 'T2' } };
    const otherApp = { form: { ...slashCommand({ text: 'subscribe', user_id: 'UADMIN', channel_id: 'CFOREIGN' }).form, api_app_id: 'A2' } };
    const action = JSON.parse(blockAction({ action_id: 'plan_cmd_0', value: '/plan status T9' }).form.payload!) as { team: { id: string } };
    action.team.id = 'T2';
    expect((await postSigned(locked.url, SECRET, otherTeam)).status).toBe(403);
    expect((await postSigned(locked.url, SECRET, otherApp)).status).toBe(403);
    expect((await postSigned(locked.url, SECRET, { form: { payload: JSON.stringify({ ...action, user: { id: 'U1', team_id: 'T2' } }) } })).status).toBe(403);
    expect(subscriptions('CFOREIGN')).toHaveLength(0);
  });

  it('are not checked when unset', async () => {
    const res = await postSigned(url, SECRET, { form: { ...slashCommand({ text: 'help' }).form, team_id: 'T2', api_app_id: 'A2' } });
    expect(res.status).toBe(200);
  });
});
