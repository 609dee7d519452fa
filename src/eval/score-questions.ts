import { z } from 'zod';

/** One line of an evaluation set: a question, the item expected first (null: nothing matches), texts the answer must contain. */
export const EvalQuestion = z.object({
  q: z.string(),
  expect: z.string().nullable(),
  contains: z.array(z.string()).default([]),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

/** What scoring needs of an answer: the matches, best first, and the text a person reads. */
export interface Answer {
  matches: { id: string; score: number }[];
  text: string;
}

/** The score of an evaluation run. */
export interface EvalScore {
  total: number;
  top1: number;
  textChecks: number;
  textChecksPassed: number;
  misses: { q: string; expected: string | null; got: string | null; missingText: string[] }[];
}

/** Parses a JSONL evaluation set, naming the line of any bad entry. */
export function parseEvalSet(jsonl: string): EvalQuestion[] {
  return jsonl
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      const result = EvalQuestion.safeParse(JSON.parse(line));
      if (!result.success) throw new Error(`line ${n}: ${result.error.issues.map((x) => x.message).join('; ')}`);
      return result.data;
    });
}

/** Scores answers: top-1 (the first match is the expected item, or no match for null) and the answer-text checks. */
export async function scoreQuestions(questions: EvalQuestion[], ask: (q: string) => Promise<Answer>): Promise<EvalScore> {
  const score: EvalScore = { total: questions.length, top1: 0, textChecks: 0, textChecksPassed: 0, misses: [] };
  for (const q of questions) {
    const answer = await ask(q.q);
    const got = answer.matches[0]?.id ?? null;
    const hit = got === q.expect;
    const missingText = q.contains.filter((c) => !answer.text.includes(c));
    score.textChecks += q.contains.length;
    score.textChecksPassed += q.contains.length - missingText.length;
    if (hit) score.top1++;
    if (!hit || missingText.length) score.misses.push({ q: q.q, expected: q.expect, got, missingText });
  }
  return score;
}
