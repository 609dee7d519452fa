import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { looksLikeUpdate, mistypedStatusReport, readFreeTextReport } from '../../src/core/parse-update.js';
import { corpusQuestions, EXTRA, SEED } from '../../src/eval/answer-corpus.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';

// update-status reads free text once for both questions it asks (an update? a mistyped status?), and
// skips text with no number: the answer must be that of looksLikeUpdate, then mistypedStatusReport.

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

const REPORTS = [
  'T9 at risk', 'T9 有风险', 'T9 有风线', 'T9 有风线 @周口', 'T9 @周口 有风线', 'T9 @周口120/800', 'T９ ４２０／８００', 'task nine done', 'taks 9 late',
  '第九项 滞后', '第九项 滞後', '任務九 進展順利', 'status T9 at risk', 'progress T9 52%', '已完成420个村', 'T9 正常推近', 'T9 "有风线"', 'T9 note only',
  '@周口 T9 done', '＠周口 T9 有风线', 'T11 70%', 'T11 70%?', 'is T11 done', 'objective three on track', 'the ninth task at risk', 'G3 off track',
  '  T9   at-risk  ', 'T9,有风线', 'T9：有风线', 'ninth task 有风线', 'xnine task at risk', 'hello', '', '你好', 'T 9 at risk', 'o3 done',
];

describe('readFreeTextReport', () => {
  it('answers as looksLikeUpdate, then mistypedStatusReport, on every eval question and report form', () => {
    const texts = [...corpusQuestions(fileURLToPath(new URL('../..', import.meta.url))), ...EXTRA, ...SEED, ...REPORTS];
    for (const text of texts) {
      const expected = looksLikeUpdate(text, plan) ? 'update' : mistypedStatusReport(text, plan);
      expect(readFreeTextReport(text, plan), text).toEqual(expected);
    }
  });

  it('reads a report, a mistyped status and anything else', () => {
    expect(readFreeTextReport('T9 at risk', plan)).toBe('update');
    expect(readFreeTextReport('T9 有风线', plan)).toMatchObject({ code: 'status.unknown', choices: ['at-risk'] });
    expect(readFreeTextReport('what is the rural sewage target', plan)).toBeNull();
    expect(readFreeTextReport('is T9 at risk', plan)).toBeNull();
    expect(readFreeTextReport('T9 at risk', plan, true)).toBeNull();
  });
});
