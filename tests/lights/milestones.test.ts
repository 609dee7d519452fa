import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import type { MemoryStore } from '../../src/store/memory-store.js';
import { storeWith, update } from '../digest/fixtures.js';
import { makeBot, say } from '../support/make-bot.js';

/**
 * Issue 12: milestones (时间节点) through the bot core, as admins type them on any door, and the light
 * each item shows on a scripted timeline (before a milestone, within 7 days, missed, met).
 */

const ADMIN = 'web:admin';
const bot = (store: MemoryStore, now = '2021-06-01T09:00:00+08:00') => makeBot({ store, clock: fixedClock(now), admins: [ADMIN] });
const t9 = (value: number, at = '2021-05-31T02:00:00Z') => update({ itemId: 'T9', status: 'on-track', user: 'web:li', at, progress: [{ indicatorId: 'T9.1', value, target: null, unit: null }] });
const milestones = (store: MemoryStore) => store.events().filter((e) => e.type === 'milestone');

describe('/plan milestone (admins)', () => {
  it('sets a milestone of a target, in English or Chinese, records it before answering and shows it on the card', async () => {
    const store = await storeWith([]);
    const r = await say(bot(store), '/plan milestone T9.1 2021-06-30 400', ADMIN);
    expect(r.error).toBeUndefined();
    expect(milestones(store)).toMatchObject([{ itemId: 'T9', indicatorId: 'T9.1', date: '2021-06-30', value: 400, op: 'set', user: ADMIN }]);
    expect(r.text).toContain('Milestone set: T9.1 by 30 June 2021: 400 villages.');
    expect(r.text).toContain('Milestones: T9.1 by 30 June 2021: 400 villages (set); T9.1 by the end of 2021: 800 villages (the plan); T9.2 by the end of 2021: 10% (the plan)');
    const zh = await say(bot(store), '/plan 节点 T9.2 9月底 5%', ADMIN);
    expect(zh.text).toContain('已设置时间节点：T9.2 2021年9月30日前5%。');
    expect(milestones(store).at(-1)).toMatchObject({ indicatorId: 'T9.2', date: '2021-09-30', value: 5 });
    const card = await say(bot(store), 'what is task 9', 'web:alice');
    expect(card.text).toContain('T9.2 by 30 September 2021: 5% (set)');
  });

  it('a value on an item with one target is that target’s; on an item with several it asks which', async () => {
    const store = await storeWith([]);
    await say(bot(store), '/plan milestone T20 6月30日 50', ADMIN);
    expect(milestones(store)).toMatchObject([{ itemId: 'T20', indicatorId: 'T20.1', date: '2021-06-30', value: 50 }]);
    const r = await say(bot(store), '/plan milestone T9 2021-06-30 400', ADMIN);
    expect(r.error?.id).toBe('milestone.which-target');
    expect(r.text).toContain('/plan milestone T9.1 2021-06-30 400');
    expect(milestones(store)).toHaveLength(1);
  });

  it('removes the milestones set on a date; the plan’s deadline cannot be removed', async () => {
    const store = await storeWith([]);
    await say(bot(store), '/plan milestone T9.1 2021-06-30 400', ADMIN);
    await say(bot(store), '/plan milestone T9.2 6/30 5', ADMIN);
    const r = await say(bot(store), '/plan milestone T9 remove 2021-06-30', ADMIN);
    expect(r.text).toContain('Removed 2 milestones of T9 on 2021-06-30.');
    expect(r.text).toContain('Milestones: T9.1 by the end of 2021: 800 villages (the plan); T9.2 by the end of 2021: 10% (the plan)');
    const again = await say(bot(store), '/plan 节点 T9 删除 年底', ADMIN);
    expect(again.error?.id).toBe('milestone.none');
    expect(again.text).toContain('计划规定的期限是最后的时间节点，不能删除');
  });

  it.each([
    ['/plan milestone T9.3 2021-06-30 1', 'milestone.no-target', 'its targets are T9.1, T9.2'],
    ['/plan milestone T9.1 soon 400', 'date.unreadable', 'Write it as 2021-06-30'],
    ['/plan milestone T9.1 2021-02-30 400', 'date.invalid', 'not a date on the calendar'],
    ['/plan milestone T9.1 2022-06-30 400', 'milestone.outside-year', 'outside the plan year 2021'],
    ['/plan milestone T99 2021-06-30', 'item.not-found', 'There is no item'],
  ])('%s is refused (%s), nothing recorded', async (text, id, words) => {
    const store = await storeWith([]);
    const r = await say(bot(store), text, ADMIN);
    expect(r.error?.id).toBe(id);
    expect(r.text).toContain(words);
    expect(milestones(store)).toHaveLength(0);
  });

  it('only admins set milestones; anyone lists them', async () => {
    const store = await storeWith([]);
    const r = await say(bot(store), '/plan milestone T9.1 2021-06-30 400', 'web:li');
    expect(r.error?.id).toBe('permission.admin');
    expect(r.text).toContain('set milestones');
    expect(milestones(store)).toHaveLength(0);
    const list = await say(bot(store), '/plan milestone T34', 'web:li');
    expect(list.error).toBeUndefined();
    expect(list.text).toContain('Milestones: T34.1 by 31 March 2021: 1 analysis (the plan); T34.1 by 30 June 2021: 2 analyses (the plan); T34.1 by 30 September 2021: 3 analyses (the plan); T34.1 by the end of 2021: 4 analyses (the plan)');
  });
});

describe('the light of T9 on a scripted timeline (milestone: 400 villages by 30 June; 390 reported)', () => {
  it.each([
    ['a month before', '2021-06-01T09:00:00+08:00', 390, 'Light: 🟢 green — on pace'],
    ['eight days before', '2021-06-22T09:00:00+08:00', 390, 'Light: 🟢 green — on pace'],
    ['within 7 days, not met', '2021-06-24T09:00:00+08:00', 390, 'Light: 🟡 yellow — T9.1 milestone 2021-06-30 in 6 days (400 villages, not yet met)'],
    ['missed', '2021-07-01T09:00:00+08:00', 390, 'Light: 🔴 red — T9.1 milestone 2021-06-30 missed (400 villages by then; 390 villages reported)'],
    ['met', '2021-07-01T09:00:00+08:00', 400, 'Light: 🟢 green — on pace'],
  ])('%s: %s', async (_, now, value, line) => {
    const store = await storeWith([t9(value, new Date(new Date(now).getTime() - 86_400_000).toISOString())]);
    await say(bot(store), '/plan milestone T9.1 2021-06-30 400', ADMIN);
    const status = await say(bot(store, now), '/plan status T9', 'web:alice');
    expect(status.text).toContain(line);
    const card = await say(bot(store, now), 'T9', 'web:alice');
    expect(card.text).toContain(line);
  });

  it('in Chinese', async () => {
    const store = await storeWith([t9(390, '2021-06-30T02:00:00Z')]);
    await say(bot(store), '/plan 节点 T9.1 6月30日 400', ADMIN);
    const r = await say(bot(store, '2021-07-01T09:00:00+08:00'), '/plan 状态 T9', 'web:alice');
    expect(r.text).toContain('灯号：🔴 红灯 — T9.1 时间节点 2021-06-30 未完成（应400个行政村；已报390个行政村）');
  });

  it('history shows who set and removed milestones', async () => {
    const store = await storeWith([]);
    await say(bot(store), '/plan milestone T9.1 2021-06-30 400', ADMIN);
    await say(bot(store), '/plan milestone T9.1 remove 2021-06-30', ADMIN);
    const r = await say(bot(store), '/plan history T9', 'web:alice');
    expect(r.text).toContain('admin removed milestone T9.1 2021-06-30');
    expect(r.text).toContain('admin set milestone T9.1 2021-06-30 400');
  });
});
