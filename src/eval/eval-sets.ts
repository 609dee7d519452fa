import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalSetFile } from './run-eval.js';

/** Every evaluation set of the project, under the repository root `root` (the shared development set beside it). */
export function EVAL_SETS(root: string): EvalSetFile[] {
  const t = (f: string) => join(root, 'tests/eval', f);
  // The shared set sits beside the checkout (../shared), or beside its worktree folder (../../shared).
  const dev = [join(root, '../shared/eval/questions.dev.jsonl'), join(root, '../../shared/eval/questions.dev.jsonl')].find((f) => existsSync(f));
  return [
    { name: 'dev', file: dev ?? join(root, '../shared/eval/questions.dev.jsonl'), kind: 'questions' },
    { name: 'heldout', file: t('questions.heldout.jsonl'), kind: 'questions' },
    { name: 'regression', file: t('questions.regression.jsonl'), kind: 'questions' },
    { name: 'heldout2', file: t('questions.heldout2.jsonl'), kind: 'questions' },
    { name: 'heldout2 whole-plan', file: t('questions.heldout2.whole-plan.jsonl'), kind: 'whole-plan' },
    { name: 'heldout2 follow-ups', file: t('questions.heldout2.followups.jsonl'), kind: 'followups' },
  ];
}
