import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { startWeCom, type WeComRuntime } from '../../src/adapters/wecom/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { reply } from '../../src/core/reply.js';
import { postDueDigests } from '../../src/digest/scheduler.js';
import { sendDueReminders } from '../../src/digest/reminders.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { cardClick, eventually, startFakeWeCom, textMessage, type FakeWeCom, type SentFrame } from './fake-wecom.js';

const CREDENTIALS = { botId: 'BOT1', secret: 's3cret-of-bot1' };
let fake: FakeWeCom;
let app: App;
let store: MemoryStore;
let wecom: WeComRuntime;

/** Starts the adapter as `serve` does, over the shared store, against the fake. */
async function start(): Promise<WeComRuntime> {
  const config = loadConfig({ PLANBOT_ADMINS: 'wecom:ZhangSan', WECOM_BOT_ID: CREDENTIALS.botId, WECOM_BOT_SECRET: CREDENTIALS.secret, WECOM_WS_URL: fake.url });
  app = await createApp(config, { store, clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
  return startWeCom({ bot: app.bot, config, logger: silentLogger, clientOptions: { heartbeatInterval: 100, reconnectInterval: 20 }, outbox: { intervalMs: 0 } });
}

/** The frames answering one callback (same req_id), once its stream has finished. */
async function answerTo(reqId: string): Promise<SentFrame[]> {
  await fake.until((fs) => fs.some((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === reqId && f.body?.stream?.finish === true));
  return fake.frames.filter((f) => f.headers.req_id === reqId);
}

const finalText = (frames: SentFrame[]) => String(frames.find((f) => f.body?.stream?.finish)?.body?.stream?.content);

beforeAll(async () => {
  fake = await startFakeWeCom(CREDENTIALS);
  store = new MemoryStore();
  wecom = await start();
});

afterAll(async () => {
  await wecom?.stop();
  await fake.close();
});

describe('the WeCom long connection, with the real SDK client against a fake WeCom', () => {
  it('subscribes with the bot id and secret, and is connected', () => {
    const subscribe = fake.framesOf('aibot_subscribe')[0]!;
    expect(subscribe.body).toMatchObject({ bot_id: 'BOT1', secret: 's3cret-of-bot1' });
    expect(wecom.state()).toBe('connected');
  });

  it('keeps the connection alive with heartbeats that WeCom acknowledges', async () => {
    const ping = await fake.until((fs) => fs.find((f) => f.cmd === 'ping'));
    expect(ping.headers.req_id).toMatch(/^ping/);
  });

  it('answers a one-to-one question with aibot_respond_msg: one markdown stream ending with finish: true', async () => {
    const reqId = fake.pushMessage(textMessage({ content: "what's the rural sewage target" }));
    const frames = await answerTo(reqId);
    const streams = frames.filter((f) => f.body?.msgtype === 'stream');
    expect(streams.at(-1)!.body!.stream).toMatchObject({ finish: true });
    expect(new Set(streams.map((f) => f.body!.stream.id)).size).toBe(1);
    expect(finalText(frames)).toContain('33%');
    expect(finalText(frames)).toContain('**');
  });

  it('answers a question in Chinese in Chinese', async () => {
    const reqId = fake.pushMessage(textMessage({ content: '农村生活污水治理率要达到多少' }));
    const text = finalText(await answerTo(reqId));
    expect(text).toContain('农村生活污水治理率：33%');
    expect(text).toContain('计划原文');
    expect(text).not.toContain('Plan text');
  });

  it('answers an @-mention in a group, the mention dropped, in the group’s channel', async () => {
    const reqId = fake.pushMessage(textMessage({ content: '@计划助手 /plan subscribe', chattype: 'group', chatid: 'wrGROUP7', userid: 'lisi' }));
    expect(finalText(await answerTo(reqId))).toContain('Subscribed this channel');
    expect(store.events().at(-1)).toMatchObject({ type: 'subscribe', channel: 'wecom:wrGROUP7', user: 'wecom:lisi' });
  });

  it('records a report once when WeCom delivers its msgid twice, even across a restart', async () => {
    const msg = textMessage({ content: '/plan update T9 at-risk 420/800', msgid: 'MSG-REPORT-1', userid: 'ZhangSan' });
    const first = fake.pushMessage(msg);
    expect(finalText(await answerTo(first))).toContain('T9');
    const updates = () => store.events().filter((e) => e.type === 'update' && e.itemId === 'T9');
    expect(updates()).toHaveLength(1);
    expect(updates()[0]).toMatchObject({ user: 'wecom:zhangsan', requestKey: 'wecom:msg:MSG-REPORT-1' });

    // The same process drops the duplicate: no second answer.
    const again = fake.pushMessage(msg);
    const marker = fake.pushMessage(textMessage({ content: 'T9' }));
    await answerTo(marker);
    expect(fake.frames.filter((f) => f.headers.req_id === again)).toEqual([]);

    // A new process has forgotten the msgid: it answers again, and records nothing twice.
    await wecom.stop();
    wecom = await start();
    const afterRestart = fake.pushMessage(msg);
    expect(finalText(await answerTo(afterRestart))).toContain('T9');
    expect(updates()).toHaveLength(1);
  });

  it('asks to confirm a report in free text with a 记录/取消 card, and records it when its author clicks 记录', async () => {
    const reqId = fake.pushMessage(textMessage({ content: 'T11 有风险', userid: 'zhangsan' }));
    const frames = await answerTo(reqId);
    expect(finalText(frames)).toContain('尚未记录');
    const card = await fake.until((fs) => fs.find((f) => f.headers.req_id === reqId && f.body?.msgtype === 'template_card'));
    const tc = card.body!.template_card;
    expect(tc.card_type).toBe('button_interaction');
    expect(tc.button_list.map((b: { text: string }) => b.text)).toEqual(['记录', '取消']);
    expect(store.events().some((e) => e.type === 'update' && e.itemId === 'T11')).toBe(false);

    // Someone else's click changes nothing, and only their copy of the card.
    const other = fake.pushEvent(cardClick({ eventKey: tc.button_list[0].key, taskId: tc.task_id, userid: 'lisi' }));
    const refused = await fake.until((fs) => fs.find((f) => f.headers.req_id === other && f.cmd === 'aibot_respond_update_msg'));
    expect(refused.body).toMatchObject({ response_type: 'update_template_card', userids: ['lisi'], template_card: { task_id: tc.task_id } });
    expect(store.events().some((e) => e.type === 'update' && e.itemId === 'T11')).toBe(false);

    const sentBefore = fake.framesOf('aibot_send_msg').length;
    const click = fake.pushEvent(cardClick({ eventKey: tc.button_list[0].key, taskId: tc.task_id, userid: 'zhangsan' }));
    const update = await fake.until((fs) => fs.find((f) => f.headers.req_id === click && f.cmd === 'aibot_respond_update_msg'));
    expect(update.body!.userids).toBeUndefined();
    expect(update.body!.template_card.task_id).toBe(tc.task_id);
    expect(store.events().filter((e) => e.type === 'update' && e.itemId === 'T11')).toEqual([expect.objectContaining({ user: 'wecom:zhangsan', status: 'at-risk' })]);
    // The outcome is posted to the conversation as well.
    const posted = await fake.until((fs) => fs.filter((f) => f.cmd === 'aibot_send_msg').slice(sentBefore)[0]);
    expect(posted.body).toMatchObject({ chatid: 'zhangsan', chat_type: 1, msgtype: 'markdown' });
    expect(String(posted.body!.markdown.content)).toContain('T11');
  });

  it('puts status buttons on the card of an answer about one item; a click sends its command, answered in the card’s language', async () => {
    const reqId = fake.pushMessage(textMessage({ content: '第二十项任务', userid: 'zhangsan' }));
    await answerTo(reqId);
    const card = await fake.until((fs) => fs.find((f) => f.headers.req_id === reqId && f.body?.msgtype === 'template_card'));
    const tc = card.body!.template_card;
    expect(tc.button_list.map((b: { text: string }) => b.text)).toEqual(['正常推进', '有风险', '滞后', '已完成']);
    // A new process does not remember that zhangsan writes Chinese; the button's command is English words.
    await wecom.stop();
    wecom = await start();
    const click = fake.pushEvent(cardClick({ eventKey: tc.button_list[3].key, taskId: tc.task_id, userid: 'zhangsan' }));
    const update = await fake.until((fs) => fs.find((f) => f.headers.req_id === click && f.cmd === 'aibot_respond_update_msg'));
    expect(store.events().at(-1)).toMatchObject({ type: 'update', itemId: 'T20', status: 'done', user: 'wecom:zhangsan' });
    expect(update.body!.template_card.main_title.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('posts the weekly digest to a subscribed group with aibot_send_msg, in markdown messages of at most 4,096 bytes', async () => {
    const sentBefore = fake.framesOf('aibot_send_msg').length;
    const r = await postDueDigests({ plan: app.plan, store, clock: fixedClock('2021-06-21T09:00:00+08:00'), timeZone: 'Asia/Shanghai', post: wecom.post });
    expect(r.failed).toEqual([]);
    expect(r.posted.map((p) => p.channel)).toContain('wecom:wrGROUP7');
    const sent = fake.framesOf('aibot_send_msg').slice(sentBefore);
    expect(sent.length).toBeGreaterThan(0);
    for (const f of sent) {
      expect(f.body).toMatchObject({ chatid: 'wrGROUP7', chat_type: 2, msgtype: 'markdown' });
      expect(Buffer.byteLength(f.body!.markdown.content, 'utf8')).toBeLessThanOrEqual(4096);
    }
    expect(store.events().at(-1)).toMatchObject({ type: 'digest-posted', channel: 'wecom:wrGROUP7' });
  });

  it('sends a reminder (催办) to an owner in their one-to-one chat with aibot_send_msg', async () => {
    const assigned = fake.pushMessage(textMessage({ content: '/plan assign T30 @WangWu', userid: 'zhangsan' }));
    await answerTo(assigned);
    const sentBefore = fake.framesOf('aibot_send_msg').length;
    const r = await sendDueReminders({ plan: app.plan, store, clock: fixedClock('2021-06-17T09:30:00+08:00'), schedule: app.reporting, post: wecom.dm });
    expect(r.failed).toEqual([]);
    expect(r.sent.map((s) => s.user)).toEqual(['wecom:wangwu']);
    const sent = fake.framesOf('aibot_send_msg').slice(sentBefore);
    expect(sent.map((f) => [f.body!.chatid, f.body!.chat_type])).toEqual([['wangwu', 1]]);
    expect(String(sent[0]!.body!.markdown.content)).toContain('T30');
  });

  it('splits a long reply into several messages of at most 4,096 bytes, losing nothing', async () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ id: `X${i}`, text: `第${i}项：农村生活污水治理率达到百分之三十三，完成八百个行政村庄整治任务。` }));
    const sentBefore = fake.framesOf('aibot_send_msg').length;
    await wecom.dm('wecom:zhangsan', reply('zh', [{ type: 'heading', text: '提醒' }, { type: 'list', items }]));
    const sent = fake.framesOf('aibot_send_msg').slice(sentBefore);
    expect(sent.length).toBeGreaterThan(1);
    const contents = sent.map((f) => String(f.body!.markdown.content));
    for (const c of contents) expect(Buffer.byteLength(c, 'utf8')).toBeLessThanOrEqual(4096);
    for (const i of [0, 59, 119]) expect(contents.join('\n')).toContain(`**X${i}**`);
    expect(sent.every((f) => f.body!.chatid === 'zhangsan' && f.body!.chat_type === 1)).toBe(true);
  });

  it('reconnects when the connection drops, and answers again', async () => {
    const before = fake.framesOf('aibot_subscribe').length;
    fake.drop();
    await fake.until((fs) => fs.filter((f) => f.cmd === 'aibot_subscribe').length > before);
    await eventually(() => wecom.state() === 'connected');
    const reqId = fake.pushMessage(textMessage({ content: 'T9' }));
    expect(finalText(await answerTo(reqId))).toContain('T9');
  });
});
