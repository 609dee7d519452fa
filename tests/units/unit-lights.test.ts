import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { makeBot, say } from '../support/make-bot.js';

/**
 * Issue 12: one traffic light per item and per unit, from the one rule of attention. Zhoukou and
 * Nanyang carry T9; the milestone asks for half the villages by 30 June. On 5 July Zhoukou has 120 of
 * its own 150 (80%: met, on pace), Nanyang 30 of 150 (20%: the milestone is missed).
 */
async function setUp() {
  const store = new MemoryStore();
  const at = (iso: string) => makeBot({ store, clock: fixedClock(iso), admins: ['web:admin'] });
  const admin = at('2021-06-01T09:00:00+08:00');
  for (const cmd of ['/plan units T9 +周口 +南阳', '/plan member @zl 周口', '/plan member @nan 南阳', '/plan milestone T9.1 2021-06-30 400']) {
    const r = await say(admin, cmd, 'web:admin');
    expect(r.error, `${cmd}: ${r.text}`).toBeUndefined();
  }
  for (const [user, text] of [['web:zl', '/plan update T9 T9.1=120/150'], ['web:nan', '/plan update T9 T9.1=30/150']] as const) {
    const r = await say(at('2021-06-28T10:00:00+08:00'), text, user);
    expect(r.error, `${text}: ${r.text}`).toBeUndefined();
  }
  return at('2021-07-05T10:00:00+08:00');
}

describe('lights by unit', () => {
  it('"T9 by city" marks each unit with its own light', async () => {
    const bot = await setUp();
    const zh = await say(bot, '各地市T9进度', 'web:alice');
    expect(zh.text).toMatch(/🟢 周口/);
    expect(zh.text).toMatch(/🔴 南阳/);
    const en = await say(bot, 'T9 by city', 'web:alice');
    expect(en.text).toMatch(/🟢 Zhoukou/);
    expect(en.text).toMatch(/🔴 Nanyang/);
  });

  it('the item card lists the lights by unit', async () => {
    const bot = await setUp();
    const card = await say(bot, '/plan show T9', 'web:alice');
    expect(card.text).toMatch(/Lights by unit: Zhoukou 🟢 green · Nanyang 🔴 red/);
    const zh = await say(bot, '第九项任务', 'web:alice');
    expect(zh.text).toMatch(/各单位灯号：周口市? 🟢 绿灯 · 南阳市? 🔴 红灯/);
  });
});
