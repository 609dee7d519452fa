import { existsSync, readFileSync } from 'node:fs';
import type { Bot } from '../core/bot.js';
import { renderPlainText, type Reply } from '../core/reply.js';
import { consoleUser } from '../core/user-ids.js';
import {
  parseEvalSet,
  parseFollowupSet,
  parseWholePlanSet,
  scoreFollowups,
  scoreQuestions,
  scoreWholePlan,
  type Answer,
  type EvalScore,
  type FollowupScore,
  type WholePlanScore,
} from './score-questions.js';

/** A set of questions on disk: single questions, whole-plan questions, or follow-up pairs. */
export interface EvalSetFile {
  name: string;
  file: string;
  kind: 'questions' | 'whole-plan' | 'followups';
}

/** One set's result. */
export type EvalResult =
  | { set: EvalSetFile; kind: 'questions'; score: EvalScore }
  | { set: EvalSetFile; kind: 'whole-plan'; score: WholePlanScore }
  | { set: EvalSetFile; kind: 'followups'; score: FollowupScore };

/** The reply as the scorer reads it: matches, plain text, and the ids listed when the reply is a list. */
export function answerOf(r: Reply): Answer {
  const lists = r.blocks.filter((b) => b.type === 'list');
  const listed = lists.length ? lists.flatMap((b) => b.items.map((i) => i.id)) : null;
  return { matches: r.matches, text: renderPlainText(r), listed };
}

/**
 * State the whole-plan and follow-up questions are asked against, written through the doors users use
 * (so "what is at risk" and "which tasks have no owner" have something to list).
 */
const SEED = ['update T9 at-risk 420/800', 'update T7 off-track', 'assign T1 @console:admin', 'assign T9 @console:admin'];

/**
 * Runs every set through the bot. Each single question is asked in a fresh channel (no conversation
 * context); each follow-up pair in its own channel, first question then follow-up, by the same user.
 */
export async function runEval(bot: Bot, sets: readonly EvalSetFile[]): Promise<EvalResult[]> {
  const user = { id: consoleUser('eval') };
  let n = 0;
  const askIn = (channel: string) => async (q: string) => answerOf(await bot.handle({ text: q, user, platform: 'console', channel }));
  const fresh = (q: string) => askIn(`console:eval-${n++}`)(q);
  let seeded = false;
  const results: EvalResult[] = [];
  for (const set of sets) {
    if (!existsSync(set.file)) continue;
    const text = readFileSync(set.file, 'utf8');
    if (set.kind !== 'questions' && !seeded) {
      for (const command of SEED) await bot.handle({ text: command, user: { id: consoleUser('admin') }, platform: 'console', channel: 'console:seed', command: true });
      seeded = true;
    }
    if (set.kind === 'questions') results.push({ set, kind: set.kind, score: await scoreQuestions(parseEvalSet(text), fresh) });
    else if (set.kind === 'whole-plan') results.push({ set, kind: set.kind, score: await scoreWholePlan(parseWholePlanSet(text), fresh) });
    else results.push({ set, kind: set.kind, score: await scoreFollowups(parseFollowupSet(text), (i) => askIn(`console:pair-${set.name}-${i}`)) });
  }
  return results;
}

const pct = (a: number, b: number) => (b === 0 ? '100.0' : ((100 * a) / b).toFixed(1));

/** A result as the lines `npm run eval` prints: its misses, then its figures. */
export function formatResult(r: EvalResult, showMisses = true): string[] {
  const out: string[] = [];
  if (r.kind === 'questions') {
    const s = r.score;
    if (showMisses) for (const m of s.misses) out.push(`  MISS ${JSON.stringify(m.q)}: expected ${m.expected ?? 'nothing'}, got ${m.got ?? 'nothing'}${m.missingText.length ? `; answer lacks ${m.missingText.map((t) => JSON.stringify(t)).join(', ')}` : ''}`);
    out.push(`${r.set.name}: ${s.total} questions (${r.set.file})`);
    out.push(`  top-1: ${s.top1}/${s.total} (${pct(s.top1, s.total)}%)`);
    out.push(`  answer-text checks: ${s.textChecksPassed}/${s.textChecks} (${pct(s.textChecksPassed, s.textChecks)}%)`);
    out.push(`  out of scope answered "nothing matches": ${s.outOfScopeHandled}/${s.outOfScope}; in-scope questions refused: ${s.inScopeRefused}`);
  } else if (r.kind === 'whole-plan') {
    const s = r.score;
    if (showMisses) for (const m of s.misses) out.push(`  MISS ${JSON.stringify(m.q)}: expected a ${m.expected}; ${m.why}`);
    out.push(`${r.set.name}: ${s.total} whole-plan questions (${r.set.file})`);
    out.push(`  answered as a count or list: ${s.passed}/${s.total} (${pct(s.passed, s.total)}%)`);
  } else {
    const s = r.score;
    if (showMisses) for (const m of s.misses) out.push(`  MISS ${JSON.stringify(m.first)} → ${JSON.stringify(m.followup)}: expected ${m.expected}, got ${m.gotFirst ?? 'nothing'} → ${m.got ?? 'nothing'}${m.missingText.length ? `; answer lacks ${m.missingText.map((t) => JSON.stringify(t)).join(', ')}` : ''}`);
    out.push(`${r.set.name}: ${s.total} follow-up pairs (${r.set.file})`);
    out.push(`  follow-ups answered about the first item: ${s.passed}/${s.total} (${pct(s.passed, s.total)}%)`);
  }
  return out;
}
