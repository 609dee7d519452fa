import { describe, expect, it } from 'vitest';
import { makeBot, say } from '../support/make-bot.js';

describe('questions about the whole plan get counts and lists computed from the plan and its state', () => {
  it.each([
    ['how many tasks are there', '40'],
    ['how many key tasks does the plan have?', '40'],
    ['计划里一共有几个主要目标', '6'],
    ['how many groups are the tasks divided into?', '10'],
    ['how many main objectives', '6'],
    ['一共有幾項重點任務', '40'],
  ])('%s → %s', async (q, n) => {
    const r = await say(makeBot(), q, 'web:alice');
    expect(r.intent).toBe('plan-overview');
    expect(r.text).toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
  });

  it('reads each message afresh, whatever was asked before (a narrowed list question left no trace)', async () => {
    const bot = makeBot();
    const alone = await say(makeBot(), '有哪些指标', 'web:alice');
    expect(alone.intent).toBe('plan-overview');
    // Its list word comes first and its status narrows it: a list of items at risk, not the plan's overview.
    expect((await say(bot, 'what are the tasks at risk', 'web:bob')).intent).toBe('list-items');
    const after = await say(bot, '有哪些指标', 'web:alice');
    expect(after.intent).toBe('plan-overview');
    expect(after.text).toBe(alone.text);
  });

  it('a count narrowed by a status or a topic is a list whose heading counts', async () => {
    const bot = makeBot();
    for (const q of ['how many tasks are at risk', '有多少任务有风险', 'how many tasks are about water', '有多少任务和大气有关']) {
      expect((await say(bot, q, 'web:alice')).intent, q).toBe('list-items');
    }
    expect((await say(bot, 'how many tasks are about water', 'web:alice')).matches.map((m) => m.id)).toContain('T8');
  });

  it('a target’s number is not a count of the plan: "how many villages …" is T9’s 800', async () => {
    const r = await say(makeBot(), 'how many villages do we have to clean up this year', 'web:alice');
    expect(r.matches[0]?.id).toBe('T9');
    expect(r.text).toContain('800');
  });

  it('which tasks have no owner follows assignments', async () => {
    const bot = makeBot();
    await say(bot, '/plan assign T9 @console:bob', 'console:admin');
    const r = await say(bot, 'which tasks have no owner', 'web:alice');
    const ids = r.matches.map((m) => m.id);
    expect(ids).toHaveLength(39);
    expect(ids).not.toContain('T9');
    expect((await say(bot, '哪些任务没有负责人', 'web:alice')).matches).toHaveLength(39);
    expect((await say(bot, '哪些任務沒有負責人', 'web:alice')).matches).toHaveLength(39);
  });

  it('every target with a number is listed with its item', async () => {
    const r = await say(makeBot(), 'list every target in the plan that has a number', 'web:alice');
    expect(r.matches.map((m) => m.id)).toEqual(expect.arrayContaining(['O3', 'O6', 'T9']));
    expect(r.text).toContain('33%');
  });

  it('"what is at risk" and "哪些指标落后于时序进度" are lists by the attention rule, not item cards', async () => {
    const bot = makeBot();
    // 100 of 800 villages on 7 June is behind the pace of a year-end target (43% of the year gone).
    await say(bot, '/plan update T9 at-risk 100/800', 'console:admin');
    for (const q of ['what is at risk', '哪些指标落后于时序进度']) {
      const r = await say(bot, q, 'web:alice');
      expect(r.intent, q).toBe('list-items');
      expect(r.matches.map((m) => m.id), q).toContain('T9');
    }
  });

  it('a topic list in Traditional characters is the same list: 列出大氣相關任務 is the air topic', async () => {
    const bot = makeBot();
    const simplified = await say(bot, '列出大气相关任务', 'web:alice');
    const traditional = await say(bot, '列出大氣相關任務', 'web:alice');
    expect(traditional.intent).toBe('list-items');
    expect(traditional.matches.map((m) => m.id)).toEqual(simplified.matches.map((m) => m.id));
    expect(traditional.matches.map((m) => m.id)).toContain('O1');
  });

  it('"跟水有关" names the water topic, not a topic called 跟水', async () => {
    const r = await say(makeBot(), '列出所有跟水有关的任务', 'web:alice');
    expect(r.text).toContain('“水”');
    expect(r.matches.map((m) => m.id)).toContain('T8');
  });

  it('a topic of the table with a plural noun is a list even with no list word: "air pollution tasks"', async () => {
    const bot = makeBot();
    for (const [q, id] of [['air pollution tasks', 'O1'], ['soil tasks', 'T9'], ['水污染任务', 'T8']] as const) {
      const r = await say(bot, q, 'web:alice');
      expect(r.intent, q).toBe('list-items');
      expect(r.matches.map((m) => m.id), q).toContain(id);
    }
  });

  it('the targets of a free topic are one item’s targets, not a list: nitrogen oxides and COD are O5', async () => {
    const r = await say(makeBot(), 'what are the emission total control targets for nitrogen oxides and COD', 'web:alice');
    expect(r.intent).toBe('ask');
    expect(r.matches[0]?.id).toBe('O5');
  });

  it('"what are the targets", "有哪些指标", "计划有哪些目标" list the plan’s items of that kind', async () => {
    const bot = makeBot();
    for (const [q, n] of [['what are the targets', '11'], ['有哪些指标', '11'], ['计划有哪些目标', '6'], ['what are the groups', '10']] as const) {
      const r = await say(bot, q, 'web:alice');
      expect(r.intent, q).toBe('plan-overview');
      expect(r.text, q).toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
    }
  });

  it('"which items are overdue" and "list every task in group 10" are lists', async () => {
    const bot = makeBot();
    await say(bot, '/plan update T9 done', 'console:admin');
    const overdue = await say(bot, 'which items are overdue', 'web:alice');
    expect(overdue.intent).toBe('list-items');
    expect(overdue.text).toMatch(/overdue/);
    expect(overdue.matches.map((m) => m.id)).not.toContain('T9');
    const g10 = await say(bot, 'list every task in group 10', 'web:alice');
    expect(g10.intent).toBe('list-items');
    expect(g10.matches.map((m) => m.id)).toEqual(['T37', 'T38', 'T39', 'T40']);
  });

  it('"哪些目标没有量化指标" lists the objectives with no number; "which objectives have numbers" the others', async () => {
    const bot = makeBot();
    const without = await say(bot, '哪些目标没有量化指标', 'console:wang');
    expect(without.intent).toBe('plan-overview');
    expect(without.matches.map((m) => m.id)).toEqual(['O1', 'O2', 'O4', 'O5']);
    expect((await say(bot, 'which objectives have numbers', 'web:alice')).matches.map((m) => m.id)).toEqual(['O3', 'O6']);
    // A quantified question naming its own topic is that topic's answer.
    expect((await say(bot, 'is there a quantified target for groundwater', 'web:alice')).matches[0]?.id).toBe('O3');
  });
});
