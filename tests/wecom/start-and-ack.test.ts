import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { startWeCom, WeComStartError, WORKING, type WeComRuntime } from '../../src/adapters/wecom/index.js';
import type { Bot } from '../../src/core/bot.js';
import { silentLogger } from '../../src/core/logger.js';
import { LeftToServe } from '../../src/digest/left-to-serve.js';
import { reply } from '../../src/core/reply.js';
import type { Lease, Leadership } from '../../src/store/leadership.js';
import { inProcessLeadership } from '../../src/store/leadership.js';
import { makeBot } from '../support/make-bot.js';
import { eventually, startFakeWeCom, textMessage, type FakeWeCom } from './fake-wecom.js';

const CREDENTIALS = { botId: 'BOT2', secret: 'right-secret' };
let fake: FakeWeCom;
const running: WeComRuntime[] = [];

const config = (over: Partial<{ botId: string; secret: string; wsUrl: string }> = {}) => ({ wecom: { botId: CREDENTIALS.botId, secret: CREDENTIALS.secret, wsUrl: fake.url, ...over } });

beforeAll(async () => {
  fake = await startFakeWeCom(CREDENTIALS);
});
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});
afterAll(async () => {
  await fake.close();
});

describe('starting the WeCom adapter', () => {
  it('says the secret was refused, and how to fix it, when WeCom answers the subscription with an auth failure', async () => {
    const start = startWeCom({ bot: makeBot(), config: config({ secret: 'wrong-secret' }), logger: silentLogger });
    await expect(start).rejects.toBeInstanceOf(WeComStartError);
    await expect(start).rejects.toThrow(/refused the bot's credentials \(invalid bot_id or secret \(code: 40001\)\)\. Check WECOM_BOT_ID and WECOM_BOT_SECRET/);
  });

  it('says the endpoint cannot be reached when nothing listens at WECOM_WS_URL', async () => {
    const start = startWeCom({ bot: makeBot(), config: config({ wsUrl: 'ws://127.0.0.1:9' }), logger: silentLogger });
    await expect(start).rejects.toThrow(/Cannot reach WeCom's long-connection endpoint ws:\/\/127\.0\.0\.1:9 \(.*ECONNREFUSED.*\)\. Check WECOM_WS_URL/);
  });

  it('stands by without connecting while another replica leads, and connects once it may', async () => {
    let allowed = false;
    const inner = inProcessLeadership();
    const leadership: Leadership = { tryLead: async (name): Promise<Lease | null> => (allowed ? inner.tryLead(name) : null) };
    const before = fake.connections();
    const wecom = await startWeCom({ bot: makeBot(), config: config(), logger: silentLogger, leadership, retryLeadershipMs: 10 });
    running.push(wecom);
    expect(wecom.state()).toBe('standby');
    expect(fake.connections()).toBe(before);
    await expect(wecom.post('wecom:wrGROUP1', reply('en', [{ type: 'paragraph', text: 'hi' }]))).rejects.toThrow(/another replica holds/);
    // Left to the replica holding the connection: a digest tick lists it as such, not as a failure.
    await expect(wecom.dm('wecom:zhangsan', reply('en', [{ type: 'paragraph', text: 'hi' }]))).rejects.toBeInstanceOf(LeftToServe);
    allowed = true;
    await eventually(() => wecom.state() === 'connected');
    expect(fake.connections()).toBe(before + 1);
  });

  it('in one process, a second adapter for the same bot does not lead while the first holds the connection', async () => {
    const leadership = inProcessLeadership();
    const first = await startWeCom({ bot: makeBot(), config: config(), logger: silentLogger, leadership, retryLeadershipMs: 60_000 });
    running.push(first);
    const second = await startWeCom({ bot: makeBot(), config: config(), logger: silentLogger, leadership, retryLeadershipMs: 60_000 });
    running.push(second);
    expect([first.state(), second.state()]).toEqual(['connected', 'standby']);
  });
});

describe('acknowledging within WeCom’s 5 seconds', () => {
  it('opens the stream with “working on it” when the core is slow, then finishes the same stream with the answer', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Bot = {
      async handle() {
        await gate;
        return { ...reply('en', [{ type: 'paragraph', text: 'the answer' }]), intent: 'ask' };
      },
    };
    const wecom = await startWeCom({ bot: slow, config: config(), logger: silentLogger, ackWithinMs: 5 });
    running.push(wecom);
    const reqId = fake.pushMessage(textMessage({ content: 'slow question' }));
    const working = await fake.until((fs) => fs.find((f) => f.headers.req_id === reqId && f.cmd === 'aibot_respond_msg'));
    expect(working.body!.stream).toMatchObject({ finish: false, content: WORKING });
    release();
    const done = await fake.until((fs) => fs.find((f) => f.headers.req_id === reqId && f.body?.stream?.finish === true));
    expect(done.body!.stream).toMatchObject({ id: working.body!.stream.id, content: 'the answer' });
  });

  it('answers a picture with a note that it reads text, without asking the core', async () => {
    const asked: string[] = [];
    const bot: Bot = { handle: async (m) => (asked.push(m.text), { ...reply('en', []), intent: 'ask' }) };
    const wecom = await startWeCom({ bot, config: config(), logger: silentLogger });
    running.push(wecom);
    const reqId = fake.pushMessage({ ...textMessage({ content: '' }), msgtype: 'image', image: { url: 'https://example.invalid/x' } });
    const done = await fake.until((fs) => fs.find((f) => f.headers.req_id === reqId && f.body?.stream?.finish === true));
    expect(String(done.body!.stream.content)).toContain('I read text messages');
    expect(asked).toEqual([]);
  });
});

describe('one live connection per bot', () => {
  it('stays off WeCom when WeCom closes the connection for a newer one, instead of closing that one in turn', async () => {
    const wecom = await startWeCom({ bot: makeBot(), config: config(), logger: silentLogger, clientOptions: { reconnectInterval: 5 } });
    running.push(wecom);
    const opened = fake.connections();
    fake.pushEvent({ msgid: 'EVT-KICK', create_time: 1700000000, aibotid: 'BOT2', msgtype: 'event', event: { eventtype: 'disconnected_event' } });
    await eventually(() => wecom.state() === 'stopped');
    // Another message round trip on a fresh adapter shows the fake is alive; the kicked one never came back.
    const other = await startWeCom({ bot: makeBot(), config: config(), logger: silentLogger });
    running.push(other);
    expect(fake.connections()).toBe(opened + 1);
  });
});
