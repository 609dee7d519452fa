import { findIndicator } from '../core/find-indicator.js';
import type { PlanSearch } from '../core/plan-search.js';
import { UserError } from '../errors.js';
import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import { isChartable } from './progress-data.js';

/**
 * The target a chart request names: a reference (`T9.1`, `T9`, `第九项`) by the one target resolver,
 * else words (`rural sewage`, `农村污水`) by the plan's search, preferring the target whose own words
 * match best among the items found. Throws a user error saying how to ask when nothing fits.
 */
export function chartTarget(plan: Plan, search: PlanSearch, words: string): { item: PlanItem; indicator: Indicator } {
  try {
    return findIndicator(plan, words, isChartable);
  } catch (err) {
    if (!(err instanceof UserError) || err.id !== 'item.not-found') throw err;
  }
  const items = search.search(words, { limit: 3 }).flatMap((h) => plan.items.filter((i) => i.id === h.id && i.indicators.some(isChartable)));
  const byTarget = search.indicators(words).find((h) => isChartable(h.indicator) && items.some((i) => i.id === h.itemId));
  const item = byTarget ? items.find((i) => i.id === byTarget.itemId)! : items[0];
  if (item) return { item, indicator: byTarget?.indicator ?? item.indicators.find(isChartable)! };
  throw new UserError('chart.no-target', {
    en: `No target with a number in the plan matches "${words}". Name one, e.g. /plan chart T9.1, or ask for every target: /plan chart`,
    zh: `计划中没有与“${words}”相符的量化指标。请写明指标，例如 /plan chart T9.1，或查看全部指标：/plan chart`,
  });
}
