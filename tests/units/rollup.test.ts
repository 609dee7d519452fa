import { describe, expect, it } from 'vitest';
import { rollupRule } from '../../src/plan/units.js';
import type { PlanEvent, ProgressEntry } from '../../src/store/events.js';
import { provinceStatus, provinceValue } from '../../src/store/rollup.js';
import { deriveUnits, membersOf, reportersOf, rollUpItem, unitsOfUser } from '../../src/store/unit-state.js';
import { loadPlan } from '../../src/plan/load-plan.js';

const plan = await loadPlan();
const T91 = { id: 'T9.1', value: 800, unit: '个' };
const T92 = { id: 'T9.2', value: 10, unit: '%' };
const entry = (indicatorId: string, value: number, target: number | null = null, unit: string | null = '个'): ProgressEntry => ({ indicatorId, value, target, unit });

let seq = 0;
/** An event of the log with the usual fields; override what the test is about. */
function ev<E extends PlanEvent['type']>(type: E, fields: Record<string, unknown>, user = 'web:alice'): PlanEvent {
  seq += 1;
  return { seq, id: `e${seq}`, at: `2021-06-07T0${Math.min(9, seq % 10)}:00:00+08:00`, user, platform: 'web', planId: plan.id, type, ...fields } as PlanEvent;
}

describe('roll-up rules, as plan data', () => {
  it('counts sum, rates and shares take the lead, qualitative targets are the lead unit done', () => {
    expect(rollupRule(T91, plan.rollup)).toBe('sum');
    expect(rollupRule(T92, plan.rollup)).toBe('lead');
    expect(rollupRule({ id: 'O6.1', value: 1.5, unit: '起/万枚' }, plan.rollup)).toBe('lead');
    expect(rollupRule({ id: 'T20.1', value: null, unit: null }, plan.rollup)).toBe('lead-done');
    // units.json says so for T34.1 (four consultations a year are the lead's, not a sum over cities)
    expect(rollupRule({ id: 'T34.1', value: 4, unit: '次' }, plan.rollup)).toBe('lead');
  });

  it('two cities sum to the province total, never the last writer', () => {
    const perUnit = new Map([['zhoukou', entry('T9.1', 120, 800)], ['nanyang', entry('T9.1', 90, 800)]]);
    expect(provinceValue(T91, perUnit, 'soil-division', 'sum')).toEqual(entry('T9.1', 210, 800));
  });

  it('a rate is the lead unit value, not an average; nothing without a lead report', () => {
    const perUnit = new Map([['zhoukou', entry('T9.2', 50, null, '%')], ['soil-division', entry('T9.2', 12, null, '%')]]);
    expect(provinceValue(T92, perUnit, 'soil-division', 'lead')).toEqual(entry('T9.2', 12, null, '%'));
    expect(provinceValue(T92, perUnit, null, 'lead')).toBeNull();
    expect(provinceValue(T92, new Map([['zhoukou', entry('T9.2', 50, null, '%')]]), 'soil-division', 'lead')).toBeNull();
  });

  it('the province status is the lead unit’s, else the worst, done only without a lead when every unit is done', () => {
    expect(provinceStatus(new Map([['soil-division', 'done'], ['zhoukou', 'at-risk']]), 'soil-division', ['zhoukou'])).toBe('done');
    expect(provinceStatus(new Map([['zhoukou', 'on-track'], ['nanyang', 'off-track']]), null, ['zhoukou', 'nanyang'])).toBe('off-track');
    expect(provinceStatus(new Map([['zhoukou', 'done'], ['nanyang', 'done']]), null, ['zhoukou', 'nanyang'])).toBe('done');
    expect(provinceStatus(new Map([['zhoukou', 'done']]), null, ['zhoukou', 'nanyang'])).toBe('on-track');
    // with a lead unit, only the lead makes it done
    expect(provinceStatus(new Map([['zhoukou', 'done']]), 'soil-division', ['zhoukou'])).toBe('on-track');
    expect(provinceStatus(new Map(), 'soil-division', [])).toBeNull();
  });
});

describe('deriveUnits: units, members and reports from the log', () => {
  const log = [
    ev('unit-add', { unit: { id: 'regulations-division', zh: '法规处', en: 'Regulations Division', aliases: [] } }),
    ev('member', { member: 'web:zl', unit: 'zhoukou', op: 'add' }),
    ev('member', { member: 'web:zl', unit: 'nanyang', op: 'add' }),
    ev('member', { member: 'web:nan', unit: 'nanyang', op: 'add' }),
    ev('member', { member: 'web:zl', unit: 'nanyang', op: 'remove' }),
    ev('lead', { itemId: 'T9', unit: 'soil-division' }),
    ev('units', { itemId: 'T9', add: ['zhoukou', 'nanyang', 'luoyang'], remove: [] }),
    ev('units', { itemId: 'T9', add: [], remove: ['luoyang'] }),
    ev('assign', { itemId: 'T11', owner: 'web:bob' }),
    ev('update', { itemId: 'T9', status: 'at-risk', progress: [entry('T9.1', 100, 800)], note: null, unit: 'zhoukou' }, 'web:zl'),
    ev('update', { itemId: 'T9', status: null, progress: [entry('T9.1', 120, 800)], note: null, unit: 'zhoukou' }, 'web:zl'),
    ev('update', { itemId: 'T9', status: 'on-track', progress: [entry('T9.1', 90, 800)], note: null, unit: 'nanyang' }, 'web:nan'),
  ];
  const state = deriveUnits(log, plan);

  it('knows the plan units and the added one; members join and leave; a user may belong to several', () => {
    expect(state.units.size).toBe(plan.units!.length + 1);
    expect(membersOf(state, 'nanyang')).toEqual(['web:nan']);
    expect(unitsOfUser(state, 'web:zl')).toEqual(['zhoukou']);
  });

  it('reportersOf: the units of an item with units (lead first), the owners of one without', () => {
    expect(reportersOf(state, 'T9')).toEqual({ units: ['soil-division', 'zhoukou', 'nanyang'], owners: [] });
    expect(reportersOf(state, 'T11')).toEqual({ units: [], owners: ['web:bob'] });
    expect(reportersOf(state, 'T1')).toEqual({ units: [], owners: [] });
  });

  it('keeps each unit’s latest report and rolls the item up', () => {
    expect(state.reports.get('T9')?.get('zhoukou')).toMatchObject({ status: 'at-risk', progress: [entry('T9.1', 120, 800)], by: 'web:zl' });
    expect(rollUpItem(state, plan, 'T9')).toEqual({ status: 'at-risk', progress: [entry('T9.1', 210, 800)] });
  });

  it('an undone unit report no longer counts', () => {
    const undone = deriveUnits([...log, ev('undo', { itemId: 'T9', reverts: log.at(-1)!.id })], plan);
    expect(rollUpItem(undone, plan, 'T9').progress).toEqual([entry('T9.1', 120, 800)]);
  });
});
