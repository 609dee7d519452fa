import { z } from 'zod';

/**
 * One line of an evaluation set: a question, the item expected first (null: nothing matches), texts the
 * answer must contain. Other fields a set carries (kind, lang, note) are read and ignored.
 */
export const EvalQuestion = z.object({
  q: z.string(),
  expect: z.string().nullable(),
  contains: z.array(z.string()).default([]),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

/** One question about the whole plan: answered with a count (the number in `contains`) or a list (with or without named ids). */
export const WholePlanQuestion = z.object({
  q: z.string(),
  expect: z.enum(['count', 'list']),
  contains: z.array(z.string()).default([]),
  includes: z.array(z.string()).default([]),
  excludes: z.array(z.string()).default([]),
});
export type WholePlanQuestion = z.infer<typeof WholePlanQuestion>;

/** A follow-up pair: `followup` (naming no item) is sent by the same user in the same channel after `first`, and is about `expected`. */
export const FollowupPair = z.object({
  first: z.string(),
  followup: z.string(),
  expected: z.string(),
  contains: z.array(z.string()).default([]),
});
export type FollowupPair = z.infer<typeof FollowupPair>;

/** What scoring needs of an answer: the matches, best first, the text a person reads, and the ids listed when it is a list (else null). */
export interface Answer {
  matches: { id: string; score: number }[];
  text: string;
  listed?: string[] | null;
}

/** The score of an evaluation run. */
export interface EvalScore {
  total: number;
  top1: number;
  textChecks: number;
  textChecksPassed: number;
  /** Questions expecting nothing (out of scope), and how many of them got no match. */
  outOfScope: number;
  outOfScopeHandled: number;
  /** In-scope questions answered with no match at all (fell under the floor). */
  inScopeRefused: number;
  misses: { q: string; expected: string | null; got: string | null; missingText: string[] }[];
}

/** Parses a JSONL set with a schema, naming the line of any bad entry. */
function parseJsonl<T>(jsonl: string, schema: z.ZodType<T>): T[] {
  return jsonl
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      const result = schema.safeParse(JSON.parse(line));
      if (!result.success) throw new Error(`line ${n}: ${result.error.issues.map((x) => x.message).join('; ')}`);
      return result.data;
    });
}

/** Parses a JSONL evaluation set, naming the line of any bad entry. */
export function parseEvalSet(jsonl: string): EvalQuestion[] {
  return parseJsonl(jsonl, EvalQuestion);
}

/** Parses a JSONL set of whole-plan questions. */
export function parseWholePlanSet(jsonl: string): WholePlanQuestion[] {
  return parseJsonl(jsonl, WholePlanQuestion);
}

/** Parses a JSONL set of follow-up pairs. */
export function parseFollowupSet(jsonl: string): FollowupPair[] {
  return parseJsonl(jsonl, FollowupPair);
}

/** Scores answers: top-1 (the first match is the expected item, or no match for null), answer-text checks, out-of-scope handling. */
export async function scoreQuestions(questions: EvalQuestion[], ask: (q: string) => Promise<Answer>): Promise<EvalScore> {
  const score: EvalScore = { total: questions.length, top1: 0, textChecks: 0, textChecksPassed: 0, outOfScope: 0, outOfScopeHandled: 0, inScopeRefused: 0, misses: [] };
  for (const q of questions) {
    const answer = await ask(q.q);
    const got = answer.matches[0]?.id ?? null;
    const hit = got === q.expect;
    const missingText = q.contains.filter((c) => !answer.text.includes(c));
    score.textChecks += q.contains.length;
    score.textChecksPassed += q.contains.length - missingText.length;
    if (q.expect === null) {
      score.outOfScope++;
      if (got === null) score.outOfScopeHandled++;
    } else if (got === null) score.inScopeRefused++;
    if (hit) score.top1++;
    if (!hit || missingText.length) score.misses.push({ q: q.q, expected: q.expect, got, missingText });
  }
  return score;
}

/** The score of whole-plan questions: each passes when answered as a count with the number, or as a list with the named ids in and out. */
export interface WholePlanScore {
  total: number;
  passed: number;
  misses: { q: string; expected: string; why: string }[];
}

/** Scores whole-plan questions: a count must be answered with its number and not as an item card; a list as a list (named ids in, excluded ids out). */
export async function scoreWholePlan(questions: WholePlanQuestion[], ask: (q: string) => Promise<Answer>): Promise<WholePlanScore> {
  const score: WholePlanScore = { total: questions.length, passed: 0, misses: [] };
  for (const q of questions) {
    const a = await ask(q.q);
    const listed = a.listed ?? null;
    const why: string[] = [];
    if (q.expect === 'count') {
      const card = listed === null && a.matches.length > 0;
      if (card) why.push(`item card ${a.matches[0]!.id}`);
      const missing = q.contains.filter((c) => !new RegExp(`(^|[^\\d.])${c.replace(/\./g, '\\.')}(?![\\d.]\\d)`).test(a.text));
      if (missing.length) why.push(`no ${missing.join(', ')}`);
    } else if (listed === null) {
      why.push(a.matches[0] ? `item card ${a.matches[0].id}` : 'no list');
    } else {
      const absent = q.includes.filter((id) => !listed.includes(id));
      const wrong = q.excludes.filter((id) => listed.includes(id));
      if (absent.length) why.push(`lacks ${absent.join(', ')}`);
      if (wrong.length) why.push(`wrongly lists ${wrong.join(', ')}`);
    }
    if (why.length) score.misses.push({ q: q.q, expected: q.expect, why: why.join('; ') });
    else score.passed++;
  }
  return score;
}

/** The score of follow-up pairs: a pair passes when its follow-up is answered about the expected item, with the texts it must contain. */
export interface FollowupScore {
  total: number;
  passed: number;
  misses: { first: string; followup: string; expected: string; gotFirst: string | null; got: string | null; missingText: string[] }[];
}

/**
 * Scores follow-up pairs: for each pair, `ask(pair index)` gives a conversation (one user, one channel, fresh
 * for the pair); the first question is sent, then the follow-up, which must be about the expected item.
 */
export async function scoreFollowups(pairs: FollowupPair[], conversation: (n: number) => (q: string) => Promise<Answer>): Promise<FollowupScore> {
  const score: FollowupScore = { total: pairs.length, passed: 0, misses: [] };
  for (const [n, p] of pairs.entries()) {
    const say = conversation(n);
    const first = await say(p.first);
    const second = await say(p.followup);
    const got = second.matches[0]?.id ?? null;
    const missingText = p.contains.filter((c) => !second.text.includes(c));
    if (got === p.expected && missingText.length === 0) score.passed++;
    else score.misses.push({ first: p.first, followup: p.followup, expected: p.expected, gotFirst: first.matches[0]?.id ?? null, got, missingText });
  }
  return score;
}
