import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVAL_SETS } from '../../src/eval/eval-sets.js';
import { formatResult, runEval } from '../../src/eval/run-eval.js';
import { makeBot } from '../support/make-bot.js';

const results = await runEval(makeBot(), EVAL_SETS(fileURLToPath(new URL('../..', import.meta.url))));
const result = (name: string) => results.find((r) => r.set.name === name);

describe('answer quality stays at the bar (top-1 at least 95%, every answer-text check)', () => {
  for (const name of ['dev', 'heldout', 'regression']) {
    it.skipIf(!result(name))(name, () => {
      const r = result(name)!;
      if (r.kind !== 'questions') throw new Error(`${name} is a set of single questions`);
      expect(r.score.top1 / r.score.total, formatResult(r).join('\n')).toBeGreaterThanOrEqual(0.95);
      expect(r.score.textChecksPassed, formatResult(r).join('\n')).toBe(r.score.textChecks);
      expect(r.score.outOfScopeHandled).toBe(r.score.outOfScope);
    });
  }
});

// Written by a helper who had not read the search code (tests/eval/HELDOUT2.md); measured 160/161 when it entered the tests.
describe('the second held-out set (issue 13) stays at its bar', () => {
  it.skipIf(!result('heldout2'))('heldout2: top-1 at least 97%, every answer-text check, every out-of-scope question, no in-scope question refused', () => {
    const r = result('heldout2')!;
    if (r.kind !== 'questions') throw new Error('heldout2 is a set of single questions');
    expect(r.score.top1 / r.score.total, formatResult(r).join('\n')).toBeGreaterThanOrEqual(0.97);
    expect(r.score.textChecksPassed, formatResult(r).join('\n')).toBe(r.score.textChecks);
    expect(r.score.outOfScopeHandled).toBe(r.score.outOfScope);
    expect(r.score.inScopeRefused).toBe(0);
  });

  it.skipIf(!result('heldout2 whole-plan'))('whole-plan questions: every count and list', () => {
    const r = result('heldout2 whole-plan')!;
    if (r.kind !== 'whole-plan') throw new Error('a whole-plan set');
    expect(r.score.passed, formatResult(r).join('\n')).toBe(r.score.total);
  });

  it.skipIf(!result('heldout2 follow-ups'))('follow-up pairs: every follow-up about the first item', () => {
    const r = result('heldout2 follow-ups')!;
    if (r.kind !== 'followups') throw new Error('a follow-up set');
    expect(r.score.passed, formatResult(r).join('\n')).toBe(r.score.total);
  });
});
