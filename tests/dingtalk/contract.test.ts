import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { DingTalkStartError, startDingTalk, type DingTalkRuntime } from '../../src/adapters/dingtalk/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { postByPlatform } from '../../src/digest/digest-command.js';
import { postDueDigests } from '../../src/digest/scheduler.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { APP, robotFrame, startFakeDingTalk, type FakeDingTalk, type RobotMessageInput } from './fake-dingtalk.js';

/** The DingTalk variables pointing at the fake; override what a test needs. */
function dingtalkEnv(fake: FakeDingTalk, overrides: Record<string, string> = {}) {
  return {
    PLANBOT_ADMINS: 'dingtalk:staff001',
    DINGTALK_CLIENT_ID: APP.clientId,
    DINGTALK_CLIENT_SECRET: APP.clientSecret,
    DINGTALK_GATEWAY_URL: fake.gatewayUrl,
    DINGTALK_API_URL: fake.apiUrl,
    ...overrides,
  };
}

async function startOn(fake: FakeDingTalk, store: MemoryStore, env: Record<string, string> = {}): Promise<{ app: App; dingtalk: DingTalkRuntime }> {
  const config = loadConfig(dingtalkEnv(fake, env));
  const app = await createApp(config, { store, clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
  const dingtalk = await startDingTalk({ app, config, logger: silentLogger, api: { retryBaseMs: 1 } });
  return { app, dingtalk };
}

/** The markdown of each post to a session webhook, in order. */
const webhookPosts = (fake: FakeDingTalk, id: string) =>
  fake.callsTo(`/webhook/${id}`).map((c) => c.body as { msgtype: string; markdown: { title: string; text: string }; at: { atUserIds: string[]; isAtAll: boolean } });

let fake: FakeDingTalk;
let store: MemoryStore;
let app: App;
let dingtalk: DingTalkRuntime;
let hooks = 0;

/** Pushes one robot message and waits for its acknowledgement and its answer; returns the answer's posts. */
async function say(input: Omit<RobotMessageInput, 'webhook'>) {
  const id = `h${++hooks}`;
  const frame = robotFrame({ ...input, webhook: fake.webhookUrl(id) });
  fake.push(frame);
  const ack = await fake.ackOf(frame.headers.messageId);
  await dingtalk.idle();
  await new Promise((r) => setTimeout(r, 20));
  await dingtalk.idle();
  return { id, ack, frame, posts: webhookPosts(fake, id) };
}

beforeAll(async () => {
  fake = await startFakeDingTalk();
  store = new MemoryStore();
  ({ app, dingtalk } = await startOn(fake, store));
  await fake.waitForSockets(1);
});

afterAll(async () => {
  await dingtalk?.stop();
  await fake?.close();
});

describe('DingTalk Stream mode with the real SDK against a fake gateway', () => {
  it('asks DINGTALK_API_URL for a token and DINGTALK_GATEWAY_URL for an endpoint, subscribed to the robot topic, then opens the websocket with the ticket', () => {
    const open = fake.callsTo('/v1.0/gateway/connections/open')[0]!;
    expect(open.body).toMatchObject({ clientId: APP.clientId, clientSecret: APP.clientSecret });
    expect(open.body.subscriptions).toEqual([{ type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' }]);
    expect(fake.callsTo('/v1.0/oauth2/accessToken')[0]!.body).toEqual({ appKey: APP.clientId, appSecret: APP.clientSecret });
    expect(fake.sockets[0]!.ticket).toBe('ticket-1');
  });

  it('answers a question in Chinese through the session webhook, after acknowledging the callback', async () => {
    const { ack, posts } = await say({ text: '农村生活污水治理率要达到多少' });
    expect(ack).toMatchObject({ code: 200, message: 'OK' });
    expect(JSON.parse(String(ack.data))).toHaveProperty('response');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.msgtype).toBe('markdown');
    expect(posts[0]!.markdown.text).toContain('33%');
    expect(posts[0]!.markdown.text).toMatch(/农村生活污水/);
    expect(posts[0]!.at.atUserIds).toEqual([]);
  });

  it('answers a message with no words of either language in Chinese for someone it has not heard from', async () => {
    const { posts } = await say({ text: 'T9', staffId: 'staff050' });
    expect(posts[0]!.markdown.text).toMatch(/土壤/);
  });

  it('records a report once when DingTalk delivers the same msgId again, even to a restarted adapter', async () => {
    const updates = () => store.events().filter((e) => e.type === 'update' && e.itemId === 'T9');
    const first = await say({ text: '/plan 更新 T9 有风险 420/800 周口进度滞后', msgId: 'msg-report-1' });
    expect(first.posts[0]!.markdown.text).toContain('420/800');
    expect(updates()).toHaveLength(1);
    expect(updates()[0]).toMatchObject({ user: 'dingtalk:staff001', platform: 'dingtalk', requestKey: 'dingtalk:msg:msg-report-1' });

    const again = await say({ text: '/plan 更新 T9 有风险 420/800 周口进度滞后', msgId: 'msg-report-1' });
    expect(again.ack).toMatchObject({ code: 200 });
    expect(again.posts).toEqual([]);
    expect(updates()).toHaveLength(1);

    // A new process (empty memory) over the same store, and DingTalk re-sends the message to it.
    await dingtalk.stop();
    ({ app, dingtalk } = await startOn(fake, store));
    await fake.waitForSockets(2);
    const afterRestart = await say({ text: '/plan 更新 T9 有风险 420/800 周口进度滞后', msgId: 'msg-report-1' });
    expect(afterRestart.posts).toHaveLength(1);
    expect(updates()).toHaveLength(1);
  });

  it('proposes a report written without a report verb, and records it when the same person replies 确认', async () => {
    const before = store.events().filter((e) => e.type === 'update' && e.itemId === 'T11').length;
    const proposal = await say({ text: 'T11 滞后', staffId: 'staff001' });
    const text = proposal.posts[0]!.markdown.text;
    expect(text).toMatch(/确认/);
    expect(text).toMatch(/取消/);
    expect(text).toContain('dtmd://dingtalkclient/sendMessage?content=%E7%A1%AE%E8%AE%A4');
    expect(store.events().filter((e) => e.type === 'update' && e.itemId === 'T11')).toHaveLength(before);
    const confirmed = await say({ text: '确认', staffId: 'staff001' });
    expect(confirmed.posts[0]!.markdown.text).not.toMatch(/未记录/);
    expect(store.events().filter((e) => e.type === 'update' && e.itemId === 'T11')).toHaveLength(before + 1);
  });

  it('answers the messages of one conversation in the order they came, even when they arrive together', async () => {
    const updates = () => store.events().filter((e) => e.type === 'update' && e.itemId === 'T12').length;
    const before = updates();
    const proposal = robotFrame({ text: 'T12 有风险', staffId: 'staff001', conversationId: 'cidQuick==', webhook: fake.webhookUrl('quick-1') });
    const confirm = robotFrame({ text: '确认', staffId: 'staff001', conversationId: 'cidQuick==', webhook: fake.webhookUrl('quick-2') });
    // The first answer is slow to deliver: the second must still come after it.
    fake.delay('/webhook/quick-1', 300);
    fake.push(proposal);
    fake.push(confirm);
    await fake.ackOf(confirm.headers.messageId);
    await fake.waitFor('/webhook/quick-2');
    await dingtalk.idle();
    expect(updates()).toBe(before + 1);
    expect(fake.log.filter((l) => l.includes('/webhook/quick-'))).toEqual(['req /webhook/quick-1', 'res /webhook/quick-1', 'req /webhook/quick-2', 'res /webhook/quick-2']);
    expect(webhookPosts(fake, 'quick-2')[0]!.markdown.text).not.toMatch(/未记录|没有待确认/);
  });

  it('answers a group @-mention in the group, @-mentioning the asker by staff id, and keeps typed markup and @ inert', async () => {
    const { posts } = await say({ text: 'T9是什么', group: true, staffId: 'staff007', at: [] });
    expect(posts[0]!.at).toEqual({ atUserIds: ['staff007'], isAtAll: false });
    expect(posts[0]!.markdown.text.startsWith('@staff007')).toBe(true);
    expect(posts[0]!.markdown.text).toContain('T9');

    const note = await say({ text: '/plan 更新 T9 有风险 430/800 **紧急** [点我](http://evil.example) <font color=red>红</font> 抄送@staff001 和@staff007', group: true, staffId: 'staff001' });
    const md = note.posts[0]!.markdown.text;
    expect(md).toContain('\\*\\*紧急\\*\\*');
    expect(md).toContain('[点我\\](http://evil.example)');
    expect(md).toContain('\\<font');
    expect(md).not.toContain('[点我](');
    expect(note.posts[0]!.at.atUserIds).toEqual(['staff001']);
    // Only the asker is listed in `at`; the asker's id typed in the note is broken so it cannot look like a mention.
    expect(md).toContain('抄送@\u2060staff001');
    expect(md).toContain('@staff007');
  });

  it('posts a subscribed group its digest proactively through the OpenAPI, retrying once throttled (HTTP 429)', async () => {
    await say({ text: '/plan 订阅', group: true, conversationId: 'cidDigestGroup==', staffId: 'staff001' });
    expect(store.events().some((e) => e.type === 'subscribe' && e.channel === 'dingtalk:cidDigestGroup==')).toBe(true);
    fake.answer('/v1.0/robot/groupMessages/send', (_call, n) => (n === 1 ? { status: 429, body: { code: 'Throttling.Api', message: 'too fast' } } : undefined));
    const r = await postDueDigests({ plan: app.plan, store, clock: fixedClock('2021-06-21T09:05:00+08:00'), timeZone: 'Asia/Shanghai', post: postByPlatform({ dingtalk: dingtalk.post }) });
    expect(r.failed).toEqual([]);
    expect(r.posted.map((p) => p.channel)).toEqual(['dingtalk:cidDigestGroup==']);
    const sends = fake.callsTo('/v1.0/robot/groupMessages/send');
    expect(sends.length).toBeGreaterThanOrEqual(2);
    expect(sends[0]!.body).toMatchObject({ robotCode: APP.robotCode, openConversationId: 'cidDigestGroup==', msgKey: 'sampleMarkdown' });
    expect(sends[1]!.body).toEqual(sends[0]!.body);
    const param = JSON.parse(String(sends[1]!.body.msgParam)) as { title: string; text: string };
    expect(param.text).toMatch(/周报|Weekly digest/);
    expect(param.text.length).toBeLessThanOrEqual(3500);
  });

  it('answers through the OpenAPI once the session webhook has expired', async () => {
    const before = fake.callsTo('/v1.0/robot/groupMessages/send').length;
    const { posts } = await say({ text: 'T9是什么', group: true, conversationId: 'cidLate==', staffId: 'staff001', expiresAt: Date.now() - 1000 });
    expect(posts).toEqual([]);
    const sent = fake.callsTo('/v1.0/robot/groupMessages/send').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ openConversationId: 'cidLate==' });
  });

  it('answers a sender with no staff id (outside the organisation) without asking the core', async () => {
    const before = store.events().length;
    const { posts } = await say({ text: '/plan 更新 T9 已完成', staffId: '' });
    expect(posts[0]!.markdown.text).toContain('仅本组织成员');
    expect(store.events()).toHaveLength(before);
  });

  it('reconnects when the gateway closes the socket, and when it asks the client to go (SYSTEM disconnect)', async () => {
    const opened = fake.sockets.length;
    fake.sockets.at(-1)!.ws.close(1001);
    await fake.waitForSockets(opened + 1);
    fake.push({ specVersion: '1.0', type: 'SYSTEM', headers: { topic: 'disconnect', messageId: 'sys-1', contentType: 'application/json', time: '0', appId: '', connectionId: '' }, data: '{}' });
    await fake.waitForSockets(opened + 2);
    const { posts } = await say({ text: 'T9是什么' });
    expect(posts).toHaveLength(1);
  });

  it('sends a reminder to one person through oToMessages/batchSend by staff id', async () => {
    const { reply } = await import('../../src/core/reply.js');
    await dingtalk.dm('dingtalk:staff009', reply('zh', [{ type: 'paragraph', text: '请在周五12:00前报送 T9。' }]));
    const sent = fake.callsTo('/v1.0/robot/oToMessages/batchSend');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ robotCode: APP.robotCode, userIds: ['staff009'], msgKey: 'sampleMarkdown' });
    expect(JSON.parse(String(sent[0]!.body.msgParam)).text).toContain('请在周五12:00前报送 T9。');
  });
});

describe('posting outside serve (plan-bot digest --post-due, remind --due)', () => {
  it('posts through the OpenAPI alone, with no Stream connection', async () => {
    const { dingtalkOneOffPosters } = await import('../../src/adapters/dingtalk/index.js');
    const { reply } = await import('../../src/core/reply.js');
    const before = fake.sockets.length;
    const posters = dingtalkOneOffPosters(loadConfig(dingtalkEnv(fake)));
    await posters.post('dingtalk:user:staff010', reply('zh', [{ type: 'heading', text: '周报' }]));
    expect(fake.callsTo('/v1.0/robot/oToMessages/batchSend').at(-1)!.body).toMatchObject({ userIds: ['staff010'] });
    expect(fake.sockets.length).toBe(before);
  });
});

describe('DingTalk start-up failures', () => {
  let other: FakeDingTalk | null = null;
  afterEach(async () => {
    await other?.close();
    other = null;
  });

  it('bad credentials: a clear DingTalkStartError naming the variables, and no connection attempted', async () => {
    other = await startFakeDingTalk();
    const config = loadConfig(dingtalkEnv(other, { DINGTALK_CLIENT_SECRET: 'wrong' }));
    const core = await createApp(config, { store: new MemoryStore(), clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
    const started = startDingTalk({ app: core, config, logger: silentLogger });
    await expect(started).rejects.toBeInstanceOf(DingTalkStartError);
    await expect(started).rejects.toThrow(/DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET/);
    expect(other.sockets).toEqual([]);
  });

  it('an unreachable gateway: a clear DingTalkStartError naming DINGTALK_GATEWAY_URL', async () => {
    other = await startFakeDingTalk();
    const config = loadConfig(dingtalkEnv(other, { DINGTALK_GATEWAY_URL: 'http://127.0.0.1:9/v1.0/gateway/connections/open' }));
    const core = await createApp(config, { store: new MemoryStore(), clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
    await expect(startDingTalk({ app: core, config, logger: silentLogger })).rejects.toThrow(/DINGTALK_GATEWAY_URL/);
  });

  it('the watchdog restarts a connection that has gone silent (no frames, no pongs)', async () => {
    other = await startFakeDingTalk({ silent: true });
    const config = loadConfig(dingtalkEnv(other));
    const core = await createApp(config, { store: new MemoryStore(), clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
    const rt = await startDingTalk({ app: core, config, logger: silentLogger, silenceMs: 300, backoffMs: 10 });
    try {
      await other.waitForSockets(2, 5000);
      expect(rt.stream.restarts).toBeGreaterThanOrEqual(1);
      expect(other.callsTo('/v1.0/gateway/connections/open').length).toBeGreaterThanOrEqual(2);
    } finally {
      await rt.stop();
    }
  });
});
