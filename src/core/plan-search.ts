import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import { buildSearchIndex, type SearchHit, type SearchIndex, type SearchOptions } from '../search/index.js';

/** Search over a plan's items, plus a finer search over its indicators to pick the number asked for. */
export interface PlanSearch extends SearchIndex {
  /** Every indicator that matches a question, best first, with its item; empty when none matches. */
  indicators(query: string): { indicator: Indicator; itemId: string; score: number }[];
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
    indicators(query) {
      if (!indicatorIndex) return [];
      return indicatorIndex.search(query, { limit: 50, relative: 0 }).flatMap((h) => {
        const indicator = byId.get(h.id.replace('x', '.'));
        return indicator ? [{ indicator, itemId: indicator.id.split('.')[0]!, score: h.score }] : [];
      });
    },
  };
}
