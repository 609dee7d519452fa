import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/load-plan.js';
import { buildQuery, expandSynonyms, hanExpressionsIn, highestIdfOf, type QueryContext, type QuerySlot } from '../../src/search/build-query.js';
import { createTypoCorrector, defaultSynonyms, indexItems, normalizeText, synonymsFromJson, synonymsToJson } from '../../src/search/index.js';
import { createScorer } from '../../src/search/score-slots.js';
import { ENGLISH_STOP_WORDS } from '../../src/search/stop-words.js';

const inverted = indexItems((await loadPlan()).items);
const n = inverted.size;
const synonyms = defaultSynonyms();
const idf = (term: string): number | null => {
  const p = inverted.postings.get(term);
  return p ? Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5)) : null;
};
const ctx: QueryContext = { idf, correct: createTypoCorrector(inverted.words, ENGLISH_STOP_WORDS), synonyms, unknownIdf: idf('') ?? 1 };

/** Every question of the eval sets, and a few that match several expressions of one group or none. */
const QUESTIONS = [
  ...['questions.heldout.jsonl', 'questions.heldout2.jsonl', 'questions.regression.jsonl'].flatMap((file) =>
    readFileSync(new URL(`../eval/${file}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { q: string }).q),
  ),
  '受污染耕地', 'rate and ratio of treated sewage', 'zebra crossing', '斑马线的比例', 'greenhouse gas peak',
];

/** The slots with every synonym an alternative scored from the postings, term by term (no expression kept). */
function plain(slots: readonly QuerySlot[]): QuerySlot[] {
  return expandSynonyms(slots, synonyms).map((s) => ({ ...s, alternatives: s.alternatives.map((a) => ({ terms: a.terms, weight: a.weight })) }));
}

describe('a slot standing for its synonyms by the expressions it matched', () => {
  const limits = { limit: 100, relative: 0, exclude: -1, minScore: 0, minMatched: 0 };
  const docFactor = new Float64Array(n).fill(1);

  it('is built for questions with synonyms, and expanded to none', () => {
    const slots = buildQuery(normalizeText('rural sewage target'), ctx);
    expect(slots.some((s) => s.synonymsOf.length > 0)).toBe(true);
    const expanded = expandSynonyms(slots, synonyms);
    expect(expanded.every((s) => s.synonymsOf.length === 0)).toBe(true);
    expect(expanded.flatMap((s) => s.alternatives).some((a) => a.synonym !== undefined)).toBe(true);
  });

  it('scores exactly as its synonyms listed one by one, for every eval question, first and later', () => {
    const grouped = createScorer(n, inverted.postings, docFactor, synonyms);
    const listed = createScorer(n, inverted.postings, docFactor, synonyms);
    const fromPostings = createScorer(n, inverted.postings, docFactor);
    let withSynonyms = 0;
    for (const q of [...QUESTIONS, ...QUESTIONS]) {
      const slots = buildQuery(normalizeText(q), ctx);
      if (slots.some((s) => s.synonymsOf.length > 0)) withSynonyms++;
      const expected = fromPostings(plain(slots), limits);
      expect(grouped(slots, limits), q).toEqual(expected);
      expect(listed(expandSynonyms(slots, synonyms), limits), q).toEqual(expected);
    }
    expect(withSynonyms).toBeGreaterThan(100);
  });

  it('weighs a word no document has by the highest idf of its synonyms, as when they are listed', () => {
    // "effluent" is in no document: its slot weighs as much as the best-known of the words it stands with.
    expect(idf('effluent')).toBeNull();
    const slots = buildQuery(normalizeText('effluent'), ctx);
    const unknown = slots.find((s) => s.label === 'effluent')!;
    expect(unknown.synonymsOf.length).toBeGreaterThan(0);
    const listed = expandSynonyms([unknown], synonyms)[0]!;
    const best = Math.max(...listed.alternatives.map((a) => highestIdfOf(a.terms, idf) ?? -1));
    expect(best).toBeGreaterThan(0);
    expect(unknown.mass).toBe(best);
  });

  it('needs the synonym table in the scorer', () => {
    const slots = buildQuery(normalizeText('rural sewage target'), ctx);
    expect(() => createScorer(n, inverted.postings, docFactor)(slots, limits)).toThrow(/synonym/);
  });
});

describe('the Chinese expressions a question contains', () => {
  it('are found by the packed scan exactly as by looking for each expression in the text', () => {
    const table = defaultSynonyms();
    const texts = [...QUESTIONS, '农村生活污水治理率目标是多少', '危险废物专项整治三年行动', '受污染耕地安全利用率', '', 'abc', '碳', '医疗废物和危废'].map(normalizeText);
    let found = 0;
    for (const text of texts) {
      const expected = table.expressions.filter((e) => e.han !== null && text.includes(e.han)).map((e) => e.id);
      expect(hanExpressionsIn(text, table), text).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(50);
  });

  it('are packed the same from a table kept as JSON', () => {
    const table = defaultSynonyms();
    expect(synonymsFromJson(JSON.parse(JSON.stringify(synonymsToJson(table)))).hanScan).toEqual(table.hanScan);
  });
});
