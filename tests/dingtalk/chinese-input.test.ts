import { describe, expect, it } from 'vitest';
import { makeBot, say } from '../support/make-bot.js';

/** What a city reporter types on DingTalk or WeCom with a Chinese input method switched on. */
describe('commands typed with a Chinese input method', () => {
  it.each([
    ['／plan　更新　Ｔ９　有风险　４３０／８００　周口进度滞后', 'dingtalk:manager4220'],
    ['、plan 更新 T9 有风险 430/800 周口进度滞后', 'wecom:admin'],
    ['／ｐｌａｎ 更新 Ｔ９ 有风险 ４３０／８００ 周口进度滞后', 'dingtalk:manager4220'],
  ])('%j records the update at once, as /plan 更新 would', async (text, user) => {
    const bot = makeBot({ admins: ['dingtalk:manager4220', 'wecom:admin'] });
    const r = await say(bot, text, user, { channel: 'dingtalk:user:manager4220' });
    expect(r.intent).toBe('update-status');
    expect(r.text).toMatch(/已更新 T9/);
    expect(r.text).toMatch(/430\/800/);
    const updates = bot.deps.store.events().filter((e) => e.type === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ itemId: 'T9', status: 'at-risk', user });
  });

  it('a question that only mentions plan, or a slash in the middle, is still a question and writes nothing', async () => {
    const bot = makeBot({ admins: ['dingtalk:manager4220'] });
    for (const text of ['plan 更新 T9 有风险', '任务９进展／情况', '农村污水治理率目标是多少']) {
      const r = await say(bot, text, 'dingtalk:manager4220');
      expect(r.intent).not.toBe('update-status');
    }
    expect(bot.deps.store.events()).toEqual([]);
  });
});

describe('确认 / 取消 with nothing waiting', () => {
  it('says no report is waiting (e.g. after a restart) instead of "nothing in the plan matches 确认", and writes nothing', async () => {
    const bot = makeBot({ admins: ['dingtalk:manager4220'] });
    for (const word of ['确认', '取消', 'confirm']) {
      const r = await say(bot, word, 'dingtalk:staff002', { channel: 'dingtalk:cidG1==' });
      expect(r.error?.id).toBe('proposal.none');
    }
    expect((await say(bot, '确认', 'dingtalk:staff002')).text).toMatch(/这里没有等待您确认的报告/);
    // Everyday words are only read as an answer while a proposal waits.
    expect((await say(bot, '好的', 'dingtalk:staff002')).intent).not.toBe('confirm-proposal');
    expect(bot.deps.store.events()).toEqual([]);
  });
});

describe('the language of a Chinese command that names a DingTalk user', () => {
  it('/plan 成员 @dingtalk:staff003 周口 is answered in Chinese (the qualified id says nothing of the language)', async () => {
    const bot = makeBot({ admins: ['dingtalk:manager4220'] });
    const r = await say(bot, '/plan 成员 @dingtalk:staff003 周口', 'dingtalk:manager4220');
    expect(r.lang).toBe('zh');
    expect(r.text).toMatch(/周口市/);
    expect((await say(bot, '/plan member @dingtalk:staff004 Zhoukou', 'dingtalk:manager4220')).lang).toBe('en');
  });
});

describe('a Chinese command word decides the language of the answer', () => {
  it('/plan 指派 T14 @zhaoliu on WeCom is answered in Chinese; /plan assign in English', async () => {
    const bot = makeBot({ admins: ['wecom:zhangsan'] });
    const zh = await say(bot, '/plan 指派 T14 @zhaoliu', 'wecom:zhangsan', { channel: 'wecom:dm:zhangsan' });
    expect(zh.lang).toBe('zh');
    expect(zh.text).toMatch(/已将 zhaoliu 设为 T14/);
    expect((await say(bot, '/plan assign T15 @zhaoliu', 'wecom:zhangsan', { channel: 'wecom:dm:zhangsan' })).lang).toBe('en');
  });
});
