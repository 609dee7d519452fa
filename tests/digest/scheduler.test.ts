import { beforeAll, describe, expect, it, vi } from 'vitest';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { fixedClock, type Clock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { renderPlainText, type Reply } from '../../src/core/reply.js';
import { digestCommand, postByPlatform, postDueCommand } from '../../src/digest/digest-command.js';
import { postDueDigests, startDigestScheduler, type DigestTickDeps } from '../../src/digest/scheduler.js';
import { UserError } from '../../src/errors.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import type { EventStore } from '../../src/store/event-store.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { storeWith, subscribe, unsubscribe, update } from './fixtures.js';

dayjs.extend(utc);
dayjs.extend(timezone);

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

/** A fake platform: records what was posted, and fails for the channels told to. */
function fakePoster() {
  const sent: { channel: string; reply: Reply }[] = [];
  const failing = new Set<string>();
  const post = vi.fn(async (channel: string, reply: Reply) => {
    if (failing.has(channel)) throw new Error(`${channel} is unreachable`);
    sent.push({ channel, reply });
  });
  return { sent, failing, post };
}

function deps(store: EventStore, clock: Clock, post: DigestTickDeps['post'], o: Partial<DigestTickDeps> = {}): DigestTickDeps {
  return { plan, store, clock, timeZone: 'Asia/Shanghai', post, ...o };
}

const at = (iso: string) => fixedClock(iso);
const postedWeeks = (store: EventStore) => store.events().flatMap((e) => (e.type === 'digest-posted' ? [`${e.channel} ${e.week}`] : []));

describe('postDueDigests: one scheduler tick', () => {
  it('posts each subscribed channel the digest of the week that ended, and records it', async () => {
    const store = await storeWith([subscribe({ channel: 'web:general' }), subscribe({ channel: 'slack:C1', lang: 'zh' }), subscribe({ channel: 'web:gone' }), unsubscribe({ channel: 'web:gone' })]);
    const p = fakePoster();
    const r = await postDueDigests(deps(store, at('2021-06-14T09:00:00+08:00'), p.post));
    expect(r.due).toBe('2021-06-14T01:00:00.000Z');
    expect(r.week).toEqual({ key: '2021-06-07', start: '2021-06-07T00:00:00+08:00', end: '2021-06-13T23:59:59+08:00' });
    expect(p.sent.map((s) => s.channel)).toEqual(['web:general', 'slack:C1']);
    expect(renderPlainText(p.sent[1]!.reply)).toContain('工作周报：2021-06-07 至 2021-06-13');
    expect(postedWeeks(store)).toEqual(['web:general 2021-06-07', 'slack:C1 2021-06-07']);
    expect(store.events().at(-1)).toMatchObject({ type: 'digest-posted', user: 'plan-bot', platform: 'slack', planId: plan.id });
  });

  it('posts nothing on a second tick, nor after a restart over the same store', async () => {
    const store = await storeWith([subscribe()]);
    const p = fakePoster();
    await postDueDigests(deps(store, at('2021-06-14T09:00:00+08:00'), p.post));
    const again = await postDueDigests(deps(store, at('2021-06-14T09:05:00+08:00'), p.post));
    expect(again.posted).toEqual([]);
    expect(again.alreadyPosted).toEqual(['web:general']);
    const restarted = new MemoryStore(store.events());
    const later = await postDueDigests(deps(restarted, at('2021-06-16T12:00:00+08:00'), p.post));
    expect(later.posted).toEqual([]);
    expect(p.post).toHaveBeenCalledTimes(1);
  });

  it('Sunday 23:59 and Monday 08:59 are not yet due for the new week; Monday 09:00 is', async () => {
    const store = await storeWith([subscribe()]);
    const p = fakePoster();
    await postDueDigests(deps(store, at('2021-06-07T09:00:00+08:00'), p.post)); // the week of 31 May
    for (const now of ['2021-06-13T23:59:00+08:00', '2021-06-14T00:00:00+08:00', '2021-06-14T08:59:59+08:00']) {
      expect((await postDueDigests(deps(store, at(now), p.post))).posted, now).toEqual([]);
    }
    const due = await postDueDigests(deps(store, at('2021-06-14T09:00:00+08:00'), p.post));
    expect(due.posted.map((x) => x.channel)).toEqual(['web:general']);
    expect(postedWeeks(store)).toEqual(['web:general 2021-05-31', 'web:general 2021-06-07']);
  });

  it('catches up once after downtime, not once per missed week', async () => {
    const store = await storeWith([subscribe({ at: '2021-05-01T00:00:00Z' })]);
    const p = fakePoster();
    await postDueDigests(deps(store, at('2021-05-17T09:00:00+08:00'), p.post));
    // Down from 17 May to Wednesday 9 June: three scheduled times missed.
    const r = await postDueDigests(deps(store, at('2021-06-09T15:00:00+08:00'), p.post));
    expect(r.posted).toHaveLength(1);
    expect(r.week?.key).toBe('2021-05-31');
    await postDueDigests(deps(store, at('2021-06-09T15:01:00+08:00'), p.post));
    expect(postedWeeks(store)).toEqual(['web:general 2021-05-10', 'web:general 2021-05-31']);
  });

  it('does not record a failed post, goes on with the other channels, and retries at the next tick', async () => {
    const store = await storeWith([subscribe({ channel: 'slack:C1' }), subscribe({ channel: 'web:general' })]);
    const p = fakePoster();
    p.failing.add('slack:C1');
    const first = await postDueDigests(deps(store, at('2021-06-14T09:00:00+08:00'), p.post));
    expect(first.failed.map((f) => f.channel)).toEqual(['slack:C1']);
    expect(first.posted.map((f) => f.channel)).toEqual(['web:general']);
    expect(postedWeeks(store)).toEqual(['web:general 2021-06-07']);
    p.failing.clear();
    const second = await postDueDigests(deps(store, at('2021-06-14T10:00:00+08:00'), p.post));
    expect(second.posted.map((f) => f.channel)).toEqual(['slack:C1']);
    expect(postedWeeks(store)).toEqual(['web:general 2021-06-07', 'slack:C1 2021-06-07']);
  });

  it('uses each channel’s filters and the platform’s limits', async () => {
    const store = await storeWith([subscribe({ channel: 'web:g3', filters: { group: 'G3', owner: null, status: null } }), update({ itemId: 'T9' }), update({ itemId: 'T20' })]);
    const p = fakePoster();
    const limitsFor = vi.fn(() => ({ maxBlocks: 12, maxSectionChars: 1000 }));
    await postDueDigests(deps(store, at('2021-06-14T09:00:00+08:00'), p.post, { limitsFor }));
    const out = renderPlainText(p.sent[0]!.reply);
    expect(out).toContain('• T9 Soil pollution prevention action');
    expect(out).not.toContain('T20');
    expect(limitsFor).toHaveBeenCalledWith('web');
    expect(p.sent[0]!.reply.blocks.length).toBeLessThanOrEqual(12);
  });

  it('rejects a bad schedule with a message saying how to fix it', async () => {
    const store = await storeWith([subscribe()]);
    await expect(postDueDigests(deps(store, at('2021-06-14T09:00:00+08:00'), fakePoster().post, { cron: 'every monday' }))).rejects.toThrow(UserError);
  });
});

describe('schedules in a zone with daylight saving time (America/New_York)', () => {
  const ny = (o: Partial<DigestTickDeps> = {}) => ({ timeZone: 'America/New_York', ...o });

  it.each([
    // [now (UTC), week of the due digest]: 09:00 local is 14:00Z in winter and 13:00Z in summer.
    ['2021-03-15T12:59:00Z', '2021-03-01'], // 08:59 EDT, Monday after the spring switch: not yet
    ['2021-03-15T13:00:00Z', '2021-03-08'], // 09:00 EDT
    ['2021-11-08T13:30:00Z', '2021-10-25'], // 08:30 EST, Monday after the autumn switch: not yet
    ['2021-11-08T14:00:00Z', '2021-11-01'], // 09:00 EST
  ])('at %s the due digest covers the week of %s', async (now, week) => {
    const store = await storeWith([subscribe({ at: '2021-01-01T00:00:00Z' })]);
    const r = await postDueDigests(deps(store, at(now), fakePoster().post, ny()));
    expect(r.week?.key).toBe(week);
    expect(r.posted).toHaveLength(1);
  });

  it('posts once per week through both switches, at 09:00 local each Monday', async () => {
    const store = await storeWith([subscribe({ at: '2021-01-01T00:00:00Z' })]);
    const p = fakePoster();
    const dues: string[] = [];
    // Tick every hour from 1 March to 22 March and from 25 October to 15 November.
    for (const [from, to] of [['2021-03-01T00:00:00Z', '2021-03-22T23:00:00Z'], ['2021-10-25T00:00:00Z', '2021-11-15T23:00:00Z']] as const) {
      for (let t = Date.parse(from); t <= Date.parse(to); t += 3_600_000) {
        const r = await postDueDigests(deps(store, at(new Date(t).toISOString()), p.post, ny()));
        if (r.posted.length) dues.push(dayjs(t).toISOString());
      }
    }
    expect(dues).toEqual([
      '2021-03-01T00:00:00.000Z', // the first tick catches up on the digest due 22 February
      '2021-03-01T14:00:00.000Z',
      '2021-03-08T14:00:00.000Z',
      '2021-03-15T13:00:00.000Z',
      '2021-03-22T13:00:00.000Z',
      '2021-10-25T00:00:00.000Z', // catching up on 18 October after the gap in ticks
      '2021-10-25T13:00:00.000Z',
      '2021-11-01T13:00:00.000Z',
      '2021-11-08T14:00:00.000Z',
      '2021-11-15T14:00:00.000Z',
    ]);
    expect(postedWeeks(store)).toEqual([
      'web:general 2021-02-15',
      'web:general 2021-02-22',
      'web:general 2021-03-01',
      'web:general 2021-03-08',
      'web:general 2021-03-15',
      'web:general 2021-10-11',
      'web:general 2021-10-18',
      'web:general 2021-10-25',
      'web:general 2021-11-01',
      'web:general 2021-11-08',
    ]);
  });
});

describe('startDigestScheduler', () => {
  it('retries a failed post minutes later, not at next week\'s tick, and posts it once', async () => {
    const store = await storeWith([subscribe()]);
    const p = fakePoster();
    const channel = (store.events().find((e) => e.type === 'subscribe') as { channel: string }).channel;
    p.failing.add(channel);
    const clock = at('2021-06-16T10:00:00+08:00');
    const scheduler = startDigestScheduler({ ...deps(store, clock, p.post), logger: silentLogger, failedRetryMs: 20 });
    try {
      expect((await scheduler.ready)?.failed.map((f) => f.channel)).toEqual([channel]);
      p.failing.delete(channel);
      await vi.waitFor(() => expect(p.sent.map((s) => s.channel)).toEqual([channel]), { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(p.sent).toHaveLength(1);
      expect(store.events().filter((e) => e.type === 'digest-posted')).toHaveLength(1);
    } finally {
      scheduler.stop();
    }
  });

  it('catches up once at start, never overlaps ticks, and a second scheduler over the same store posts nothing', async () => {
    const store = await storeWith([subscribe()]);
    const p = fakePoster();
    const clock = at('2021-06-16T10:00:00+08:00');
    const first = startDigestScheduler({ ...deps(store, clock, p.post), logger: silentLogger });
    try {
      expect((await first.ready)?.posted).toHaveLength(1);
      const [a, b] = await Promise.all([first.tick(), first.tick()]);
      expect([...a.posted, ...b.posted]).toEqual([]);
      const next = dayjs(first.nextRun()!).tz('Asia/Shanghai');
      expect([next.day(), next.hour(), next.minute()]).toEqual([1, 9, 0]);
    } finally {
      first.stop();
    }
    const second = startDigestScheduler({ ...deps(new MemoryStore(store.events()), clock, p.post), logger: silentLogger });
    try {
      expect((await second.ready)?.posted).toEqual([]);
    } finally {
      second.stop();
    }
    expect(p.post).toHaveBeenCalledTimes(1);
  });

  it('reports a failed post to the logger and keeps running', async () => {
    const store = await storeWith([subscribe({ channel: 'slack:C1' })]);
    const p = fakePoster();
    p.failing.add('slack:C1');
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const s = startDigestScheduler({ ...deps(store, at('2021-06-14T09:30:00+08:00'), p.post), logger });
    try {
      expect((await s.ready)?.failed).toHaveLength(1);
      expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ channel: 'slack:C1', week: '2021-06-07' }), expect.stringContaining('retry'));
      p.failing.clear();
      expect((await s.tick()).posted).toHaveLength(1);
    } finally {
      s.stop();
    }
  });
});

describe('the functions the CLI calls', () => {
  it('digest --json: the digest as it would be posted at --now', async () => {
    const store = await storeWith([subscribe({ channel: 'slack:C1', lang: 'zh', filters: { group: 'G3', owner: null, status: null } }), update({ itemId: 'T9' })]);
    const json = JSON.parse(digestCommand({ plan, events: store.events(), now: new Date('2021-06-14T09:00:00+08:00'), timeZone: 'Asia/Shanghai', channel: 'slack:C1', json: true }));
    expect(json.week).toEqual({ start: '2021-06-07T00:00:00+08:00', end: '2021-06-13T23:59:59+08:00' });
    expect(json).toMatchObject({ channel: 'slack:C1', subscribed: true, lang: 'zh', filters: { group: 'G3' } });
    expect(json.text).toContain('工作周报');
    const plain = digestCommand({ plan, events: store.events(), now: new Date('2021-06-13T23:59:00+08:00'), timeZone: 'Asia/Shanghai', json: false });
    expect(plain).toContain('工作周报：2021-05-31 至 2021-06-06');
    expect(plain).toContain('Weekly digest: 2021-05-31 to 2021-06-06');
  });

  it('digest --post-due: run twice, it posts nothing the second time; unknown platforms fail unrecorded', async () => {
    const store = await storeWith([subscribe({ channel: 'web:general' }), subscribe({ channel: 'teams:x' })]);
    const p = fakePoster();
    const post = postByPlatform({ web: p.post });
    const run = () => postDueCommand({ ...deps(store, at('2021-06-14T09:00:00+08:00'), post), json: true });
    const first = await run();
    expect(first.ok).toBe(false);
    expect(first.errors[0]).toMatch(/teams:x: no way to post to teams channels/);
    expect(JSON.parse(first.output)).toMatchObject({ week: { key: '2021-06-07' }, posted: [{ channel: 'web:general' }], failed: [{ channel: 'teams:x' }] });
    const second = JSON.parse((await run()).output);
    expect(second.posted).toEqual([]);
    expect(second.alreadyPosted).toEqual(['web:general']);
    expect(p.post).toHaveBeenCalledTimes(1);
  });
});
