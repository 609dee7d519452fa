import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { renderPlainText, type Reply } from '../../src/core/reply.js';
import type { UserId } from '../../src/core/user-ids.js';
import { workingCalendar } from '../../src/core/working-calendar.js';
import { sendDueReminders, startReminderScheduler, type PostDirect } from '../../src/digest/reminders.js';
import { silentLogger } from '../../src/core/logger.js';
import type { ReportingSchedule } from '../../src/digest/reporting-cycle.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import { openFileStore, type FileStore } from '../../src/store/file-store.js';
import { assign, update } from '../digest/fixtures.js';

/**
 * Reminders (催办) around National Day 2021: reports due Thursday 30 September 12:00 (Friday 1 October
 * is a holiday), so the eve reminder is Wednesday 29 September 09:00 and the due-day one Thursday 09:00.
 * The store is the real state file, closed and reopened between ticks as a restart would.
 */

const at = (local: string) => `${local}+08:00`;
const schedule = (o: Partial<ReportingSchedule> = {}): ReportingSchedule => ({ cron: '0 12 * * 5', timeZone: 'Asia/Shanghai', calendar: workingCalendar(), ...o });

let plan: Plan;
let dir: string;
let file: string;
let store: FileStore;
let outbox: { user: UserId; text: string }[];
const post: PostDirect = async (user, reply: Reply) => {
  outbox.push({ user, text: renderPlainText(reply) });
};

beforeAll(async () => {
  plan = await loadPlan();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plan-bot-remind-'));
  file = join(dir, 'state.json');
  store = await openFileStore(file);
  outbox = [];
  for (const e of [
    assign({ itemId: 'T12', owner: 'web:li', user: 'web:admin', at: at('2021-09-01T09:00:00') }),
    assign({ itemId: 'T24', owner: 'slack:U0ZHAO', user: 'web:admin', at: at('2021-09-01T09:00:00') }),
    assign({ itemId: 'T9', owner: 'console:zhang', user: 'web:admin', at: at('2021-09-01T09:00:00') }),
    // T9 was reported in the cycle (on Sunday 26 September, an adjusted working day).
    update({ itemId: 'T9', status: 'on-track', user: 'console:zhang', at: at('2021-09-26T10:00:00') }),
  ])
    await store.append(e);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const tick = (now: string, o: { post?: PostDirect; schedule?: ReportingSchedule } = {}) =>
  sendDueReminders({ plan, store, clock: fixedClock(at(now)), schedule: o.schedule ?? schedule(), post: o.post ?? post });
const restart = async () => {
  await store.close();
  store = await openFileStore(file);
};
const recorded = () => store.events().filter((e) => e.type === 'reminder-sent');

describe('reminders once per cycle and kind, across restarts', () => {
  it('sends nothing before the eve (Tuesday 28 September)', async () => {
    const r = await tick('2021-09-28T10:00:00');
    expect([r.cycle?.key, r.kind, r.sent.length]).toEqual(['2021-09-30', null, 0]);
  });

  it('eve on Wednesday 29 September, due day on Thursday 30 September: each person once, a restart in between', async () => {
    const eve = await tick('2021-09-29T09:00:00');
    expect(eve.kind).toBe('eve');
    expect(outbox.map((m) => m.user)).toEqual(['web:li', 'slack:U0ZHAO']);
    expect(outbox[0]!.text).toContain('催办提醒：报送截止时间为2021-09-30 12:00（遇节假日提前）（下一个工作日）。');
    expect(outbox[0]!.text).toContain('Reminder: reports are due by 2021-09-30 12:00 (moved before a day off) (the next working day).');
    expect(outbox[0]!.text).toContain('• T12 ');
    expect(recorded().map((e) => [e.cycle, e.target, e.kind, e.channel])).toEqual([
      ['2021-09-30', 'web:li', 'eve', 'web:li'],
      ['2021-09-30', 'slack:U0ZHAO', 'eve', 'slack:U0ZHAO'],
    ]);

    // The same afternoon, after a restart: nobody twice.
    await restart();
    const again = await tick('2021-09-29T15:00:00');
    expect([again.kind, again.sent.length, again.alreadySent]).toEqual(['eve', 0, ['web:li', 'slack:U0ZHAO']]);
    expect(outbox).toHaveLength(2);

    // li reports T12 that evening; on the due day only zhao is reminded, once, restart or not.
    await store.append(update({ itemId: 'T12', status: 'on-track', user: 'web:li', at: at('2021-09-29T17:00:00') }));
    const due = await tick('2021-09-30T09:00:00');
    expect([due.kind, due.sent.map((s) => s.user)]).toEqual(['due', ['slack:U0ZHAO']]);
    expect(outbox[2]!.text).toContain('Reminder: reports are due today, by 2021-09-30 12:00');
    await restart();
    expect((await tick('2021-09-30T11:00:00')).sent).toEqual([]);
    expect(recorded()).toHaveLength(3);
  });

  it('a reminder whose post failed is not recorded and goes out at the next tick', async () => {
    const failing: PostDirect = async (user, reply) => {
      if (user === 'slack:U0ZHAO') throw new Error('slack is down');
      await post(user, reply);
    };
    const first = await tick('2021-09-29T09:00:00', { post: failing });
    expect([first.sent.map((s) => s.user), first.failed.map((f) => f.user)]).toEqual([['web:li'], ['slack:U0ZHAO']]);
    await restart();
    const second = await tick('2021-09-29T10:00:00');
    expect(second.sent.map((s) => s.user)).toEqual(['slack:U0ZHAO']);
    expect(outbox.map((m) => m.user)).toEqual(['web:li', 'slack:U0ZHAO']);
  });

  it('a missed eve is not sent late on a holiday; the next cycle (due 8 October) gets its eve on 30 September after noon', async () => {
    expect((await tick('2021-10-01T09:00:00')).kind).toBe(null);
    const r = await tick('2021-09-30T13:00:00');
    expect([r.cycle?.key, r.kind]).toEqual(['2021-10-08', 'eve']);
    // Everyone owes the new cycle, T9's owner too.
    expect(r.sent.map((s) => s.user)).toEqual(['console:zhang', 'web:li', 'slack:U0ZHAO']);
  });

  it('Dragon Boat 2021: a Monday 14 June due time moves to Friday 11 June, so the eve is Thursday 10 June', async () => {
    const monday = schedule({ cron: '0 12 * * 1' });
    expect((await tick('2021-06-09T09:00:00', { schedule: monday })).kind).toBe(null);
    const r = await tick('2021-06-10T09:00:00', { schedule: monday });
    expect([r.cycle?.key, r.kind]).toEqual(['2021-06-11', 'eve']);
  });
});

describe('the resident reminder tick of serve', () => {
  it('catches up at start, then ticks on demand without sending twice', async () => {
    const scheduler = startReminderScheduler({ plan, store, clock: fixedClock(at('2021-09-29T09:30:00')), schedule: schedule(), post, logger: silentLogger });
    try {
      expect((await scheduler.ready)?.sent.map((s) => s.user)).toEqual(['web:li', 'slack:U0ZHAO']);
      expect((await scheduler.tick()).sent).toEqual([]);
      expect(scheduler.nextRun()).not.toBeNull();
    } finally {
      scheduler.stop();
    }
  });
});
