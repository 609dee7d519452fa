import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/load-plan.js';
import { buildSearchIndex, compileSynonyms, defaultSynonyms, indexItems, SYNONYM_GROUPS, type QuerySlot } from '../../src/search/index.js';
import { createScorer } from '../../src/search/score-slots.js';

const items = (await loadPlan()).items;
const inverted = indexItems(items);
const index = buildSearchIndex(items, undefined, inverted);

const QUESTIONS = [
  "what's the rural sewage target",
  'wht is the rual sewage targt',
  'safe utilization rate of contaminated farmland',
  'greenhouse gas inventory',
  'hazardous waste three-year campaign',
  '农村生活污水治理率要达到多少',
  '危险废物专项整治三年行动',
  'PM2.5和臭氧协同控制',
  'radioactive source accident probability',
];

/** The same slots with no alternative marked as a synonym: scored term by term from the postings. */
function unmarked(slots: QuerySlot[]): QuerySlot[] {
  return slots.map((s) => ({ ...s, alternatives: s.alternatives.map((a) => ({ terms: a.terms, weight: a.weight })) }));
}

describe('the scorer keeps what each synonym expression finds', () => {
  const limits = { limit: 100, relative: 0, exclude: -1, minScore: 0, minMatched: 0 };

  it('marks synonyms with their expression id', () => {
    const slots = index.explain('rural sewage target');
    expect(slots.flatMap((s) => s.alternatives).some((a) => a.synonym !== undefined)).toBe(true);
  });

  it.each(QUESTIONS)('and scores exactly as from the postings, first and later: %s', (q) => {
    const kept = createScorer(inverted.size, inverted.postings, new Float64Array(inverted.size).fill(1));
    const plain = createScorer(inverted.size, inverted.postings, new Float64Array(inverted.size).fill(1));
    const slots = index.explain(q);
    const expected = plain(unmarked(slots), limits);
    expect(expected.length).toBeGreaterThan(0);
    expect(kept(slots, limits)).toEqual(expected);
    expect(kept(slots, limits)).toEqual(expected);
  });
});

describe('synonym expressions', () => {
  it('have their position as id, in a compiled and in the default table', () => {
    for (const table of [compileSynonyms(SYNONYM_GROUPS), defaultSynonyms()]) table.expressions.forEach((e, i) => expect(e.id).toBe(i));
  });

  it('in Chinese never start with an ASCII character (queries look them up by their non-ASCII characters only)', () => {
    for (const code of defaultSynonyms().hanScan.first) expect(code).toBeGreaterThanOrEqual(0x80);
  });
});
