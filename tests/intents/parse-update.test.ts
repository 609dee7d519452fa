import { beforeAll, describe, expect, it } from 'vitest';
import { parseUpdate, type UpdateArgs } from '../../src/core/parse-update.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

const villages = (value: number, target: number | null = null) => ({ indicatorId: 'T9.1', value, target, unit: '个' });
const share = (id: string, value: number) => ({ indicatorId: id, value, target: null, unit: '%' });

describe('parseUpdate: what it reads', () => {
  const cases: [string, Partial<UpdateArgs>][] = [
    ['T9 at-risk 420/800 Zhoukou and Nanyang behind schedule', { itemId: 'T9', status: 'at-risk', progress: [villages(420, 800)], note: 'Zhoukou and Nanyang behind schedule' }],
    ['at-risk T9 420/800', { itemId: 'T9', status: 'at-risk', progress: [villages(420, 800)], note: null }],
    ['420/800 t9 At Risk', { itemId: 'T9', status: 'at-risk', progress: [villages(420, 800)], note: null }],
    ['T9 on track', { status: 'on-track', progress: [], note: null }],
    ['T9 is off track 3 counties behind', { status: 'off-track', progress: [], note: '3 counties behind' }],
    ['T9 done', { status: 'done' }],
    ['T9 T9.2=52%', { status: null, progress: [share('T9.2', 52)] }],
    ['T9 420 villages', { progress: [villages(420)] }],
    ['T9 430', { progress: [villages(430)] }],
    ['T9.1=420 at-risk', { itemId: 'T9', status: 'at-risk', progress: [villages(420)] }],
    ['T9 T9.1=420 T9.2=12%', { progress: [villages(420), share('T9.2', 12)] }],
    ['T9 T9.2=5 slow start', { progress: [share('T9.2', 5)], note: 'slow start' }],
    ['O3 not started O3.3=20', { itemId: 'O3', status: 'not-started', progress: [share('O3.3', 20)] }],
    ['T11 95%', { itemId: 'T11', progress: [share('T11.1', 95)] }],
    ['T7 60% PM2.5 monitoring set up', { itemId: 'T7', progress: [{ indicatorId: null, value: 60, target: null, unit: '%' }], note: 'PM2.5 monitoring set up' }],
    ['T7 3/10', { itemId: 'T7', progress: [{ indicatorId: null, value: 3, target: 10, unit: null }] }],
    ['T9 at-risk note: behind in Zhoukou', { status: 'at-risk', note: 'behind in Zhoukou' }],
    ['T9 "blocked"', { status: null, note: 'blocked' }],
    ['Ｔ９ 有风险 ４３０／８００', { itemId: 'T9', status: 'at-risk', progress: [villages(430, 800)] }],
    // Chinese
    ['T9 有风险 430/800 进度滞后', { itemId: 'T9', status: 'at-risk', progress: [villages(430, 800)], note: '进度滞后' }],
    ['T9有风险430/800周口、南阳进度滞后', { status: 'at-risk', progress: [villages(430, 800)], note: '周口、南阳进度滞后' }],
    ['T9 正常推进 T9.2=52%', { status: 'on-track', progress: [share('T9.2', 52)] }],
    ['T9 按计划', { status: 'on-track' }],
    ['任务九 滞后 430个行政村', { itemId: 'T9', status: 'off-track', progress: [villages(430)] }],
    // 已完成 before a value is the verb "have completed": progress, not the status done (issue 10).
    ['T9 已完成 800个', { status: null, progress: [villages(800)] }],
    ['T9 已完成', { status: 'done', progress: [] }],
    ['T9 未开始', { status: 'not-started' }],
    ['T9 进度 430/800', { progress: [villages(430, 800)], note: null }],
    ['T9 完成率偏低', { status: null, note: '完成率偏低' }],
  ];
  it.each(cases)('%s', (text, expected) => {
    const r = parseUpdate(text, plan);
    expect(r.ok ? r.args : r.problems).toMatchObject(expected);
  });
});

describe('parseUpdate: what it refuses, and how', () => {
  const cases: [string, string, RegExp, RegExp?][] = [
    ['at-risk 420/800', 'item.missing', /Say which item/, /请指明要更新的事项/],
    ['T41 at-risk', 'item.not-found', /no item "T41".*did you mean T40/, /本计划中没有/],
    ['T9 at-rsk 420/800', 'status.unknown', /"at-rsk" is not a status\. Statuses are not-started, on-track, at-risk, off-track, done/, /未开始、正常推进、有风险、滞后、已完成/],
    ['T9 ontrak', 'status.unknown', /"ontrak" is not a status/],
    ['T9 blocked', 'status.unknown', /quote it: \/plan update T9 "blocked"/],
    ['T9 -5/800', 'progress.negative', /cannot be negative/, /不能为负数/],
    ['T9 T9.1=-3', 'progress.negative', /cannot be negative/],
    ['T9 130%', 'progress.over-100', /130% is a share above 100%/, /超过100%/],
    ['T9 52%', 'progress.ambiguous', /52% could be T9\.1 .* or T9\.2 .*say which: T9\.1=52% or T9\.2=52%/],
    ['T11 120', 'progress.over-100', /120 for T11\.1 is a share above 100%/],
    ['T7 12/10', 'progress.over-cap', /past its total \(10\)/],
    ['T9 5', 'progress.ambiguous', /5 could be T9\.1 .*villages.* or T9\.2 .*say which: T9\.1=5 or T9\.2=5/, /请写明：T9\.1=5 或 T9\.2=5/],
    ['T9 5/20', 'progress.ambiguous', /T9\.1=5\/20 or T9\.2=5\/20/],
    ['T9 T9.3=4', 'progress.unknown-indicator', /T9 has no indicator T9\.3; its indicators are T9\.1/],
    ['T9 T10.1=4', 'progress.other-item', /T10\.1 is not an indicator of T9/],
    ['T9 420/800 430', 'progress.duplicate', /Two values for T9\.1/],
    ['T9', 'update.empty', /Nothing to record for T9/, /没有可记录的内容/],
    ['T6 T6.1=3', 'progress.unknown-indicator', /T6 has no indicators/],
    ['T9 受阻', 'status.unknown', /"受阻" is not a status/, /“受阻”不是有效状态/],
    ['T9 有风险 T9.1=abc', 'progress.unreadable', /"T9\.1=abc" is not a progress value I can read/, /无法识别进度“T9\.1=abc”/],
    ['T9 1e3/800', 'progress.unreadable', /"1e3\/800" is not a progress value/],
    ['T9 420/800/900', 'progress.unreadable', /"\/900" is not a progress value/],
  ];
  it.each(cases)('%s → %s', (text, code, en, zh) => {
    const r = parseUpdate(text, plan);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const p = r.problems.find((x) => x.code === code);
    expect(p, JSON.stringify(r.problems)).toBeDefined();
    expect(p!.en).toMatch(en);
    if (zh) expect(p!.zh).toMatch(zh);
  });

  it('gives the choices of an ambiguous value', () => {
    const r = parseUpdate('T9 5', plan);
    expect(r.ok ? [] : r.problems[0]!.choices).toEqual(['T9.1=5', 'T9.2=5']);
  });
});
