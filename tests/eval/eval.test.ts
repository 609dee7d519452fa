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
