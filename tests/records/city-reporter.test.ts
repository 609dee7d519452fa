import { describe, expect, it } from 'vitest';
import { proposalToken, recordsBot, talk } from './talk.js';

/** A city staff member on the console, owner of T9 and T11, as the console adapter names them. */
const ZHOULIN = 'console:zhoulin';
const ADMIN = 'console:admin';
const ROOM = 'console:zhoukou';

async function cityBot() {
  const made = recordsBot({ admins: [ADMIN] });
  await talk(made.bot, '/plan assign T9 @zhoulin', ADMIN, ROOM);
  await talk(made.bot, '/plan assign T11 @zhoulin', ADMIN, ROOM);
  return { ...made, say: (text: string, user = ZHOULIN) => talk(made.bot, text, user, ROOM), updates: () => made.store.events().filter((e) => e.type === 'update') };
}

describe('a city reporter writing Chinese on the console (exploratory QA, issue 10)', () => {
  it('a report verb with only a note is shown back as a note and recorded only when confirmed, never dropped behind the item card', async () => {
    const { say, updates } = await cityBot();
    const r = await say('更新 T9 新增30个村');
    expect(r.intent).toBe('update-status');
    expect(updates()).toEqual([]);
    expect(r.text).toContain('备注: 新增30个村');
    expect(r.text).toContain('只会记录为备注');
    expect(proposalToken(r)).not.toBeNull();
    await say('确认');
    expect(updates()).toMatchObject([{ itemId: 'T9', status: null, progress: [], note: '新增30个村', user: ZHOULIN }]);
  });
});

describe('answering “Record this?” as people answer it', () => {
  it.each(['好的', '好', '行', '可以', '嗯', 'ok', 'OK', 'okay', '没问题', '對的'])('“%s” while a proposal waits records it (it was answered “you are welcome” and left pending)', async (word) => {
    const { say, updates } = await cityBot();
    await say('T11 滞后 60%');
    const r = await say(word);
    expect(r.intent).toBe('confirm-proposal');
    expect(r.text).toContain('已更新 T11 强化环境监管：滞后');
    expect(updates()).toMatchObject([{ itemId: 'T11', status: 'off-track', progress: [{ indicatorId: 'T11.1', value: 60 }], user: ZHOULIN }]);
  });

  it.each(['不要', '不对', '错了'])('“%s” cancels it', async (word) => {
    const { say, updates } = await cityBot();
    await say('T11 滞后 60%');
    expect((await say(word)).intent).toBe('cancel-proposal');
    expect(updates()).toEqual([]);
  });

  it('with nothing pending, 好的 and ok are chatter and record nothing', async () => {
    const { say, updates } = await cityBot();
    expect((await say('好的')).intent).not.toBe('confirm-proposal');
    expect((await say('ok')).intent).not.toBe('confirm-proposal');
    expect(updates()).toEqual([]);
  });
});

describe('a message with no word of any language is answered in its writer’s language', () => {
  it('after Chinese, “T11 70%”, “/plan history T9” and “/plan undo” are answered in Chinese (they were answered in English)', async () => {
    const { say } = await cityBot();
    await say('我的任务');
    const proposed = await say('T11 70%');
    expect(proposed.lang).toBe('zh');
    expect(proposed.text).toContain('尚未记录');
    await say('确认');
    expect((await say('/plan history T11')).text).toContain('T11 强化环境监管 的更新记录');
    expect((await say('/plan undo')).text).toContain('已撤销');
    expect((await say('Ｔ９')).lang).toBe('zh');
  });

  it('each person keeps their own: an English analyst’s “T9” is in English; a first neutral message is read as before', async () => {
    const { say } = await cityBot();
    await say('我的任务');
    expect((await say('T9', 'console:analyst')).lang).toBe('en');
    await say('what is task 9', 'console:analyst');
    expect((await say('T9', 'console:analyst')).lang).toBe('en');
    expect((await say('T9')).lang).toBe('zh');
    // Words of a language switch it, both ways.
    await say('T9 status please');
    expect((await say('T9')).lang).toBe('en');
  });
});

describe('a mistyped status is said so, never recorded and never answered as a question', () => {
  it('“T9 有风线” names what it probably meant and how to send it', async () => {
    const { say, updates } = await cityBot();
    const r = await say('T9 有风线');
    expect(r.error?.id).toBe('status.unknown');
    expect(r.text).toContain('“有风线”不是有效状态，您是想写“有风险”吗？未记录任何内容。');
    expect(r.text).toContain('/plan 更新 T9 有风险');
    expect(updates()).toEqual([]);
  });
});

describe('questions about one reason of attention agree with the digest’s list', () => {
  const at = (local: string) => ({ now: () => new Date(`${local}+08:00`) });

  it('“久未更新的任务” / “stale tasks” list what the attention list calls stale (they answered “nothing matches”)', async () => {
    const june1 = recordsBot({ admins: [ADMIN], clock: at('2021-06-01T09:00:00') });
    await talk(june1.bot, '/plan assign T9 @zhoulin', ADMIN, ROOM);
    await talk(june1.bot, '/plan assign T11 @zhoulin', ADMIN, ROOM);
    await talk(june1.bot, '更新 T9 有风险 430/800', ZHOULIN, ROOM);
    const june21 = recordsBot({ admins: [ADMIN], store: june1.store, clock: at('2021-06-21T09:00:00') });
    const attention = await talk(june21.bot, '需要关注的任务', 'console:analyst', ROOM);
    expect(attention.text).toContain('T9 土壤污染防治行动 — 🟡 有风险；20天未更新');
    expect(attention.text).toContain('T11 强化环境监管 — 分配后20天未更新（2021-06-01分配）');
    for (const q of ['久未更新的任务', '長期未更新的事項', 'stale tasks', 'which tasks have no recent update']) {
      const r = await talk(june21.bot, q, 'console:analyst', ROOM);
      expect(r.intent, q).toBe('list-items');
      expect(r.matches.map((m) => m.id), q).toEqual(['T9', 'T11']);
      expect(r.text, q).toMatch(/超过14天未更新|without an update for more than 14 days/);
    }
    const overdue = await talk(june21.bot, '哪些任务逾期', 'console:analyst', ROOM);
    expect(overdue.text.split('\n')[0]).toBe('没有逾期的任务（期限已过且未达标）。');
    expect(june21.store.events().filter((e) => e.type === 'update')).toHaveLength(1);
  });
});

describe('the note is what was said, without its label', () => {
  it.each(['更新 T9 滞后 备注 周口进度慢', '更新 T9 滞后 备注：周口进度慢', '更新 T9 滞后 说明 周口进度慢'])('%s keeps the note “周口进度慢”', async (text) => {
    const { say, updates } = await cityBot();
    await say(text);
    expect(updates()).toMatchObject([{ itemId: 'T9', status: 'off-track', note: '周口进度慢' }]);
  });
});
