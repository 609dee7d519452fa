import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { renderPlainText, type Reply } from '../../src/core/reply.js';
import type { UserId } from '../../src/core/user-ids.js';
import { workingCalendar } from '../../src/core/working-calendar.js';
import { sendDueReminders } from '../../src/digest/reminders.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { makeBot, say } from '../support/make-bot.js';

/**
 * Issue 12: an item with units owes one report per responsible unit each cycle. The not-reported list
 * names the units that have not reported (by name, not id), and their members get the reminder.
 * Cycle: Friday 24 September 2021 12:00 – Thursday 30 September 12:00 (1 October is National Day).
 */
const MONDAY = '2021-09-27T10:00:00+08:00';
const DUE_DAY = '2021-09-30T09:30:00+08:00';

async function setUp() {
  const store = new MemoryStore();
  const admin = makeBot({ store, clock: fixedClock(MONDAY), admins: ['web:admin'] });
  for (const cmd of ['/plan units T9 +周口 +南阳', '/plan member @zl 周口', '/plan member @nan 南阳']) {
    const r = await say(admin, cmd, 'web:admin');
    expect(r.error, `${cmd}: ${r.text}`).toBeUndefined();
  }
  const zl = makeBot({ store, clock: fixedClock('2021-09-27T11:00:00+08:00'), admins: ['web:admin'] });
  const report = await say(zl, '/plan update T9 120/800', 'web:zl');
  expect(report.error, report.text).toBeUndefined();
  return store;
}

describe('units in the reporting cycle', () => {
  it('lists the responsible unit that has not reported, by name, in both languages', async () => {
    const store = await setUp();
    const bot = makeBot({ store, clock: fixedClock('2021-09-29T10:00:00+08:00'), admins: ['web:admin'] });
    const zh = await say(bot, '哪些单位还没报送', 'web:alice');
    expect(zh.text).toContain('南阳');
    expect(zh.text).not.toMatch(/周口[^\n]*T9/);
    expect(zh.text).not.toContain('nanyang');
    const en = await say(bot, "who hasn't reported this week", 'web:alice');
    expect(en.text).toMatch(/Nanyang[^\n]*T9/);
    expect(en.text).not.toMatch(/Zhoukou[^\n]*T9/);
  });

  it('reminds the members of the unit that owes the report, and nobody in the unit that reported', async () => {
    const store = await setUp();
    const plan = makeBot().deps.plan;
    const sent: { user: UserId; text: string }[] = [];
    const result = await sendDueReminders({
      plan,
      store,
      clock: fixedClock(DUE_DAY),
      schedule: { cron: '0 12 * * 5', timeZone: 'Asia/Shanghai', calendar: workingCalendar() },
      post: async (user: UserId, reply: Reply) => {
        sent.push({ user, text: renderPlainText(reply) });
      },
    });
    expect(result.kind).toBe('due');
    const users = sent.map((s) => s.user);
    expect(users).toContain('web:nan');
    expect(users).not.toContain('web:zl');
    expect(sent.find((s) => s.user === 'web:nan')!.text).toContain('T9');
  });
});
