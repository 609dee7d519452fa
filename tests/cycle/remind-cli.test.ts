import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, runCli } from '../support/run-cli.js';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.js';

/**
 * `plan-bot remind --due` through the CLI door, Slack reached through SLACK_API_URL at the fake Web
 * API: a direct message is conversations.open with the member id, then chat.postMessage to the DM
 * channel it names. Run twice, it sends nothing the second time.
 */

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
  fake.answer('conversations.open', (call) => ({ body: { ok: true, channel: { id: `D${String(call.body.users).slice(1)}` } } }));
});
afterEach(async () => {
  await fake.close();
});

const WEDNESDAY = '2021-09-29T09:00:00+08:00';

describe('plan-bot remind --due', () => {
  it('direct-messages each owner who has not reported, once; a web user stays due until serve can reach them', async () => {
    const db = freshDb();
    const env = { PLANBOT_DB: db, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' };
    const cli = (argv: string[], stdin: string[] = []) => runCli(argv, { env, stdin });
    const setup = await cli(['chat', '--json', '--user', 'admin', '--now', '2021-09-01T09:00:00+08:00'], ['/plan assign T24 @slack:U0ZHAO', '/plan assign T9 @console:zhang', '/plan assign T12 @web:li']);
    expect(setup.stdout.split('\n').map((l) => JSON.parse(l).ok)).toEqual([true, true, true]);

    const first = await cli(['remind', '--due', '--json', '--now', WEDNESDAY]);
    const r = JSON.parse(first.stdout);
    expect(r.cycle).toMatchObject({ key: '2021-09-30', moved: true, due: '2021-09-30T04:00:00.000Z' });
    expect(r.kind).toBe('eve');
    expect(r.sent.map((s: { user: string }) => s.user)).toEqual(['console:zhang', 'slack:U0ZHAO']);
    expect(r.failed.map((f: { user: string }) => f.user)).toEqual(['web:li']);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/web:li: no way to post to web .*a running `plan-bot serve` posts it .*not recorded; the next run will try again/);

    expect(fake.callsTo('conversations.open').map((c) => c.body.users)).toEqual(['U0ZHAO']);
    const [dm] = fake.callsTo('chat.postMessage');
    expect(dm!.body.channel).toBe('D0ZHAO');
    expect(String(dm!.body.text)).toContain('催办提醒');

    const second = JSON.parse((await cli(['remind', '--due', '--json', '--now', '2021-09-29T10:00:00+08:00'])).stdout);
    expect(second.sent).toEqual([]);
    expect(second.alreadySent).toEqual(['console:zhang', 'slack:U0ZHAO']);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('a Slack member the Web API cannot reach is not recorded, and is tried again at the next run', async () => {
    const db = freshDb();
    const env = { PLANBOT_DB: db, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' };
    const cli = (argv: string[], stdin: string[] = []) => runCli(argv, { env, stdin });
    await cli(['chat', '--user', 'admin', '--now', '2021-09-01T09:00:00+08:00'], ['/plan assign T24 @slack:U0ZHAO']);
    fake.answer('conversations.open', (_call, n) => (n === 1 ? { body: { ok: false, error: 'user_not_found' } } : { body: { ok: true, channel: { id: 'D0ZHAO' } } }));
    const first = await cli(['remind', '--due', '--json', '--now', WEDNESDAY]);
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout).failed.map((f: { user: string }) => f.user)).toEqual(['slack:U0ZHAO']);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    const second = await cli(['remind', '--due', '--json', '--now', '2021-09-29T10:00:00+08:00']);
    expect([second.code, JSON.parse(second.stdout).sent.map((s: { user: string }) => s.user)]).toEqual([0, ['slack:U0ZHAO']]);
    expect(fake.callsTo('chat.postMessage').map((c) => c.body.channel)).toEqual(['D0ZHAO']);
  });

  it('needs --due', async () => {
    expect((await runCli(['remind'], { env: { PLANBOT_DB: freshDb() } })).code).toBe(2);
  });
});
