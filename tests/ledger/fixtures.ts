import type { NewEvent } from '../../src/store/events.js';

type Of<T extends NewEvent['type']> = Extract<NewEvent, { type: T }>;
const base = { user: 'console:admin', platform: 'console', planId: 'henan-2021', at: '2021-06-01T01:00:00Z' };

/** A unit's or the province's update; each test states only what matters to it. */
export function update(o: Partial<Omit<Of<'update'>, 'type'>> = {}): Of<'update'> {
  return { ...base, type: 'update', itemId: 'T9', status: 'on-track', progress: [], note: null, user: 'web:zl', platform: 'web', at: '2021-06-08T02:00:00Z', ...o };
}

/** T9 led by Zhoukou with Zhoukou and Nanyang responsible, each reporting villages; T12 at risk; T20 off track. */
export function ledgerLog(): NewEvent[] {
  return [
    { ...base, type: 'lead', itemId: 'T9', unit: 'zhoukou' },
    { ...base, type: 'units', itemId: 'T9', add: ['zhoukou', 'nanyang'], remove: [] },
    update({ unit: 'zhoukou', progress: [{ indicatorId: 'T9.1', value: 120, target: 800, unit: '个' }], note: '周口进展顺利' }),
    update({ unit: 'nanyang', status: 'off-track', progress: [{ indicatorId: 'T9.1', value: 90, target: 800, unit: '个' }], user: 'web:ny', at: '2021-06-09T03:30:00Z' }),
    update({ itemId: 'T12', status: 'at-risk', note: '=HYPERLINK("x")', user: 'web:bob', at: '2021-06-10T01:00:00Z' }),
    update({ itemId: 'T20', status: 'off-track', note: '滞后, "原因"见附件', user: 'web:bob', at: '2021-06-10T02:00:00Z' }),
    // After the week of 2021-06-07: not in that week's ledger.
    update({ itemId: 'T12', status: 'done', user: 'web:bob', at: '2021-06-14T01:00:00Z' }),
  ];
}
