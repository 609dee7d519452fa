import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import { buildSearchIndex, type SearchHit, type SearchIndex, type SearchOptions } from '../search/index.js';

/** Search over a plan's items, plus a finer search over its indicators to pick the number asked for. */
export interface PlanSearch extends SearchIndex {
  /** The indicators of one item ranked against a question, best first; empty when none matches. */
  indicators(query: string, itemId: string): { indicator: Indicator; score: number }[];
}

/** Indexes a plan once: its items, and each indicator as a small document of its own. */
export function createPlanSearch(plan: Plan): PlanSearch {
  const items = buildSearchIndex(plan.items);
  const byId = new Map<string, Indicator>();
  const docs: PlanItem[] = plan.items.flatMap((item) =>
    item.indicators.map((ind) => {
      byId.set(ind.id, ind);
      return {
        ...item,
        id: ind.id.replace('.', 'x'),
        title: ind.metric,
        text: ind.text,
        indicators: [ind],
        aliases: { zh: [], en: ind.unitLabel ? [ind.unitLabel.en] : [] },
      };
    }),
  );
  const indicatorIndex = docs.length ? buildSearchIndex(docs) : null;
  return {
    search: (query: string, opts?: SearchOptions): SearchHit[] => items.search(query, opts),
    indicators(query, itemId) {
      if (!indicatorIndex) return [];
      return indicatorIndex
        .search(query, { limit: 50, relative: 0 })
        .map((h) => ({ indicator: byId.get(h.id.replace('x', '.'))!, score: h.score }))
        .filter((h) => h.indicator && h.indicator.id.startsWith(`${itemId}.`));
    },
  };
}
