import { describe, expect, it } from 'vitest';
import { createPlanSearch } from '../../src/core/plan-search.js';
import { loadPlan } from '../../src/plan/load-plan.js';

const plan = await loadPlan();
const search = createPlanSearch(plan);

const QUESTIONS = [
  "what's the rural sewage target",
  '农村生活污水治理率是多少',
  'PM2.5 concentration',
  'safe utilization rate of contaminated farmland',
  'radioactive source accident rate',
  'black and odorous water treated, villages rectified, medical institutions covered',
  'remote monitoring coverage of enterprises, law enforcement teams',
  'T9.1',
  'rual sewge targt',
  'zebra crossings',
];

describe('indicators restricted to some items', () => {
  const withTargets = plan.items.filter((i) => i.indicators.length > 0).map((i) => i.id);
  const without = plan.items.filter((i) => i.indicators.length === 0).map((i) => i.id);
  const subsets: string[][] = [withTargets, withTargets.slice(0, 1), withTargets.slice(1, 3), [without[0]!, withTargets[2]!], without.slice(0, 5), []];

  it.each(QUESTIONS)('are the unrestricted hits of those items, in the same order, with the same scores: %s', (q) => {
    const all = search.indicators(q);
    for (const items of subsets) expect(search.indicators(q, { items })).toEqual(all.filter((h) => items.includes(h.itemId)));
  });

  it('are tried on questions that find targets of several items', () => {
    expect(new Set(QUESTIONS.flatMap((q) => search.indicators(q).map((h) => h.itemId))).size).toBeGreaterThan(3);
  });

  it('are none when no item given has an indicator', () => {
    for (const q of QUESTIONS) expect(search.indicators(q, { items: without })).toEqual([]);
  });
});
