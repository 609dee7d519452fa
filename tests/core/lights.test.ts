import { describe, expect, it } from 'vitest';
import { judgeAttention, needsAttention, type ItemReadings } from '../../src/core/attention.js';
import { lightOf } from '../../src/core/lights.js';
import { itemMilestones, planMilestones } from '../../src/core/milestones.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Indicator, Plan, PlanItem } from '../../src/plan/schema.js';
import type { ProgressEntry } from '../../src/store/events.js';
import type { SetMilestone } from '../../src/store/item-state.js';

const TZ = 'Asia/Shanghai';

function indicator(o: Partial<Indicator> = {}): Indicator {
  return { id: 'T9.1', metric: { en: 'Villages', zh: '行政村' }, comparator: '>=', value: 800, unit: '个', deadline: '2021-12-31', text: { en: '800 villages', zh: '800个行政村' }, unitLabel: { en: 'villages', zh: '个行政村' }, aspirational: false, capped: false, ...o };
}
function task(o: Partial<PlanItem> = {}): PlanItem {
  return { id: 'T9', kind: 'task', parent: 'G3', title: { en: 'Soil', zh: '土壤' }, text: { en: '', zh: '' }, indicators: [indicator()], aliases: { en: [], zh: [] }, note: null, line: 1, ...o };
}
const plan = (items: PlanItem[]): Plan => ({ id: 'p', title: { en: 'Plan', zh: '计划' }, year: 2021, preamble: { en: '', zh: '' }, items });
const value = (v: number, o: Partial<ProgressEntry> = {}): ProgressEntry => ({ indicatorId: 'T9.1', value: v, target: null, unit: null, ...o });
/** "400 villages by 30 June", as `/plan milestone T9.1 2021-06-30 400` sets it. */
const JUNE_400: SetMilestone = { indicatorId: 'T9.1', date: '2021-06-30', value: 400, at: '2021-05-01T00:00:00Z', by: 'web:admin' };

/** The light and reason kinds of readings at a local time in Shanghai. */
function judge(at: string, r: ItemReadings, item = task()) {
  const a = judgeAttention(plan([item]), { at: new Date(`${at}+08:00`), timeZone: TZ }).of(item, r);
  return { light: a.light, kinds: a.reasons.map((x) => x.kind), signedOff: a.signedOff, needs: needsAttention(a) };
}

describe('the three lights on a scripted timeline (one milestone: 400 of 800 villages by 30 June)', () => {
  const reported = (v: number): ItemReadings => ({ status: 'on-track', progress: [value(v)], updatedAt: '2021-05-31T00:00:00+08:00', milestones: [JUNE_400] });
  it.each([
    ['1 June, on pace, the milestone a month away', '2021-06-01T09:00:00', 390, 'green', []],
    ['22 June, eight days before it', '2021-06-22T09:00:00', 390, 'green', []],
    ['23 June, seven days before it and not met', '2021-06-23T09:00:00', 390, 'yellow', ['milestone-due']],
    ['30 June, the day itself, not met (and now behind pace)', '2021-06-30T23:59:59', 390, 'yellow', ['behind-pace', 'milestone-due']],
    ['1 July, missed (and behind pace)', '2021-07-01T00:00:00', 390, 'red', ['milestone-missed', 'behind-pace']],
    ['1 July, met', '2021-07-01T00:00:00', 400, 'green', []],
    ['23 June, already met', '2021-06-23T09:00:00', 400, 'green', []],
  ] as const)('%s: %s', (_, at, v, light, kinds) => {
    const r = judge(at, { ...reported(v), updatedAt: `${at.slice(0, 10)}T00:00:00+08:00` });
    expect(r.light).toBe(light);
    expect(r.kinds).toEqual(kinds);
  });

  it('behind pace alone is yellow; off track is red; at risk is yellow', () => {
    const recent = '2021-06-10T00:00:00+08:00';
    expect(judge('2021-06-14T09:00:00', { status: 'on-track', progress: [value(100)], updatedAt: recent })).toMatchObject({ light: 'yellow', kinds: ['behind-pace'] });
    expect(judge('2021-06-14T09:00:00', { status: 'off-track', progress: [value(500)], updatedAt: recent })).toMatchObject({ light: 'red', kinds: ['off-track'] });
    expect(judge('2021-06-14T09:00:00', { status: 'at-risk', progress: [value(500)], updatedAt: recent })).toMatchObject({ light: 'yellow', kinds: ['at-risk'] });
  });

  it('staleness needs attention but leaves the light green: it says nothing about pace', () => {
    expect(judge('2021-06-14T09:00:00', { status: 'on-track', progress: [value(500)], updatedAt: '2021-05-01T00:00:00+08:00' })).toMatchObject({ light: 'green', kinds: ['stale'], needs: true });
  });

  it('a signed-off item is green and needs no attention, whatever its readings', () => {
    const r = judge('2021-07-01T00:00:00', { ...reported(100), status: 'off-track', signedOff: { at: '2021-06-30T00:00:00Z', by: 'web:admin' } });
    expect(r).toEqual({ light: 'green', kinds: [], signedOff: true, needs: false });
  });

  it('the year-end deadline is the default last milestone: due in the last week, then overdue (red)', () => {
    const on = (v: number): ItemReadings => ({ status: 'on-track', progress: [value(v)], updatedAt: '2021-12-24T00:00:00+08:00' });
    expect(judge('2021-12-24T09:00:00', on(795))).toMatchObject({ light: 'yellow', kinds: ['milestone-due'] });
    expect(judge('2022-01-01T00:00:00', on(795))).toMatchObject({ light: 'red', kinds: ['overdue'] });
    expect(judge('2022-01-01T00:00:00', on(800))).toMatchObject({ light: 'green', kinds: [] });
  });

  it('an item without targets has one milestone, done by the year end', () => {
    const item = task({ indicators: [] });
    expect(itemMilestones(item, 2021)).toEqual([{ indicatorId: null, date: '2021-12-31', value: null, source: 'plan', final: true }]);
    const done: SetMilestone = { indicatorId: null, date: '2021-06-30', value: null, at: '2021-05-01T00:00:00Z', by: 'web:admin' };
    const r: ItemReadings = { status: 'on-track', progress: [], updatedAt: '2021-06-30T00:00:00+08:00', milestones: [done] };
    expect(judge('2021-07-01T09:00:00', r, item)).toMatchObject({ light: 'red', kinds: ['milestone-missed'] });
    expect(judge('2021-07-01T09:00:00', { ...r, status: 'done' }, item)).toMatchObject({ light: 'green', kinds: [] });
  });
});

describe('one computation over any readings: a unit judged by its own report', () => {
  // Zhoukou's share of T9.1 is 200 villages; the province's milestone is half the target by 30 June.
  const unit = (v: number): ItemReadings => ({ status: 'on-track', progress: [value(v, { target: 200 })], milestones: [JUNE_400] });
  it.each([
    [100, 'green'],
    [90, 'red'],
  ] as const)('Zhoukou at %i/200 on 1 July: %s', (v, light) => {
    expect(judge('2021-07-01T00:00:00', unit(v)).light).toBe(light);
  });
});

describe('the plan’s own milestones', () => {
  it('T34 (每季度…一次分析研判, four a year) has cumulative quarterly milestones; the last is its deadline', async () => {
    const henan = await loadPlan();
    const t34 = henan.items.find((i) => i.id === 'T34')!;
    expect(planMilestones(t34, 2021).map((m) => [m.date, m.value, m.final])).toEqual([
      ['2021-03-31', 1, false],
      ['2021-06-30', 2, false],
      ['2021-09-30', 3, false],
      ['2021-12-31', 4, true],
    ]);
    const at = (local: string, progress: ProgressEntry[]) => {
      const a = judgeAttention(henan, { at: new Date(`${local}+08:00`), timeZone: TZ }).of(t34, { status: null, progress });
      return [a.light, a.reasons.map((r) => r.kind)];
    };
    const analyses = (n: number) => [{ indicatorId: 'T34.1', value: n, target: null, unit: null }];
    expect(at('2021-03-20T09:00:00', [])).toEqual(['green', []]);
    expect(at('2021-03-25T09:00:00', [])).toEqual(['yellow', ['milestone-due']]);
    expect(at('2021-04-01T09:00:00', [])).toEqual(['red', ['milestone-missed']]);
    expect(at('2021-04-01T09:00:00', analyses(1))).toEqual(['green', []]);
    // Only the latest missed milestone of a target is named.
    expect(at('2021-10-08T09:00:00', analyses(1))).toMatchObject(['red', ['milestone-missed', 'behind-pace']]);
  });

  it('an admin’s milestone on the deadline replaces the plan’s and stays the last one', () => {
    const set: SetMilestone = { ...JUNE_400, date: '2021-12-31', value: 850 };
    expect(itemMilestones(task(), 2021, [JUNE_400, set]).map((m) => [m.date, m.value, m.source, m.final])).toEqual([
      ['2021-06-30', 400, 'set', false],
      ['2021-12-31', 850, 'set', true],
    ]);
  });
});

describe('the light of a set of reasons is the worst any gives', () => {
  it.each([
    [[], 'green'],
    [['stale'], 'green'],
    [['behind-pace'], 'yellow'],
    [['milestone-due', 'stale'], 'yellow'],
    [['at-risk'], 'yellow'],
    [['behind-pace', 'milestone-missed'], 'red'],
    [['overdue'], 'red'],
    [['off-track'], 'red'],
  ] as const)('%j → %s', (kinds, light) => {
    expect(lightOf(kinds.map((kind) => ({ kind })))).toBe(light);
  });
});
