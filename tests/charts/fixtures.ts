import type { NewEvent } from '../../src/store/events.js';
import { update } from '../digest/fixtures.js';

/** When the chart tests look: Monday 7 June 2021, 09:00 in Shanghai. */
export const CHART_NOW = new Date('2021-06-07T09:00:00+08:00');

/**
 * A small spring of reports on the 2021 plan, one for each light: T9 (yellow: at risk, 300/800
 * villages), O3 (green: 20% of 33% is on pace), T30 (red: off track, over its target), T34 (one of
 * four analyses), T11 done; the rest unreported.
 */
export function chartEvents(): NewEvent[] {
  const p = (indicatorId: string, value: number, unit: string | null = null) => ({ indicatorId, value, target: null, unit });
  return [
    update({ itemId: 'T9', progress: [p('T9.1', 120)], at: '2021-03-01T02:00:00Z' }),
    update({ itemId: 'T34', progress: [p('T34.1', 1)], at: '2021-04-20T02:00:00Z' }),
    update({ itemId: 'T30', status: 'off-track', progress: [p('T30.1', 130, '%')], note: '两家企业设备未联网', at: '2021-04-20T02:00:00Z' }),
    update({ itemId: 'T9', status: 'at-risk', progress: [p('T9.1', 300), p('T9.2', 6, '%')], note: 'Zhoukou and Nanyang behind schedule', at: '2021-05-10T02:00:00Z' }),
    update({ itemId: 'O3', progress: [p('O3.3', 20, '%')], at: '2021-05-20T02:00:00Z' }),
    update({ itemId: 'T11', status: 'done', progress: [], at: '2021-05-20T02:00:00Z' }),
  ];
}
