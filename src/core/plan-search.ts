import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import { buildSearchIndex, indexItems, type InvertedIndex, type SearchHit, type SearchIndex, type SearchOptions } from '../search/index.js';

/** Search over a plan's items, plus a finer search over its indicators to pick the number asked for. */
export interface PlanSearch extends SearchIndex {
  /**
   * Every indicator that matches a question, best first, with its item; empty when none matches.
   * With `items`, only the indicators of those items (the same hits, filtered), and no search at all
   * when none of them has an indicator: a caller that only weighs a few items pays for no more.
   */
  indicators(query: string, opts?: IndicatorSearchOptions): { indicator: Indicator; itemId: string; score: number }[];
}

/** Options of {@link PlanSearch.indicators}. */
export interface IndicatorSearchOptions {
  /** Ids of the items whose indicators are wanted (default: every item). */
  items?: readonly string[];
}

/** The inverted indexes a plan search is built on: plain data, kept on disk between runs by the plan cache. */
export interface PlanIndexes {
  items: InvertedIndex;
  /** Null when the plan has no indicator. */
  indicators: InvertedIndex | null;
}

/** Each indicator as a small document of its own (id `T9x1` for T9.1), so a question can pick the number it asks for. */
function indicatorDocs(plan: Plan): PlanItem[] {
  return plan.items.flatMap((item) =>
    item.indicators.map((ind) => ({
      ...item,
      id: indicatorDocId(ind),
      title: ind.metric,
      text: ind.text,
      indicators: [ind],
      aliases: { zh: [], en: ind.unitLabel ? [ind.unitLabel.en] : [] },
    })),
  );
}

/** The id of an indicator's document: `T9x1` for T9.1. */
function indicatorDocId(indicator: Indicator): string {
  return indicator.id.replace('.', 'x');
}

/** Builds the inverted indexes of a plan: its items, and its indicators. */
export function indexPlan(plan: Plan): PlanIndexes {
  const docs = indicatorDocs(plan);
  return { items: indexItems(plan.items), indicators: docs.length ? indexItems(docs) : null };
}

/** Indexes a plan once (or takes `indexes` built earlier by {@link indexPlan} from the same plan): its items, and each indicator. */
export function createPlanSearch(plan: Plan, indexes?: PlanIndexes): PlanSearch {
  const docs = indicatorDocs(plan);
  const items = buildSearchIndex(plan.items, undefined, indexes?.items);
  // Each indicator document's target and item, by the document's id (T9x1 is T9.1 of T9).
  const targetOf = new Map<string, { indicator: Indicator; itemId: string }>(
    plan.items.flatMap((item) => item.indicators.map((indicator) => [indicatorDocId(indicator), { indicator, itemId: indicator.id.split('.')[0]! }] as const)),
  );
  const hasIndicators = new Set(plan.items.filter((item) => item.indicators.length > 0).map((item) => item.id));
  const indicatorIndex = docs.length ? buildSearchIndex(docs, undefined, indexes ? (indexes.indicators ?? undefined) : undefined) : null;
  return {
    search: (query: string, opts?: SearchOptions): SearchHit[] => items.search(query, opts),
    indicators(query, opts) {
      if (!indicatorIndex) return [];
      const wanted = opts?.items;
      if (wanted && !wanted.some((id) => hasIndicators.has(id))) return [];
      const found: { indicator: Indicator; itemId: string; score: number }[] = [];
      for (const hit of indicatorIndex.search(query, { limit: 50, relative: 0 })) {
        const target = targetOf.get(hit.id);
        if (target && (!wanted || wanted.includes(target.itemId))) found.push({ indicator: target.indicator, itemId: target.itemId, score: hit.score });
      }
      return found;
    },
  };
}
