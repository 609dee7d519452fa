import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import type { MemoryStore } from '../../src/store/memory-store.js';
import { makeBot, say } from '../support/make-bot.js';
import { assign, storeWith, update } from '../digest/fixtures.js';

/** Issue 12: "哪些单位还没报送" / "who hasn't reported this week", through the platform-neutral port. */

const at = (local: string) => new Date(`${local}+08:00`).toISOString();
/** Wednesday 29 September 2021: the cycle runs from Friday 24 September 12:00 to Thursday 30 September 12:00 (1 October is National Day). */
const WEDNESDAY = '2021-09-29T10:00:00+08:00';

let store: MemoryStore;
beforeEach(async () => {
  store = await storeWith([
    assign({ itemId: 'T9', owner: 'web:li', user: 'web:admin', at: at('2021-09-01T09:00:00') }),
    assign({ itemId: 'T24', owner: 'slack:U0ZHAO', user: 'web:admin', at: at('2021-09-01T09:00:00') }),
    assign({ itemId: 'T7', owner: 'console:zhang', user: 'web:admin', at: at('2021-09-01T09:00:00') }),
    assign({ itemId: 'T12', owner: 'web:li', user: 'web:admin', at: at('2021-09-01T09:00:00') }),
    // Reported in the cycle: T9 (on Sunday 26 September, an adjusted working day).
    update({ itemId: 'T9', status: 'on-track', user: 'web:li', at: at('2021-09-26T10:00:00') }),
    // Reported before the cycle began (Friday 24 September 11:59): does not count for this one.
    update({ itemId: 'T24', status: 'on-track', user: 'slack:U0ZHAO', at: at('2021-09-24T11:59:00') }),
    // An admin reported T7 for its owner in the cycle: it counts.
    update({ itemId: 'T7', status: 'on-track', user: 'web:admin', at: at('2021-09-27T09:00:00') }),
  ]);
});

const ask = (text: string, now = WEDNESDAY) => say(makeBot({ store, clock: fixedClock(now), admins: ['web:admin'] }), text, 'web:alice');

describe('who has not reported in this cycle', () => {
  it.each(["who hasn't reported this week", 'which units have not reported yet', 'who has not reported?', '/plan not-reported'])('%s (English)', async (q) => {
    const r = await ask(q);
    expect(r.intent).toBe('not-reported');
    expect(r.lang).toBe('en');
    expect(r.text.split('\n')).toEqual([
      'Not reported by 2021-09-30 12:00 (moved before a day off) (2 items)',
      'This reporting cycle: 2021-09-24 12:00 – 2021-09-30 12:00 (Asia/Shanghai). Items without units are reported by their owners.',
      'li: T12',
      'slack:U0ZHAO: T24',
    ]);
    expect(r.matches.map((m) => m.id)).toEqual(['T12', 'T24']);
  });

  it.each(['哪些单位还没报送', '谁还没有报送', '谁还没报送？', '本周未报送的单位', '/plan 未报送'])('%s (Chinese)', async (q) => {
    const r = await ask(q);
    expect(r.intent).toBe('not-reported');
    expect(r.text.split('\n')).toEqual([
      '未报送（截至2021-09-30 12:00（遇节假日提前），2项）',
      '本报送周期：2021-09-24 12:00 – 2021-09-30 12:00（Asia/Shanghai）。未明确责任单位的事项由负责人报送。',
      'li：T12',
      'slack:U0ZHAO：T24',
    ]);
  });

  it('never writes, and says so when everyone has reported', async () => {
    const before = store.events().length;
    await store.append(update({ itemId: 'T12', status: 'on-track', user: 'web:li', at: at('2021-09-28T09:00:00') }));
    await store.append(update({ itemId: 'T24', status: 'on-track', user: 'slack:U0ZHAO', at: at('2021-09-28T09:00:00') }));
    const r = await ask('谁还没有报送');
    expect(r.text).toContain('本周期应报送的均已报送。');
    expect(store.events().length).toBe(before + 2);
  });

  it('after the moved due time, asks about the next cycle (30 September 12:00 to 8 October 12:00)', async () => {
    const r = await ask("who hasn't reported this week", '2021-09-30T13:00:00+08:00');
    expect(r.text).toContain('Not reported by 2021-10-08 12:00 (4 items)');
  });

  it('a report verb first is still a report, not this question', async () => {
    expect((await ask('报送 T9 正常推进')).intent).toBe('update-status');
  });
});
