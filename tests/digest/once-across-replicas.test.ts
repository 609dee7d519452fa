import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import type { Reply } from '../../src/core/reply.js';
import { postDueDigests, startDigestScheduler, type DigestTickDeps } from '../../src/digest/scheduler.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import { memoryClaims, type OnceOnly } from '../../src/store/claims.js';
import type { EventStore } from '../../src/store/event-store.js';
import { storeWith, subscribe } from './fixtures.js';

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

const MONDAY = fixedClock('2021-06-14T09:00:00+08:00');

/** A platform shared by the replicas: every delivered post, in order. */
function platform() {
  const sent: string[] = [];
  return { sent, post: async (channel: string, _reply: Reply) => void sent.push(channel) };
}

function deps(store: EventStore, post: DigestTickDeps['post'], once: OnceOnly): DigestTickDeps {
  return { plan, store, clock: MONDAY, timeZone: 'Asia/Shanghai', post, once };
}

describe('digests claimed across replicas', () => {
  it('two replicas ticking at the same moment post each channel’s digest once between them', async () => {
    const store = await storeWith([subscribe({ channel: 'slack:C1' }), subscribe({ channel: 'slack:C2' }), subscribe({ channel: 'web:general' })]);
    const claims = memoryClaims();
    const p = platform();
    const [a, b] = await Promise.all([
      postDueDigests(deps(store, p.post, { claims, holder: 'replica-a', ttlMs: 60_000 })),
      postDueDigests(deps(store, p.post, { claims, holder: 'replica-b', ttlMs: 60_000 })),
    ]);
    expect([...p.sent].sort()).toEqual(['slack:C1', 'slack:C2', 'web:general']);
    expect([...a.posted, ...b.posted].map((x) => x.channel).sort()).toEqual(['slack:C1', 'slack:C2', 'web:general']);
  });

  it('a digest claimed by a replica that died before posting is posted by another once the claim expires', async () => {
    const store = await storeWith([subscribe({ channel: 'slack:C1' }), subscribe({ channel: 'slack:C2' })]);
    const claims = memoryClaims();
    await claims.claim(`digest:${plan.id}:slack:C1:2021-06-07`, 'replica-that-died', 200);
    const p = platform();
    const scheduler = startDigestScheduler({ ...deps(store, p.post, { claims, holder: 'replica-b', ttlMs: 200 }), logger: silentLogger });
    const first = await scheduler.ready;
    expect(first?.claimedElsewhere).toEqual(['slack:C1']);
    expect(p.sent).toEqual(['slack:C2']);
    // The scheduler looks again once the claim can have expired (ttl + 1 s).
    await new Promise((r) => setTimeout(r, 1500));
    scheduler.stop();
    expect(p.sent).toEqual(['slack:C2', 'slack:C1']);
    expect(store.events().filter((e) => e.type === 'digest-posted').map((e) => (e.type === 'digest-posted' ? e.channel : ''))).toEqual(['slack:C2', 'slack:C1']);
  });

  it('a failed post releases its claim: the next tick posts it', async () => {
    const store = await storeWith([subscribe({ channel: 'slack:C1' })]);
    const claims = memoryClaims();
    const once = { claims, holder: 'replica-a', ttlMs: 60_000 };
    const failing = await postDueDigests(deps(store, async () => Promise.reject(new Error('down')), once));
    expect(failing.failed.map((f) => f.channel)).toEqual(['slack:C1']);
    const p = platform();
    await postDueDigests(deps(store, p.post, { ...once, holder: 'replica-b' }));
    expect(p.sent).toEqual(['slack:C1']);
  });
});
