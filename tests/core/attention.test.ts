import { describe, expect, it } from 'vitest';
import { attentionEntry } from '../../src/core/attention-entry.js';
import { plainUserRefs } from '../../src/core/user-refs.js';
import {
  describeStatusFilter,
  judgeAttention,
  localDateIn,
  matchesStatusFilter,
  needsAttention,
  reasonText,
  type AttentionReason,
  type ItemAttention,
} from '../../src/core/attention.js';
import type { Indicator, Plan, PlanItem } from '../../src/plan/schema.js';
import type { ProgressEntry, Status } from '../../src/store/events.js';
import { EMPTY_STATE, type ItemState } from '../../src/store/item-state.js';

const TZ = 'Asia/Shanghai';

/** A counted target ("at least 800 villages by the end of 2021"); each test states only what matters to it. */
function indicator(o: Partial<Indicator> = {}): Indicator {
  return {
    id: 'T9.1',
    metric: { en: 'Villages', zh: '行政村' },
    comparator: '>=',
    value: 800,
    unit: '个',
    deadline: '2021-12-31',
    text: { en: '800 villages', zh: '800个行政村' },
    unitLabel: { en: 'villages', zh: '个行政村' },
    aspirational: false,
    capped: false,
    ...o,
  };
}

function task(o: Partial<PlanItem> = {}): PlanItem {
  return { id: 'T9', kind: 'task', parent: 'G3', title: { en: 'Soil', zh: '土壤' }, text: { en: '', zh: '' }, indicators: [indicator()], aliases: { en: [], zh: [] }, note: null, line: 1, ...o };
}

const plan = (items: PlanItem[] = [task()]): Plan => ({ id: 'p', title: { en: 'Plan', zh: '计划' }, year: 2021, preamble: { en: '', zh: '' }, items });

function state(o: Partial<ItemState> = {}): ItemState {
  return { ...EMPTY_STATE, ...o };
}

const value = (v: number, o: Partial<ProgressEntry> = {}): ProgressEntry => ({ indicatorId: 'T9.1', value: v, target: null, unit: null, ...o });

/** The kinds of reason an item has at a local time in Shanghai. */
function kinds(at: string, s: ItemState | undefined, item = task(), staleDays?: number): string[] {
  return judgeAttention(plan([item]), { at: new Date(`${at}+08:00`), timeZone: TZ, staleDays }).of(item, s).reasons.map((r) => r.kind);
}

// 2021-06-14 09:00 in Shanghai: 45% of the way from 1 January to the end of 31 December.
const JUNE = '2021-06-14T09:00:00';
const recent = '2021-06-10T00:00:00+08:00';

describe('status', () => {
  it.each<[Status | null, string[]]>([
    [null, []],
    ['not-started', []],
    ['on-track', []],
    ['at-risk', ['at-risk']],
    ['off-track', ['off-track']],
    ['done', []],
  ])('%s → %j', (status, expected) => {
    expect(kinds(JUNE, state({ status, updatedAt: recent }))).toEqual(expected);
  });
});

describe('behind pace: the share reported against the share of time gone from 1 January to the deadline', () => {
  it.each<[string, ProgressEntry | undefined, Partial<Indicator>, string | null]>([
    ['no value reported: nothing to say', undefined, {}, null],
    ['420/800 = 52.5% at 45% of the year: on pace', value(420), {}, 'on-pace'],
    ['300/800 = 37.5% at 45%: behind', value(300), {}, 'behind'],
    ['the reporter’s own target counts: 300/600 = 50%', value(300, { target: 600 }), {}, 'on-pace'],
    ['800/800: reached', value(800), {}, 'reached'],
    ['a deadline on 30 June: mid-June is 89.4% of its time; 700/800 = 87.5% is behind', value(700), { deadline: '2021-06-30' }, 'behind'],
    ['a ceiling below 1.5: 0.4 is within the limit', value(0.4), { comparator: '<', value: 1.5, unit: null }, 'within-limit'],
    ['a ceiling below 1.5: 1.5 is over it', value(1.5), { comparator: '<', value: 1.5, unit: null }, 'over-limit'],
    ['"to be completed", no number: nothing to say', value(1), { comparator: '=', value: null }, null],
  ])('%s', (_, entry, ind, expected) => {
    const judge = judgeAttention(plan(), { at: new Date(`${JUNE}+08:00`), timeZone: TZ });
    expect(judge.pace(indicator(ind), entry)?.kind ?? null).toBe(expected);
  });

  it('the share of time is 0 at the start of the plan year and 1 from the end of the deadline day, in the time zone', () => {
    const at = (local: string) => judgeAttention(plan(), { at: new Date(`${local}+08:00`), timeZone: TZ });
    expect(at('2021-01-01T00:00:00').expectedShare('2021-12-31')).toBe(0);
    expect(at('2021-12-31T23:59:59').expectedShare('2021-12-31')).toBeLessThan(1);
    expect(at('2021-12-31T23:59:59').isPast('2021-12-31')).toBe(false);
    expect(at('2022-01-01T00:00:00').expectedShare('2021-12-31')).toBe(1);
    expect(at('2022-01-01T00:00:00').isPast(null)).toBe(true);
  });

  it('an item behind pace needs attention; one on pace or at target does not', () => {
    expect(kinds(JUNE, state({ status: 'on-track', updatedAt: recent, progress: [value(300)] }))).toEqual(['behind-pace']);
    expect(kinds(JUNE, state({ status: 'on-track', updatedAt: recent, progress: [value(420)] }))).toEqual([]);
    expect(kinds(JUNE, state({ status: 'on-track', updatedAt: recent, progress: [value(800)] }))).toEqual([]);
  });
});

describe('overdue: a deadline passed and the target not met', () => {
  it.each<[string, string, ItemState, PlanItem, string[]]>([
    ['the day after a 30 June deadline, 700/800', '2021-07-01T00:00:00', state({ updatedAt: '2021-06-30T00:00:00+08:00', progress: [value(700)] }), task({ indicators: [indicator({ deadline: '2021-06-30' })] }), ['overdue']],
    ['the last second of the deadline day is not yet overdue (behind pace instead)', '2021-06-30T23:59:59', state({ updatedAt: '2021-06-30T00:00:00+08:00', progress: [value(700)] }), task({ indicators: [indicator({ deadline: '2021-06-30' })] }), ['behind-pace', 'milestone-due']],
    ['target met by the deadline', '2021-07-01T00:00:00', state({ updatedAt: '2021-06-30T00:00:00+08:00', progress: [value(800)] }), task({ indicators: [indicator({ deadline: '2021-06-30' })] }), []],
    ['no value at all by the deadline', '2021-07-01T00:00:00', state({ owners: ['web:li'], assignedAt: '2021-06-30T00:00:00+08:00' }), task({ indicators: [indicator({ deadline: '2021-06-30' })] }), ['overdue']],
    ['an item without targets, after the plan year', '2022-01-01T00:00:00', state({ status: 'on-track', updatedAt: '2021-12-30T00:00:00+08:00' }), task({ indicators: [] }), ['overdue']],
    ['an item without targets, during the plan year (its year-end milestone is due that day)', '2021-12-31T12:00:00', state({ status: 'on-track', updatedAt: '2021-12-30T00:00:00+08:00' }), task({ indicators: [] }), ['milestone-due']],
    ['an item without targets, in June', JUNE, state({ status: 'on-track', updatedAt: '2021-06-10T00:00:00+08:00' }), task({ indicators: [] }), []],
    ['off track and overdue: both, worst first', '2022-01-02T00:00:00', state({ status: 'off-track', updatedAt: '2021-12-30T00:00:00+08:00' }), task({ indicators: [] }), ['off-track', 'overdue']],
  ])('%s', (_, at, s, item, expected) => {
    expect(kinds(at, s, item)).toEqual(expected);
  });
});

describe('stale: more than 14 days since the later of the last update and the last assignment', () => {
  const days = (n: number, hours = 0) => new Date(Date.parse(`${JUNE}+08:00`) - n * 86_400_000 - hours * 3_600_000).toISOString();
  it.each<[string, Partial<ItemState>, string[], number | null]>([
    ['updated 14 days ago to the second: not yet', { updatedAt: days(14) }, [], null],
    ['updated 14 days and an hour ago', { updatedAt: days(14, 1) }, ['stale'], 14],
    ['updated 30 days ago, assigned 2 days ago: the assignment resets it', { updatedAt: days(30), owners: ['web:li'], assignedAt: days(2) }, [], null],
    ['assigned 2 days ago, never updated', { owners: ['web:li'], assignedAt: days(2) }, [], null],
    ['assigned 20 days ago, never updated', { owners: ['web:li'], assignedAt: days(20) }, ['stale'], 20],
    ['assigned 40 days ago, updated 20 days ago: from the update', { owners: ['web:li'], assignedAt: days(40), updatedAt: days(20) }, ['stale'], 20],
    ['updated 2 days ago, assigned 40 days ago', { owners: ['web:li'], assignedAt: days(40), updatedAt: days(2) }, [], null],
    ['never updated, nobody owns it: nobody to ask', {}, [], null],
    ['owners all removed since: only the update counts', { updatedAt: days(30), assignedAt: days(2) }, ['stale'], 30],
  ])('%s', (_, s, expected, staleDays) => {
    const item = task({ indicators: [] });
    const a = judgeAttention(plan([item]), { at: new Date(`${JUNE}+08:00`), timeZone: TZ }).of(item, state(s));
    expect(a.reasons.map((r) => r.kind)).toEqual(expected);
    const stale = a.reasons.find((r) => r.kind === 'stale');
    expect(stale && stale.kind === 'stale' ? stale.days : null).toBe(staleDays);
  });

  it('honours another window', () => {
    expect(kinds(JUNE, state({ updatedAt: days(20) }), task({ indicators: [] }), 30)).toEqual([]);
  });
});

describe('done items never need attention', () => {
  it('not even off pace, overdue, long silent and once off track', () => {
    const s = state({ status: 'done', updatedAt: '2021-01-10T00:00:00+08:00', owners: ['web:li'], assignedAt: '2021-01-04T00:00:00+08:00', progress: [value(10)] });
    for (const at of [JUNE, '2022-03-01T00:00:00']) {
      const a = judgeAttention(plan(), { at: new Date(`${at}+08:00`), timeZone: TZ }).of(task(), s);
      expect(needsAttention(a), at).toBe(false);
    }
  });
});

describe('filters named for trouble take everything they name', () => {
  const of = (...reasons: AttentionReason['kind'][]): ItemAttention => ({
    item: task(),
    status: reasons.includes('off-track') ? 'off-track' : reasons.includes('at-risk') ? 'at-risk' : 'on-track',
    reasons: reasons.map((kind) => ({ kind }) as AttentionReason),
    light: 'green',
    signedOff: false,
  });
  it.each<[Status, ItemAttention, boolean]>([
    ['at-risk', of('at-risk'), true],
    ['at-risk', of('off-track'), true],
    ['at-risk', of('behind-pace'), true],
    ['at-risk', of('overdue'), true],
    ['at-risk', of('stale'), false],
    ['at-risk', of(), false],
    ['off-track', of('off-track'), true],
    ['off-track', of('behind-pace'), true],
    ['off-track', of('overdue'), true],
    ['off-track', of('at-risk'), false],
    ['on-track', of(), true],
    ['on-track', of('behind-pace'), true],
    ['done', of(), false],
  ])('%s with %j → %s', (filter, a, expected) => {
    expect(matchesStatusFilter(filter, a)).toBe(expected);
  });

  it('and say exactly that, in both languages', () => {
    expect(describeStatusFilter('at-risk', 'en')).toBe('at risk, off track, behind pace or overdue');
    expect(describeStatusFilter('at-risk', 'zh')).toBe('有风险、滞后、落后于时序进度或逾期');
    expect(describeStatusFilter('off-track', 'en')).toBe('off track, behind pace or overdue');
    expect(describeStatusFilter('done', 'zh')).toBe('已完成');
  });
});

describe('reasons in words', () => {
  const date = localDateIn(TZ);
  it.each<[AttentionReason, string, string]>([
    [{ kind: 'off-track' }, 'off track', '滞后'],
    [{ kind: 'behind-pace', indicator: indicator(), done: 0.375, expected: 0.4489 }, 'T9.1 behind pace (37.5% done, 44.9% of the time gone)', 'T9.1 落后于时序进度（完成37.5%，时间过去44.9%）'],
    [{ kind: 'overdue', indicator: indicator({ deadline: '2021-06-30' }), deadline: '2021-06-30' }, 'T9.1 overdue (due 30 June 2021, not met)', 'T9.1 已逾期（2021年6月30日到期，未达标）'],
    [{ kind: 'overdue', indicator: null, deadline: '2021-12-31' }, 'overdue (due the end of 2021, not done)', '已逾期（2021年底到期，未完成）'],
    [{ kind: 'stale', days: 20, since: 'update', at: '2021-05-24T16:30:00Z' }, 'no update for 20 days (last update 2021-05-25)', '20天未更新（最近更新 2021-05-25）'],
    [{ kind: 'stale', days: 20, since: 'assignment', at: '2021-05-25T01:00:00Z' }, 'no update in the 20 days since assignment (2021-05-25)', '分配后20天未更新（2021-05-25分配）'],
  ])('%j', (r, en, zh) => {
    expect(reasonText(r, 'en', date)).toBe(en);
    expect(reasonText(r, 'zh', date)).toBe(zh);
  });

  it('an entry names every reason, mentions the owners of a stale item and quotes the note', () => {
    const item = task();
    const s = state({ status: 'at-risk', owners: ['web:li', 'slack:U042'], assignedAt: '2021-05-01T00:00:00Z', updatedAt: '2021-05-20T00:00:00Z', progress: [value(100)], note: 'Rain' });
    const a = judgeAttention(plan([item]), { at: new Date(`${JUNE}+08:00`), timeZone: TZ }).of(item, s);
    const e = attentionEntry(a, s, 'en', date);
    expect(plainUserRefs(e.text)).toBe('Soil — 🟡 at risk; T9.1 behind pace (12.5% done, 45% of the time gone); no update for 25 days (last update 2021-05-20) · @li slack:U042 · “Rain”');
    expect(e.mentions).toEqual(['web:li', 'slack:U042']);
    const calm = attentionEntry({ ...a, reasons: a.reasons.filter((r) => r.kind !== 'stale') }, s, 'zh', date);
    expect(calm.text).toBe('土壤 — 🟡 有风险；T9.1 落后于时序进度（完成12.5%，时间过去45%） · 负责人：li、U042 · “Rain”');
    expect(calm.mentions).toEqual([]);
  });
});
