import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { makeBot, say } from '../support/make-bot.js';

/** A clock the test moves forward. */
function movableClock(start = '2021-06-07T09:00:00+08:00') {
  let t = new Date(start).getTime();
  const clock: Clock = { now: () => new Date(t) };
  return { clock, advance: (minutes: number) => (t += minutes * 60_000) };
}

describe('follow-ups refer to what the conversation last answered (per user and channel, 10 minutes)', () => {
  it('after "what is T7", "what about its targets?", "and the deadline?" and "截止时间呢？" are about T7', async () => {
    const bot = makeBot();
    await say(bot, 'what is T7', 'web:alice');
    expect((await say(bot, 'what about its targets?', 'web:alice')).matches[0]?.id).toBe('T7');
    const deadline = await say(bot, 'and the deadline?', 'web:alice');
    expect(deadline.matches[0]?.id).toBe('T7');
    expect(deadline.text).toContain('2021-12-31');
    const zh = await say(bot, '截止时间呢？', 'web:alice');
    expect(zh.matches[0]?.id).toBe('T7');
    expect(zh.text).toContain('2021年底');
  });

  it('a follow-up asking for a number gets the remembered item’s number', async () => {
    const bot = makeBot();
    await say(bot, '农村环境整治是哪条任务', 'console:wang');
    const r = await say(bot, '具体数字是多少', 'console:wang');
    expect(r.matches[0]?.id).toBe('T9');
    expect(r.text).toContain('800');
  });

  it('is forgotten after 10 minutes', async () => {
    const { clock, advance } = movableClock();
    const bot = makeBot({ clock });
    await say(bot, 'what is T24', 'web:alice');
    advance(9);
    expect((await say(bot, 'and the deadline?', 'web:alice')).matches[0]?.id).toBe('T24');
    advance(11);
    expect((await say(bot, 'and the deadline?', 'web:alice')).matches[0]?.id).not.toBe('T24');
  });

  it('belongs to one user in one channel', async () => {
    const bot = makeBot();
    await say(bot, 'what is T24', 'web:alice', { channel: 'web:room-1' });
    expect((await say(bot, 'and the deadline?', 'web:bob', { channel: 'web:room-1' })).matches[0]?.id).not.toBe('T24');
    expect((await say(bot, 'and the deadline?', 'web:alice', { channel: 'web:room-2' })).matches[0]?.id).not.toBe('T24');
    expect((await say(bot, 'and the deadline?', 'web:alice', { channel: 'web:room-1' })).matches[0]?.id).toBe('T24');
  });

  it('gives way to a new topic, and to a question that names its own item', async () => {
    const bot = makeBot();
    await say(bot, 'what is T24', 'web:alice');
    await say(bot, 'carbon emissions trading', 'web:alice');
    expect((await say(bot, 'who is in charge of it?', 'web:alice')).matches[0]?.id).toBe('T6');
    expect((await say(bot, 'what is the deadline of T9?', 'web:alice')).matches[0]?.id).toBe('T9');
    // Pointing back but naming a topic of its own: a new question.
    await say(bot, 'what is T24', 'web:alice');
    expect((await say(bot, 'what does it say about biodiversity?', 'web:alice')).matches[0]?.id).not.toBe('T24');
    await say(bot, 'who won the world cup', 'web:alice');
    expect((await say(bot, 'and the deadline?', 'web:alice')).matches).toEqual([]);
  });

  it('never turns a follow-up into a write: a report must name its item', async () => {
    const bot = makeBot();
    await say(bot, 'what is T9', 'console:admin');
    await say(bot, 'update it done', 'console:admin');
    const status = await say(bot, '/plan status T9', 'console:admin');
    expect(status.text).not.toMatch(/\bdone\b/i);
  });

  it('a message that only asks for an aspect ("进度怎么样", "负责人是谁", 負責人是誰) is about the remembered item', async () => {
    const bot = makeBot();
    await say(bot, '第九项任务', 'console:wang');
    const progress = await say(bot, '进度怎么样', 'console:wang');
    expect(progress.intent).toBe('item-status');
    expect(progress.text).toContain('T9');
    const owner = await say(bot, '负责人是谁', 'console:wang');
    expect(owner.matches[0]?.id).toBe('T9');
    expect(owner.text).toContain('T9 尚未指定负责人');
    expect((await say(bot, '負責人是誰', 'console:wang')).matches[0]?.id).toBe('T9');
    // Another person in the same channel has no conversation about T9.
    expect((await say(bot, '负责人是谁', 'console:li')).matches[0]?.id).not.toBe('T9');
  });

  it('"and who owns it?" names the owners, or says there are none yet', async () => {
    const bot = makeBot();
    await say(bot, 'what is T20', 'web:alice');
    expect((await say(bot, 'and who owns it?', 'web:alice')).text).toContain('T20 has no owner yet');
    await say(bot, '/plan assign T20 @web:bob', 'console:admin');
    expect((await say(bot, 'who owns T20', 'web:alice')).text).toMatch(/Owners of T20: .*bob/);
  });

  it('a status word is an aspect: "is it on track?" after the sewage target is about O3, not a task that mentions tracking', async () => {
    const bot = makeBot();
    await say(bot, 'rural sewage target', 'web:alice');
    const r = await say(bot, 'is it on track?', 'web:alice');
    expect(r.intent).toBe('item-status');
    expect(r.text).toContain('O3');
    await say(bot, 'T9', 'console:wang');
    expect((await say(bot, '完成了吗', 'console:wang')).text).toContain('T9');
  });

  it('after a topic list, "what about air?" and "那水呢？" are that topic’s list', async () => {
    const bot = makeBot();
    await say(bot, 'list the water tasks', 'web:alice');
    const air = await say(bot, 'what about air?', 'web:alice');
    expect(air.intent).toBe('list-items');
    expect(air.matches.map((m) => m.id)).toContain('O1');
    await say(bot, '列出大气相关任务', 'console:wang');
    const water = await say(bot, '那水呢？', 'console:wang');
    expect(water.intent).toBe('list-items');
    expect(water.matches.map((m) => m.id)).toContain('T8');
    // Not after a list, and not for a word outside the topic table.
    expect((await say(bot, 'what about the world cup?', 'web:alice')).intent).not.toBe('list-items');
  });
});
