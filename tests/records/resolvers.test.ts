import { describe, expect, it } from 'vitest';
import { findItem } from '../../src/core/find-item.js';
import { mentionsStatus, parseStatus } from '../../src/core/parse-status.js';
import { planUnitWords, readProgressValue } from '../../src/core/parse-progress.js';
import { isInterrogative, leadingReportVerb, utteranceForm } from '../../src/core/utterance-form.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { foldTraditional } from '../../src/search/fold-traditional.js';
import { readLeadingItemRef } from '../../src/search/parse-item-ref.js';
import { UserError } from '../../src/errors.js';

const plan = await loadPlan();

describe('findItem: the one item-reference resolver of every command', () => {
  it.each([
    ['T9', 'T9'], ['t9', 'T9'], ['T９', 'T9'], ['Ｔ９', 'T9'], ['task 9', 'T9'], ['taks 9', 'T9'], ['Task nine', 'T9'], ['第九项', 'T9'], ['第九项任务', 'T9'],
    ['第九項任務', 'T9'], ['任务9', 'T9'], ['任务九', 'T9'], ['第9项', 'T9'], ['目标三', 'O3'], ['目標三', 'O3'], ['objective three', 'O3'], ['objective 3', 'O3'],
    ['goal 3', 'O3'], ['O3', 'O3'], ['G3', 'G3'], ['group 3', 'G3'], ['任务组三', 'G3'], ['任務組三', 'G3'], ['第三组', 'G3'], ['第八项', 'T8'], ['T40', 'T40'], ['task 40.', 'T40'],
    ['of T9', 'T9'], ['for task 9', 'T9'], ['about objective 3', 'O3'], ['关于T9', 'T9'], ['关于 第九项', 'T9'],
  ])('%s → %s', (text, id) => {
    expect(findItem(plan, text).id).toBe(id);
  });

  it.each([['T41', /no item "T41".*did you mean T40/s], ['task 41', /no item "task 41".*T40/s], ['第四十一项', /没有“第四十一项”|no item "第四十一项"/], ['T9 at risk', /no item "T9 at risk"/], ['of T41', /no item "of T41"/], ['of', /no item "of"/]])('%s is refused with near ids', (text, message) => {
    let err: unknown;
    try {
      findItem(plan, text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).id).toBe('item.not-found');
    expect(`${(err as UserError).text.en}\n${(err as UserError).text.zh}`).toMatch(message);
  });

  it.each([
    ['T9 at risk', 'task', 9, 2], ['task 9 52%', 'task', 9, 6], ['taks 9 late', 'task', 9, 6], ['第九项任务已完成420个村', 'task', 9, 5], ['第九项 有风险', 'task', 9, 3],
    ['T９ done', 'task', 9, 2], ['目標三 正常', 'objective', 3, 3], ['任务组三滞后', 'group', 3, 4], ['objective three on track', 'objective', 3, 15],
  ] as const)('readLeadingItemRef(%j) reads %s %i and takes %i characters of the original', (text, kind, number, length) => {
    expect(readLeadingItemRef(text)).toEqual({ ref: { kind, number }, length });
  });

  it.each(['at risk T9', '420/800', 'the T9', ''])('readLeadingItemRef(%j) is null: no reference at the start', (text) => {
    expect(readLeadingItemRef(text)).toBeNull();
  });
});

describe('parseStatus: one vocabulary everywhere', () => {
  it.each([
    ['at-risk', 'at-risk'], ['At Risk', 'at-risk'], ['AT_RISK', 'at-risk'], ['ａｔ－ｒｉｓｋ', 'at-risk'], ['有风险', 'at-risk'], ['有風險', 'at-risk'],
    ['late', 'off-track'], ['LATE', 'off-track'], ['behind', 'off-track'], ['delayed', 'off-track'], ['滞后', 'off-track'], ['滯後', 'off-track'], ['進度滯後', 'off-track'],
    ['on track', 'on-track'], ['in progress', 'on-track'], ['进展顺利', 'on-track'], ['進展順利', 'on-track'], ['正常推進', 'on-track'],
    ['done', 'done'], ['completed', 'done'], ['已完成', 'done'], ['not started', 'not-started'], ['未開始', 'not-started'],
  ])('%s → %s', (word, status) => {
    expect(parseStatus(word)).toBe(status);
  });

  it.each(['fine', 'great', '很好', 'at-rsk', '', 'progress'])('%j is not a status', (word) => {
    expect(parseStatus(word)).toBeNull();
  });

  it.each([['is T11 done', true], ['T9是否滯後', true], ['is T9 late', true], ['what is task 9', false], ['is the sky green', false]] as const)('mentionsStatus(%j) = %s', (text, yes) => {
    expect(mentionsStatus(text)).toBe(yes);
  });
});

describe('readProgressValue: one reader of progress values', () => {
  const units = planUnitWords(plan);
  it.each([
    ['420/800', { kind: 'ratio', value: 420, target: 800 }, 7],
    ['420/800 villages', { kind: 'ratio', value: 420, target: 800 }, 16],
    ['52%', { kind: 'percent', value: 52 }, 3],
    ['70 percent', { kind: 'percent', value: 70 }, 10],
    ['T9.1=420', { kind: 'named', indicatorId: 'T9.1', value: 420, target: null }, 8],
    ['T9.2=6%', { kind: 'named', indicatorId: 'T9.2', value: 6, percent: true }, 7],
    ['420个村 周口', { kind: 'number', value: 420, unit: '个' }, 5],
    ['420个行政村', { kind: 'number', value: 420, unit: '个行政村' }, 7],
    ['420 villages', { kind: 'number', value: 420, unit: 'villages' }, 12],
    ['420', { kind: 'number', value: 420, unit: null }, 3],
  ] as const)('%s', (text, raw, length) => {
    const r = readProgressValue(text, units);
    expect(r).toMatchObject({ raw, length });
  });

  it.each(['2nd round', 'at risk', 'villages 420'])('%j is no value', (text) => {
    expect(readProgressValue(text, units)).toBeNull();
  });
});

describe('question or report', () => {
  it.each([
    ['is T11 done', 'question'], ['is T9 at risk', 'question'], ['T9 done?', 'question'], ['T9 done？', 'question'], ['has T9 finished', 'question'], ['did T9 finish', 'question'],
    ['does T9 look late', 'question'], ['was T9 delayed', 'question'], ['whether T9 is late', 'question'], ['T9 done yet', 'question'], ['are G3 tasks behind', 'question'],
    ['have they finished T9', 'question'], ['do we know T9', 'question'], ['update T9 done?', 'question'],
    ['T9完成了吗', 'question'], ['T9呢', 'question'], ['T9是否滞后', 'question'], ['T9有没有完成', 'question'], ['T9完成了没', 'question'], ['T9完成了没有', 'question'],
    ['T9是不是滞后', 'question'], ['T9完成了嗎', 'question'], ['T9有沒有完成', 'question'], ['更新 T9 滞后吗', 'question'],
    ['update T9 done', 'report'], ['report T9 late', 'report'], ['更新 T9 滞后', 'report'], ['汇报T9有风险', 'report'], ['报送 T9 420/800', 'report'], ['上报 T9', 'report'],
    ['填报 T9', 'report'], ['匯報 T9 滯後', 'report'], ['報送 T9', 'report'], ['ＵＰＤＡＴＥ T9 done', 'report'],
    ['T11 at risk', 'other'], ['T11 滞后', 'other'], ['T9 420/800', 'other'], ['T9 not yet started', 'other'], ['updated T9', 'other'],
  ] as const)('%s → %s', (text, form) => {
    expect(utteranceForm(text)).toBe(form);
  });

  it('a report verb is measured on the original text', () => {
    expect(leadingReportVerb('更新：T9 滞后')).toBe(3);
    expect(leadingReportVerb('update T9')).toBe(7);
    expect(leadingReportVerb('T9 update')).toBeNull();
    expect(isInterrogative('T9 not yet started')).toBe(false);
  });

  it('folds Traditional characters one for one', () => {
    expect(foldTraditional('第九項任務進展順利，目標三滯後')).toBe('第九项任务进展顺利，目标三滞后');
  });
});

describe('findStatusIn: a status named inside a sentence', () => {
  it.each([
    ['at-risk tasks', 'at-risk'], ['which tasks are late', 'off-track'], ['哪些任务滞后', 'off-track'], ['滯後的任務', 'off-track'], ['tasks in group 3', null], ['有风险的任务', 'at-risk'],
  ] as const)('%s → %s', async (text, status) => {
    const { findStatusIn } = await import('../../src/core/parse-status.js');
    expect(findStatusIn(text)).toBe(status);
  });
});
