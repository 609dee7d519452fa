import { describe, expect, it } from 'vitest';
import type { PlanEvent } from '../../src/store/events.js';
import { currentStates, deriveStates } from '../../src/store/item-state.js';

let seq = 0;
/** An event of the log; each test states only what matters to it. */
function event(o: Partial<PlanEvent> & Pick<PlanEvent, 'type'>): PlanEvent {
  seq++;
  return { seq, id: `e${seq}`, at: '2021-06-01T00:00:00.000Z', user: 'alice', platform: 'test', planId: 'p', ...o } as PlanEvent;
}
const update = (o: Record<string, unknown>) => event({ type: 'update', itemId: 'T9', status: null, progress: [], note: null, ...o } as Partial<PlanEvent> & { type: 'update' });

describe('deriveStates', () => {
  it('keeps the latest value of each indicator, in the order last reported', () => {
    const s = deriveStates(
      [
        update({ progress: [{ indicatorId: 'T9.1', value: 100, target: 800, unit: '个' }, { indicatorId: 'T9.2', value: 2, target: null, unit: '%' }] }),
        update({ progress: [{ indicatorId: 'T9.1', value: 420, target: 800, unit: '个' }] }),
      ],
      'p',
    ).get('T9')!;
    expect(s.progress.map((p) => [p.indicatorId, p.value])).toEqual([['T9.2', 2], ['T9.1', 420]]);
  });

  it('an undone update no longer counts; the one before it shows again', () => {
    const first = update({ status: 'on-track', note: 'fine' });
    const second = update({ status: 'off-track', note: 'late' });
    const s = deriveStates([first, second, event({ type: 'undo', itemId: 'T9', reverts: second.id } as never)], 'p').get('T9')!;
    expect([s.status, s.note, s.updatedAt]).toEqual(['on-track', 'fine', first.at]);
  });

  it('compares times as instants whatever their offset, so a replay up to a moment is exact', () => {
    const events = [update({ status: 'on-track', at: '2021-06-07T08:59:59+08:00' }), update({ status: 'at-risk', at: '2021-06-07T09:00:01+08:00' })];
    expect(deriveStates(events, 'p', '2021-06-07T01:00:00.000Z').get('T9')!.status).toBe('on-track');
    expect(deriveStates(events, 'p', '2021-06-07T09:00:01+08:00').get('T9')!.status).toBe('at-risk');
    expect(deriveStates(events, 'p', '2021-06-06T00:00:00.000Z').get('T9')).toBeUndefined();
  });

  it('owners follow assign and unassign; other plans are ignored', () => {
    const s = deriveStates(
      [
        event({ type: 'assign', itemId: 'T9', owner: 'bob' } as never),
        event({ type: 'assign', itemId: 'T9', owner: 'carol' } as never),
        event({ type: 'unassign', itemId: 'T9', owner: 'bob' } as never),
        event({ type: 'assign', itemId: 'T9', owner: 'dave', planId: 'other' } as never),
      ],
      'p',
    ).get('T9')!;
    expect(s.owners).toEqual(['carol']);
  });

  it('keeps the time of the latest assignment, which staleness counts from; updates do not move it', () => {
    const s = deriveStates(
      [
        event({ type: 'assign', itemId: 'T9', owner: 'web:bob', at: '2021-03-01T00:00:00.000Z' } as never),
        update({ status: 'on-track', at: '2021-04-01T00:00:00.000Z' }),
        event({ type: 'assign', itemId: 'T9', owner: 'web:carol', at: '2021-06-01T08:00:00+08:00' } as never),
        event({ type: 'unassign', itemId: 'T9', owner: 'web:bob', at: '2021-06-02T00:00:00.000Z' } as never),
        update({ status: 'at-risk', at: '2021-06-03T00:00:00.000Z' }),
      ],
      'p',
    ).get('T9')!;
    expect([s.assignedAt, s.updatedAt, s.owners]).toEqual(['2021-06-01T08:00:00+08:00', '2021-06-03T00:00:00.000Z', ['web:carol']]);
    expect(deriveStates([update({ status: 'on-track' })], 'p').get('T9')!.assignedAt).toBeNull();
  });
});

describe('currentStates', () => {
  it('is derived once per version of the log, and again as soon as the log grows', () => {
    const log: PlanEvent[] = [update({ status: 'on-track' })];
    const first = currentStates(log, 'p');
    expect(currentStates(log, 'p')).toBe(first);
    expect(first).toEqual(deriveStates(log, 'p'));
    log.push(update({ status: 'at-risk' }));
    expect(currentStates(log, 'p').get('T9')!.status).toBe('at-risk');
    expect(currentStates([...log], 'p').get('T9')!.status).toBe('at-risk');
  });
});

describe('deriveStates: milestones and sign-off (issue 12)', () => {
  const milestone = (o: Record<string, unknown>) => event({ type: 'milestone', itemId: 'T9', indicatorId: 'T9.1', date: '2021-06-30', value: 400, op: 'set', user: 'web:admin', ...o } as never);
  it('keeps one milestone per target and date, the latest value, sorted by date; remove drops it', () => {
    const s = deriveStates([milestone({ date: '2021-09-30', value: 600 }), milestone({}), milestone({ value: 420 }), milestone({ indicatorId: 'T9.2', value: 5 }), milestone({ indicatorId: 'T9.2', op: 'remove', value: null })], 'p').get('T9')!;
    expect(s.milestones!.map((m) => [m.indicatorId, m.date, m.value, m.by])).toEqual([
      ['T9.1', '2021-06-30', 420, 'web:admin'],
      ['T9.1', '2021-09-30', 600, 'web:admin'],
    ]);
  });

  it('a sign-off holds until a reopen; a later sign-off holds again', () => {
    const signoff = (at: string) => event({ type: 'signoff', itemId: 'T9', user: 'web:admin', at } as never);
    const reopen = event({ type: 'reopen', itemId: 'T9', user: 'web:admin' } as never);
    expect(deriveStates([signoff('2021-12-20T00:00:00Z')], 'p').get('T9')!.signedOff).toEqual({ at: '2021-12-20T00:00:00Z', by: 'web:admin' });
    expect(deriveStates([signoff('2021-12-20T00:00:00Z'), reopen], 'p').get('T9')!.signedOff).toBeNull();
    expect(deriveStates([signoff('2021-12-20T00:00:00Z'), reopen, signoff('2021-12-28T00:00:00Z')], 'p').get('T9')!.signedOff?.at).toBe('2021-12-28T00:00:00Z');
  });
});
