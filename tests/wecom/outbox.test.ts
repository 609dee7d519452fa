import { describe, expect, it } from 'vitest';
import { weComOutbox, WeComSendError, type SendMessage } from '../../src/adapters/wecom/index.js';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { reply } from '../../src/core/reply.js';

const hello = reply('zh', [{ type: 'paragraph', text: '本周周报' }]);

/** A stand-in for the SDK's sendMessage that answers each call as `answers` says (0 is ok), recording the calls. */
function recordingSend(answers: number[] = []) {
  const calls: { chatid: string; body: Record<string, unknown> }[] = [];
  const send: SendMessage = async (chatid, body) => {
    calls.push({ chatid, body: body as unknown as Record<string, unknown> });
    const errcode = answers.shift() ?? 0;
    if (errcode !== 0) throw { headers: { req_id: 'x' }, errcode, errmsg: errcode === 45009 ? 'api freq out of limit' : 'invalid chatid' };
    return { headers: { req_id: 'x' }, errcode: 0, errmsg: 'ok' };
  };
  return { send, calls };
}

describe('the WeCom outbox (aibot_send_msg)', () => {
  it('sends a group channel with chat_type 2, a one-to-one channel and a person with chat_type 1', async () => {
    const { send, calls } = recordingSend();
    const out = weComOutbox(send, { intervalMs: 0 });
    await out.post('wecom:wrG1', hello);
    await out.post('wecom:dm:zhangsan', hello);
    await out.dm('wecom:lisi', hello);
    expect(calls.map((c) => [c.chatid, c.body.chat_type, c.body.msgtype])).toEqual([
      ['wrG1', 2, 'markdown'],
      ['zhangsan', 1, 'markdown'],
      ['lisi', 1, 'markdown'],
    ]);
    expect(calls[0]!.body.markdown).toEqual({ content: '本周周报' });
  });

  it('tries a throttled message (45009) once more, and rejects any other refusal so it is not recorded as sent', async () => {
    const throttled = recordingSend([45009, 0]);
    await weComOutbox(throttled.send, { intervalMs: 0, retryAfterMs: 1 }).post('wecom:wrG1', hello);
    expect(throttled.calls).toHaveLength(2);

    const refused = recordingSend([93000]);
    const post = weComOutbox(refused.send, { intervalMs: 0 }).post('wecom:wrG1', hello);
    await expect(post).rejects.toBeInstanceOf(WeComSendError);
    await expect(post).rejects.toThrow(/invalid chatid \(errcode 93000\)/);
  });

  it('refuses an id that is not a WeCom conversation', async () => {
    await expect(weComOutbox(recordingSend().send).post('slack:C123', hello)).rejects.toThrow(/not a WeCom conversation/);
  });

  it('a failed message does not hold up the next one to the same conversation', async () => {
    const { send, calls } = recordingSend([93000, 0]);
    const out = weComOutbox(send, { intervalMs: 0 });
    await expect(out.post('wecom:wrG1', hello)).rejects.toThrow();
    await out.post('wecom:wrG1', hello);
    expect(calls).toHaveLength(2);
  });
});

describe('WeCom configuration', () => {
  it('reads WECOM_BOT_ID, WECOM_BOT_SECRET and WECOM_WS_URL, all optional', () => {
    expect(loadConfig({}).wecom).toEqual({ botId: undefined, secret: undefined, wsUrl: undefined });
    expect(loadConfig({ WECOM_BOT_ID: 'aib1', WECOM_BOT_SECRET: 's', WECOM_WS_URL: 'ws://127.0.0.1:4020' }).wecom).toEqual({ botId: 'aib1', secret: 's', wsUrl: 'ws://127.0.0.1:4020' });
  });

  it('refuses a WECOM_WS_URL that is not a websocket address, saying what one looks like', () => {
    expect(() => loadConfig({ WECOM_WS_URL: 'https://openws.work.weixin.qq.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ WECOM_WS_URL: 'https://openws.work.weixin.qq.com' })).toThrow(/WECOM_WS_URL: must be a websocket address such as wss:\/\/openws\.work\.weixin\.qq\.com/);
  });
});
