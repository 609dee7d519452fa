import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/load-plan.js';
import { buildQuery, highestIdfOf, type QueryContext } from '../../src/search/build-query.js';
import { createTypoCorrector, defaultSynonyms, indexItems, normalizeText } from '../../src/search/index.js';
import { ENGLISH_STOP_WORDS } from '../../src/search/stop-words.js';

const inverted = indexItems((await loadPlan()).items);
const n = inverted.size;
const idf = (term: string): number | null => {
  const p = inverted.postings.get(term);
  return p ? Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5)) : null;
};
const plain: QueryContext = { idf, correct: createTypoCorrector(inverted.words, ENGLISH_STOP_WORDS), synonyms: defaultSynonyms(), unknownIdf: idf('') ?? 1 };
const kept = new Map<number, number | null>();
const keeping: QueryContext = { ...plain, expressionIdf: (id, terms) => (kept.has(id) ? kept.get(id)! : (kept.set(id, highestIdfOf(terms, idf)), kept.get(id)!)) };

const QUESTIONS = ['农村生活污水治理率要达到多少', '危险废物专项整治三年行动', 'wht is the rual sewage targt', 'zebra crossing rate', '斑马线的比例', 'greenhouse gas inventory', '碳达峰行动方案'];

describe('the highest idf of a synonym expression, kept by the index', () => {
  it.each(QUESTIONS)('gives the same slots, masses included, first and later: %s', (q) => {
    const normalized = normalizeText(q);
    const expected = buildQuery(normalized, plain);
    expect(buildQuery(normalized, keeping)).toEqual(expected);
    expect(buildQuery(normalized, keeping)).toEqual(expected);
  });

  it('is asked for when a part of the question is unknown to the index', () => {
    buildQuery(normalizeText('斑马线的比例'), keeping);
    expect(kept.size).toBeGreaterThan(0);
  });
});
