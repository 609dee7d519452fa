import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { serve, type Running } from '../../src/main.js';
import { freshDb } from '../support/run-cli.js';
import { postSigned, startFakeSlack, type FakeSlack } from '../slack/fake-slack.js';
import { slashCommand } from '../slack/fixtures.js';

const SECRET = 'serve-test-secret';
let running: Running | null = null;
let slack: FakeSlack | null = null;

afterEach(async () => {
  await running?.stop();
  await slack?.close();
  running = null;
  slack = null;
});

describe('serve: one process, one port, one store', () => {
  it('with Slack configured, serves Slack at /slack/events and the web chat at / on the same port', async () => {
    slack = await startFakeSlack();
    const out: string[] = [];
    const config = loadConfig({ PLANBOT_DB: freshDb(), PORT: '0', HOST: '127.0.0.1', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl });
    running = await serve(config, silentLogger, { stdout: (t) => out.push(t), consoleLines: null, consoleUser: 'local' }, fixedClock('2021-06-07T09:00:00+08:00'));
    expect(out.join('\n')).toMatch(/Slack: http:\/\/localhost:\d+\/slack\/events/);

    const page = await fetch(running.url);
    expect(page.status).toBe(200);
    const answer = await postSigned(`${running.url}slack/events`, SECRET, slashCommand({ text: "what's the rural sewage target", response_url: slack.responseUrl('q1') }));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('33%');
    const forged = await postSigned(`${running.url}slack/events`, SECRET, slashCommand({ text: 'help' }), { badSignature: true });
    expect(forged.status).toBe(401);
  });

  it('a refused Slack token stops start-up with a clear message, and frees the port and the store', async () => {
    slack = await startFakeSlack();
    slack.answer('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const db = freshDb();
    const config = loadConfig({ PLANBOT_DB: db, PORT: '0', HOST: '127.0.0.1', SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl });
    const io = { stdout: () => {}, consoleLines: null, consoleUser: 'local' };
    await expect(serve(config, silentLogger, io)).rejects.toThrow(/SLACK_BOT_TOKEN/);
    // The store's lock was released: a second start without Slack succeeds.
    running = await serve(loadConfig({ PLANBOT_DB: db, PORT: '0', HOST: '127.0.0.1' }), silentLogger, io);
    expect((await fetch(running.url)).status).toBe(200);
  });

  it('listening beyond loopback with PLANBOT_WEB_URL set, the banner names the address people open', async () => {
    const out: string[] = [];
    const config = loadConfig({ PLANBOT_DB: freshDb(), PORT: '0', HOST: '0.0.0.0', PLANBOT_WEB_URL: 'https://plan.example.gov.cn/' });
    running = await serve(config, silentLogger, { stdout: (t) => out.push(t), consoleLines: null, consoleUser: 'local' }, fixedClock('2021-06-07T09:00:00+08:00'));
    expect(out.join('\n')).toMatch(/Web chat: http:\/\/localhost:\d+\/ \(people open https:\/\/plan\.example\.gov\.cn\/\)/);
  });
});
