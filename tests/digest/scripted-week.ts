import type { NewEvent } from '../../src/store/events.js';
import type { MemoryStore } from '../../src/store/memory-store.js';
import { assign, storeWith, update } from './fixtures.js';

/** When the scripted week's digest is posted: Monday 13 December 2021, 09:00 in Shanghai. */
export const SCRIPTED_NOW = new Date('2021-12-13T09:00:00+08:00');

/**
 * A scripted week of work on the real 2021 Henan plan (6–12 December 2021, Asia/Shanghai), with the
 * weeks before it: owners, earlier updates, this week's updates with notes and progress, an undone
 * update, an update in the last second of Sunday and one in the first second of the next Monday.
 */
export async function scriptedStore(): Promise<MemoryStore> {
  const store = await storeWith(scriptedWeek());
  // An update posted to the wrong item and undone the same day: it must not show.
  const wrong = await store.append(update({ itemId: 'T17', status: 'off-track', user: 'slack:U042', at: at('2021-12-11T10:00:00'), note: 'Posted to the wrong item' }));
  await store.append({ type: 'undo', itemId: 'T17', reverts: wrong.id, user: 'slack:U042', platform: 'slack', planId: wrong.planId, at: at('2021-12-11T10:02:00') });
  return store;
}

const at = (local: string) => new Date(`${local}+08:00`).toISOString();

function scriptedWeek(): NewEvent[] {
  return [
    assign({ itemId: 'T7', owner: 'web:zhang', user: 'web:admin' }),
    assign({ itemId: 'T9', owner: 'web:li', user: 'web:admin' }),
    assign({ itemId: 'T12', owner: 'web:wang', user: 'web:admin' }),
    assign({ itemId: 'T12', owner: 'slack:U042', user: 'web:admin' }),
    assign({ itemId: 'T17', owner: 'slack:U042', user: 'web:admin' }),
    assign({ itemId: 'T24', owner: 'web:zhao', user: 'web:admin' }),
    assign({ itemId: 'T30', owner: 'web:li', user: 'web:admin' }),
    assign({ itemId: 'T33', owner: 'web:sun', user: 'web:admin' }),
    assign({ itemId: 'O3', owner: 'web:chen', user: 'web:admin' }),
    // Before the week.
    update({ itemId: 'T12', status: 'on-track', user: 'web:wang', at: at('2021-10-20T16:00:00'), note: 'Wetland restoration plan approved' }),
    update({ itemId: 'T9', status: 'on-track', user: 'web:li', at: at('2021-11-30T10:00:00'), progress: [{ indicatorId: 'T9.1', value: 500, target: null, unit: null }] }),
    update({ itemId: 'T17', status: 'on-track', user: 'slack:U042', at: at('2021-11-29T09:30:00') }),
    update({ itemId: 'T24', status: 'at-risk', user: 'web:zhao', at: at('2021-12-01T11:00:00'), note: 'Tailings pond inspection delayed' }),
    // The week of 6–12 December.
    update({ itemId: 'T9', status: null, user: 'web:li', at: at('2021-12-06T10:15:00'), progress: [{ indicatorId: 'T9.1', value: 640, target: 800, unit: null }], note: '周口、商丘整治完成' }),
    update({ itemId: 'T7', status: 'at-risk', user: 'web:zhang', at: at('2021-12-07T08:40:00'), note: '安阳、鹤壁臭氧超标天数增加' }),
    update({ itemId: 'T9', status: 'on-track', user: 'web:li', at: at('2021-12-08T17:05:00'), progress: [{ indicatorId: 'T9.2', value: 7, target: null, unit: '%' }] }),
    update({ itemId: 'T24', status: 'off-track', user: 'web:zhao', at: at('2021-12-09T14:20:00'), note: 'Two hazardous-waste disposal sites are behind schedule' }),
    update({ itemId: 'T30', status: 'done', user: 'web:li', at: at('2021-12-09T15:00:00'), progress: [{ indicatorId: 'T30.1', value: 100, target: null, unit: '%' }], note: 'All listed enterprises connected' }),
    update({ itemId: 'O3', status: 'on-track', user: 'web:chen', at: at('2021-12-10T09:00:00'), progress: [{ indicatorId: 'O3.3', value: 31, target: null, unit: '%' }] }),
    update({ itemId: 'O6', status: 'on-track', user: 'web:chen', at: at('2021-12-10T09:05:00'), progress: [{ indicatorId: 'O6.1', value: 0.4, target: null, unit: null }] }),
    update({ itemId: 'T34', status: 'on-track', user: 'web:sun', at: at('2021-12-10T16:30:00'), progress: [{ indicatorId: 'T34.1', value: 3, target: 4, unit: null }], note: 'Q3 analysis submitted' }),
    update({ itemId: 'T1', status: 'done', user: 'web:wang', at: at('2021-12-12T23:59:30'), note: 'Plan published' }),
    // Next week: not in this digest.
    update({ itemId: 'T2', status: 'on-track', user: 'web:wang', at: at('2021-12-13T00:00:00') }),
  ];
}
