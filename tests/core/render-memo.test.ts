import { describe, expect, it } from 'vitest';
import { judgeAttention } from '../../src/core/attention.js';
import { indicatorAnswer, itemCard, statusBlocks } from '../../src/core/render-item.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { ItemState } from '../../src/store/item-state.js';
import { EMPTY_STATE } from '../../src/store/item-state.js';
import { deriveUnits } from '../../src/store/unit-state.js';
import type { PlanEvent } from '../../src/store/events.js';
import { steppingClock, testBot } from '../intents/fixtures.js';

const plan = await loadPlan();
const TZ = 'Asia/Shanghai';
const t9 = plan.items.find((i) => i.id === 'T9')!;
const at = (iso: string) => Date.parse(iso);

/** A state with `value` of T9.1 (800 villages) reported. */
function t9With(value: number, extra: Partial<ItemState> = {}): ItemState {
  return { ...EMPTY_STATE, status: 'on-track', progress: [{ indicatorId: 'T9.1', value, target: null, unit: null }], owners: [], updatedAt: '2021-06-01T01:00:00.000Z', updatedBy: 'web:alice', ...extra };
}

describe('answers about an item are rendered once per item, language, state and day', () => {
  it('show a write through the bot at once: an update, an owner and its removal, an undo', async () => {
    const { say } = await testBot({ clock: steppingClock('2021-06-07T09:00:00+08:00') });
    const questions = ['status of T9', 'T9', 'T9.1', 'how many villages must be rectified', 'T9进展'];
    for (const q of questions) expect((await say(q)).text).not.toContain('100/800');
    await say('/plan update T9 on-track 100/800');
    for (const q of questions) expect((await say(q)).text).toContain('100/800');
    await say('/plan assign T9 @web:bob');
    for (const q of ['status of T9', 'T9']) expect((await say(q)).text).toContain('bob');
    await say('/plan unassign T9 @web:bob');
    for (const q of ['status of T9', 'T9']) expect((await say(q)).text).not.toContain('bob');
    // A unit write changes the card (its units), not the item's state.
    expect((await say('what is T9')).text).not.toContain('Lead unit');
    await say('/plan lead T9 周口');
    expect((await say('what is T9')).text).toContain('Lead unit');
    await say('/plan undo');
    for (const q of questions) {
      const { text } = await say(q);
      expect(text).not.toContain('100/800');
      expect(text).not.toContain('bob');
    }
  });

  it('list a group’s tasks with the status a write just recorded', async () => {
    const { say } = await testBot({ clock: steppingClock('2021-06-07T09:00:00+08:00') });
    const t9Line = async (q: string) => (await say(q)).text.split('\n').find((l) => l.includes('T9 '));
    expect(await t9Line('tasks in group 3')).not.toContain('at risk');
    expect(await t9Line('第三组任务')).not.toContain('有风险');
    await say('/plan update T9 at-risk');
    expect(await t9Line('tasks in group 3')).toContain('at risk');
    expect(await t9Line('第三组任务')).toContain('有风险');
    await say('/plan undo');
    expect(await t9Line('tasks in group 3')).not.toContain('at risk');
  });

  it('change when the clock passes local midnight: a milestone due tomorrow is due today, then missed', async () => {
    const clock = steppingClock('2021-06-29T23:59:00+08:00');
    const { say } = await testBot({ clock });
    for (const q of ['status of T34', 'T34']) expect((await say(q)).text).toContain('milestone 2021-06-30 in 1 day');
    expect((await say('T34进展')).text).toContain('时间节点 2021-06-30 还有1天');
    clock.advance(2);
    for (const q of ['status of T34', 'T34']) expect((await say(q)).text).toContain('milestone 2021-06-30 today');
    expect((await say('T34进展')).text).toContain('时间节点 2021-06-30 今天到期');
    clock.advance(24 * 60);
    for (const q of ['status of T34', 'T34']) expect((await say(q)).text).toContain('milestone 2021-06-30 missed');
  });

  it('turn overdue when the plan year ends at local midnight, not at UTC midnight', async () => {
    const clock = steppingClock('2021-12-31T23:58:00+08:00');
    const { say } = await testBot({ clock });
    expect((await say('status of T9')).text).not.toContain('overdue');
    clock.advance(3);
    expect((await say('status of T9')).text).toContain('T9.1 overdue');
    expect((await say('T9.1')).text).toContain('T9.1 overdue');
  });

  it('judge a reading below its target at the instant: the share of time gone grows within a day', async () => {
    const clock = steppingClock('2021-06-07T09:00:00+08:00');
    const { say } = await testBot({ clock });
    await say('/plan update T9 on-track 100/800');
    expect((await say('status of T9')).text).toContain('12.5% done, 43.1% of the time gone');
    clock.advance(12 * 60);
    expect((await say('status of T9')).text).toContain('12.5% done, 43.3% of the time gone');
    expect((await say('T9')).text).toContain('12.5% done, 43.3% of the time gone');
  });

  it('share the same blocks between replies while nothing they show changes, and not across languages or states', () => {
    const morning = at('2021-06-15T09:00:00+08:00');
    const evening = at('2021-06-15T21:00:00+08:00');
    for (const render of [
      (state: ItemState | undefined, lang: 'en' | 'zh', when: number) => itemCard(t9, plan, state, lang, TZ, when),
      (state: ItemState | undefined, lang: 'en' | 'zh', when: number) => statusBlocks(t9, plan, state, lang, TZ, when),
      (state: ItemState | undefined, lang: 'en' | 'zh', when: number) => indicatorAnswer(t9, t9.indicators[0]!, plan, state, lang, TZ, when),
    ]) {
      const first = render(undefined, 'en', morning);
      const later = render(undefined, 'en', evening);
      expect(later).not.toBe(first);
      later.forEach((b, i) => expect(b).toBe(first[i]));
      expect(render(undefined, 'zh', morning)[0]).not.toEqual(first[0]);
      // A target reached holds all day: shared too; a new state (a write) renders again.
      const reached = t9With(800);
      const a = render(reached, 'en', morning);
      expect(a).not.toEqual(first);
      render(reached, 'en', evening).forEach((b, i) => expect(b).toBe(a[i]));
      expect(render(t9With(800), 'en', evening).some((b, i) => b !== a[i])).toBe(true);
    }
  });

  it('keep the card of an item judged and not judged apart, and of other zones', () => {
    const noon = at('2021-06-15T12:00:00+08:00');
    const judged = itemCard(t9, plan, undefined, 'en', TZ, noon);
    const plain = itemCard(t9, plan, undefined, 'en', TZ);
    expect(plain.length).toBeLessThan(judged.length);
    expect(itemCard(t9, plan, undefined, 'en', TZ, noon)).toEqual(judged);
    // Other units (a unit write), the same state: rendered again.
    const lead: PlanEvent = { seq: 1, id: 'e1', at: '2021-06-01T00:00:00Z', user: 'web:alice', platform: 'web', planId: plan.id, type: 'lead', itemId: 'T9', unit: plan.units![0]!.id };
    const none = itemCard(t9, plan, undefined, 'en', TZ, noon, deriveUnits([], plan));
    expect(JSON.stringify(none)).not.toContain('Lead unit');
    expect(JSON.stringify(itemCard(t9, plan, undefined, 'en', TZ, noon, deriveUnits([lead], plan)))).toContain('Lead unit');
    expect(itemCard(t9, plan, undefined, 'en', 'UTC', at('2021-12-31T20:00:00Z'))).not.toEqual(itemCard(t9, plan, undefined, 'en', TZ, at('2021-12-31T20:00:00Z')));
  });
});

describe('AttentionJudge.sameAllDay', () => {
  const judge = judgeAttention(plan, { at: at('2021-06-15T10:00:00+08:00'), timeZone: TZ });
  it.each([
    ['nothing reported', undefined, true],
    ['a status only', { ...EMPTY_STATE, status: 'at-risk' as const }, true],
    ['a reading below its target', t9With(100), false],
    ['a reading below its target of an item reported done', t9With(100, { status: 'done' }), true],
    ['a reading below its target of an item signed off', t9With(100, { signedOff: { at: '2021-06-10T00:00:00Z', by: 'web:alice' } }), true],
    ['a target reached', t9With(800), true],
    ['a target exceeded', t9With(900), true],
  ])('%s: %s', (_what, state, same) => {
    expect(judge.sameAllDay(t9, state)).toBe(same);
  });

  it('is true for a reading below a target whose deadline has passed (overdue stays overdue all day)', () => {
    const late = judgeAttention(plan, { at: at('2022-01-03T10:00:00+08:00'), timeZone: TZ });
    expect(late.sameAllDay(t9, t9With(100))).toBe(true);
  });
});
