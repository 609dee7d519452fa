import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import type { Reply } from '../../src/core/reply.js';
import type { UserId } from '../../src/core/user-ids.js';
import { workingCalendar } from '../../src/core/working-calendar.js';
import { sendDueReminders, type PostDirect } from '../../src/digest/reminders.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import { memoryClaims, type Claims } from '../../src/store/claims.js';
import type { EventStore } from '../../src/store/event-store.js';
import { assign, storeWith } from '../digest/fixtures.js';

/** Reports due Thursday 30 September 2021 12:00 (National Day moved them); the due-day reminder is at 09:00. */
const DUE_DAY = fixedClock('2021-09-30T09:30:00+08:00');
const schedule = { cron: '0 12 * * 5', timeZone: 'Asia/Shanghai', calendar: workingCalendar() };

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

const owners = () => storeWith([assign({ itemId: 'T12', owner: 'web:li', user: 'web:admin', at: '2021-09-01T09:00:00+08:00' }), assign({ itemId: 'T24', owner: 'slack:U0ZHAO', user: 'web:admin', at: '2021-09-01T09:00:00+08:00' })]);
const tick = (store: EventStore, claims: Claims, holder: string, post: PostDirect) => sendDueReminders({ plan, store, clock: DUE_DAY, schedule, post, once: { claims, holder, ttlMs: 60_000 } });

describe('reminders claimed across replicas', () => {
  it('two replicas ticking at the same moment send each person’s reminder once between them', async () => {
    const store = await owners();
    const claims = memoryClaims();
    const sent: UserId[] = [];
    const post: PostDirect = async (user, _reply: Reply) => void sent.push(user);
    const [a, b] = await Promise.all([tick(store, claims, 'replica-a', post), tick(store, claims, 'replica-b', post)]);
    expect([...sent].sort()).toEqual(['slack:U0ZHAO', 'web:li']);
    expect([...a.sent, ...b.sent].map((s) => s.user).sort()).toEqual(['slack:U0ZHAO', 'web:li']);
    expect(store.events().filter((e) => e.type === 'reminder-sent')).toHaveLength(2);
  });

  it('a failed reminder releases its claim: another replica sends it at its next tick, and not the one already sent', async () => {
    const store = await owners();
    const claims = memoryClaims();
    const r = await tick(store, claims, 'replica-a', async (user) => (user === 'web:li' ? Promise.reject(new Error('offline')) : undefined));
    expect(r.sent.map((s) => s.user)).toEqual(['slack:U0ZHAO']);
    expect(r.failed.map((f) => f.user)).toEqual(['web:li']);
    const sent: UserId[] = [];
    const again = await tick(store, claims, 'replica-b', async (user) => void sent.push(user));
    expect(sent).toEqual(['web:li']);
    expect(again.alreadySent).toEqual(['slack:U0ZHAO']);
  });
});
