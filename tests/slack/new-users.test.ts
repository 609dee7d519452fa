import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { App as PlanApp } from '../../src/app.js';
import { postSigned, type FakeSlack } from './fake-slack.js';
import { appMention, blockAction, eventCallback, slashCommand, viewSubmission } from './fixtures.js';
import { startHttpSlack, type HttpSlack } from './serve-door.js';

/**
 * Findings of an exploratory session as new users (an English-speaking analyst, an admin whose bare
 * member id is in PLANBOT_ADMINS), each through signed requests into the real Bolt receiver and a
 * fake Web API out.
 */
const SECRET = 'new-users-secret';
const ADMIN = 'U0123ABCD';
let fake: FakeSlack;
let core: PlanApp;
let url: string;
/** Every error the app logged (a listener that failed), for the operator. */
const errors: string[] = [];
const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });

let running: HttpSlack | undefined;

beforeAll(async () => {
  running = await startHttpSlack({ secret: SECRET, env: { PLANBOT_ADMINS: ADMIN, SLACK_BOT_TOKEN: 'xoxb-new-users' }, logger });
  ({ fake, core, url } = running);
});

afterAll(async () => {
  await running?.close();
});

/** A slash command's acknowledgement, parsed. */
async function command(user: string, text: string, channel = 'C0GENERAL'): Promise<{ response_type: string; text: string }> {
  const res = await postSigned(url, SECRET, slashCommand({ user_id: user, text, channel_id: channel }));
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as { response_type: string; text: string };
}

/** The Record and Cancel buttons of the last proposal posted to `user` (ephemeral, in the mention's thread). */
async function proposalButtons(user: string, count: number): Promise<{ record: string; cancel: string }> {
  const eph = (await fake.waitFor('chat.postEphemeral', count)).filter((c) => c.body.user === user).at(-1)!;
  const values = [...JSON.stringify(eph.body.blocks).matchAll(/"value":"(\/plan (?:confirm|cancel) [0-9a-f]{8})"/g)].map((m) => m[1]!);
  return { record: values.find((v) => v.includes('confirm'))!, cancel: values.find((v) => v.includes('cancel'))! };
}

/** Clicks a command button as `user` and returns the answer posted to its response_url. */
let clicks = 0;
async function click(user: string, value: string): Promise<{ response_type: string; text: string }> {
  const id = `click-${++clicks}`;
  const res = await postSigned(url, SECRET, blockAction({ action_id: 'plan_cmd_0', value, user, channel: 'C0GENERAL', response_url: fake.responseUrl(id) }));
  expect(res.status).toBe(200);
  return (await fake.waitForResponse(id)).body as { response_type: string; text: string };
}

describe('Slack, as new users find it', () => {
  it('/plan subscribe with an owner picked from Slack’s list (<@U0BOB|bob>) filters the digest by that owner', async () => {
    const ack = await command('U0ANALYST', 'subscribe <@U0BOB|bob> at-risk', 'C0BOBWATCH');
    expect(ack.response_type).toBe('in_channel');
    expect(ack.text).toContain('<@U0BOB>');
    expect(core.store.events().at(-1)).toMatchObject({ type: 'subscribe', channel: 'slack:C0BOBWATCH', filters: { owner: 'slack:U0BOB', status: 'at-risk' } });
  });

  it('a proposal clicked by someone else names its author as a Slack mention, never as a raw id', async () => {
    await command(ADMIN, 'assign T11 <@U0ANA|ana>');
    const sent = fake.callsTo('chat.postEphemeral').length;
    await postSigned(url, SECRET, eventCallback(appMention({ user: 'U0ANA', channel: 'C0GENERAL', text: '<@UBOT> T11 at risk', ts: '1623722400.001100' })));
    const { record } = await proposalButtons('U0ANA', sent + 1);
    const before = core.store.events().length;
    const refused = await click('U0MALLORY', record);
    expect(refused.response_type).toBe('ephemeral');
    expect(refused.text).toContain('Only <@U0ANA>, who sent this report');
    expect(refused.text).not.toContain('slack:U0ANA');
    expect(core.store.events().length).toBe(before);
  });

  it('a second click on Record (a double click) or Cancel after it says the report was recorded, never "nothing was recorded, send it again"', async () => {
    await command(ADMIN, 'assign T12 <@U0ANA|ana>');
    const sent = fake.callsTo('chat.postEphemeral').length;
    await postSigned(url, SECRET, eventCallback(appMention({ user: 'U0ANA', channel: 'C0GENERAL', text: '<@UBOT> T12 off track', ts: '1623722400.001200' })));
    const { record, cancel } = await proposalButtons('U0ANA', sent + 1);
    const before = core.store.events().length;
    expect((await click('U0ANA', record)).text).toContain('Updated T12');
    expect(core.store.events().length).toBe(before + 1);
    for (const again of [record, cancel]) {
      const answer = await click('U0ANA', again);
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toMatch(/already recorded.*\/plan history T12/);
      expect(answer.text).not.toMatch(/Nothing was recorded|send it again/);
    }
    expect(core.store.events().length).toBe(before + 1);
  });

  it('Record after Cancel says the report was cancelled and records nothing', async () => {
    const sent = fake.callsTo('chat.postEphemeral').length;
    await postSigned(url, SECRET, eventCallback(appMention({ user: 'U0ANA', channel: 'C0GENERAL', text: '<@UBOT> T12 done', ts: '1623722400.001300' })));
    const { record, cancel } = await proposalButtons('U0ANA', sent + 1);
    const before = core.store.events().length;
    expect((await click('U0ANA', cancel)).text).toContain('Cancelled');
    expect((await click('U0ANA', record)).text).toMatch(/already cancelled/);
    expect(core.store.events().length).toBe(before);
  });

  it('/plan subscriptions names who subscribed as a Slack user, not as a bare member id', async () => {
    await command('U0ANALYST', 'subscribe G3', 'C0ENV');
    const list = await command('U0ANALYST', 'subscriptions', 'C0ENV');
    expect(list.text).toMatch(/since 2021-06-15 by <@U0ANALYST> \(this channel\)/);
    expect(list.text).not.toMatch(/by U0ANALYST/);
  });

  it('the update form keeps itself open with the problem beside the progress field when the progress cannot be recorded, so nothing typed is lost', async () => {
    const before = core.store.events().length;
    const res = await postSigned(url, SECRET, viewSubmission({ user: ADMIN, metadata: { itemId: 'T9', channel: 'C0GENERAL', responseUrl: fake.responseUrl('modal-ambiguous') }, status: 'done', progress: '52%', note: 'a long note the analyst typed' }));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.progress).toMatch(/T9\.1=52% or T9\.2=52%/);
    expect(core.store.events().length).toBe(before);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.calls.filter((c) => c.path === '/response/modal-ambiguous')).toEqual([]);
  });

  it('a hostile note (<!channel>, <@U0BOSS>, slack:U0BOSS, &lt;) is never a mention or markup in the ack, status, history, digest preview or App Home', async () => {
    await command(ADMIN, 'assign T20 <@U0BOB|bob>');
    const note = 'waiting for <!channel> <@U0BOSS> slack:U0BOSS <!subteam^S0LEADS|@leads> &lt;b&gt; &amp;lt;';
    const publishes = fake.callsTo('views.publish').length;
    const acked = await command('U0BOB', `update T20 at-risk ${note}`, 'C0HOSTILE');
    expect(acked.text).toContain('Updated T20');
    await command(ADMIN, 'subscribe', 'C0HOSTILE');
    const home = (await fake.waitFor('views.publish', publishes + 1)).at(-1)!;
    expect(home.body.user_id).toBe('U0BOB');
    const texts = [acked, await command('U0ANALYST', 'status T20'), await command('U0ANALYST', 'history T20'), await command('U0ANALYST', 'digest', 'C0HOSTILE')].map((a) => JSON.stringify(a));
    texts.push(JSON.stringify(home.body.view));
    for (const text of texts) {
      const markup = [...text.matchAll(/<[^<>]*>/g)].map((m) => m[0]);
      // The only markup: mentions built from stored ids (owners, the admin who assigned, a subscriber).
      expect(markup.every((m) => ['<@U0BOB>', '<@U0123ABCD>', '<@U0ANA>', '<@U0ANALYST>'].includes(m)), markup.join(' ')).toBe(true);
    }
    expect(texts[0]).toContain('&lt;b&gt; &amp;lt;');
    expect(texts[2]).toContain('slack:U0BOSS');
  });

  it('/plan T11 at risk (a report with no report verb, typed after /plan) is proposed in the ack, and recorded only on its author’s Record', async () => {
    await command(ADMIN, 'assign T13 <@U0BOB|bob>');
    const before = core.store.events().length;
    const res = await postSigned(url, SECRET, slashCommand({ user_id: 'U0BOB', text: 'T13 at risk', channel_id: 'C0GENERAL' }));
    const ack = JSON.parse(res.text) as { response_type: string; text: string; blocks: unknown[] };
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toContain('Nothing is recorded yet');
    expect(core.store.events().length).toBe(before);
    const record = /"value":"(\/plan confirm [0-9a-f]{8})"/.exec(JSON.stringify(ack.blocks))![1]!;
    expect((await click('U0MALLORY', record)).response_type).toBe('ephemeral');
    expect(core.store.events().length).toBe(before);
    expect((await click('U0BOB', record)).text).toContain('Updated T13');
    expect(core.store.events().at(-1)).toMatchObject({ type: 'update', itemId: 'T13', status: 'at-risk', user: 'slack:U0BOB' });
    // `/plan update …` still records at once.
    expect((await command('U0BOB', 'update T13 on-track')).text).toContain('Updated T13');
    expect(core.store.events().length).toBe(before + 2);
  });

  it('the Undo button under “Updated T14” undoes that item’s update, not a later update of another item', async () => {
    await command(ADMIN, 'assign T14 <@U0BOB|bob>');
    await command(ADMIN, 'assign T15 <@U0BOB|bob>');
    const card = await postSigned(url, SECRET, slashCommand({ user_id: 'U0BOB', text: 'update T14 at-risk', channel_id: 'C0GENERAL' }));
    await command('U0BOB', 'update T15 on-track');
    const undo = /"action_id":"(plan_cmd_\d+)","text":\{"type":"plain_text","text":"Undo","emoji":true\},"value":"([^"]+)"/.exec(card.text)!;
    const answer = await click('U0BOB', undo[2]!);
    expect(answer.text).toContain('Undone: your update of T14');
    expect(core.store.events().at(-1)).toMatchObject({ type: 'undo', itemId: 'T14' });
  });

  it('an app_home_opened event with no user is ignored, not a failed listener in the log', async () => {
    await new Promise((r) => setTimeout(r, 150)); // the App Home refresh of the previous test
    const publishes = fake.callsTo('views.publish').length;
    const res = await postSigned(url, SECRET, eventCallback({ type: 'app_home_opened', tab: 'home', channel: 'D0X', event_ts: '1623722700.000900' }));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 150));
    expect(errors).toEqual([]);
    expect(fake.callsTo('views.publish').length).toBe(publishes);
  });
});
