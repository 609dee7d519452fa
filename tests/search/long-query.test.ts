import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/load-plan.js';
import { buildSearchIndex, MAX_QUERY_CHARS } from '../../src/search/index.js';
import { planProse, randomHan } from '../support/long-text.js';

const plan = await loadPlan();
const index = buildSearchIndex(plan.items);

describe('a long query is searched by its first MAX_QUERY_CHARS characters only', () => {
  it.each([
    ['the plan’s paragraphs', planProse(plan, 10_000)],
    ['random Chinese characters', randomHan(10_000, 11)],
    ['English prose', plan.items.map((i) => i.text.en).join(' ').slice(0, 10_000)],
  ])('%s: the same terms and hits as its start, and no more terms than characters read', (_, text) => {
    const start = text.slice(0, MAX_QUERY_CHARS);
    const slots = index.explain(text);
    expect(slots).toEqual(index.explain(start));
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(index.search(text)).toEqual(index.search(start));
  });
});
