import { UserError } from '../errors.js';
import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import { findItem } from './find-item.js';
import { nfkc } from '../search/normalize.js';

/**
 * The one reader of a target reference: `T9.1` (any case or width) is that target; an item reference
 * (`T9`, `第九项`, `task 9`, read by `findItem`) is the item's first target that `accept` takes. Throws
 * a user error naming the item's targets when there is no such target.
 */
export function findIndicator(plan: Plan, raw: string, accept: (ind: Indicator) => boolean = () => true): { item: PlanItem; indicator: Indicator } {
  const text = nfkc(raw).trim();
  const dotted = /^(.+?)\.(\d+)$/.exec(text);
  const item = findItem(plan, dotted ? dotted[1]! : text);
  const wanted = dotted ? `${item.id}.${Number(dotted[2])}` : null;
  const indicator = wanted ? item.indicators.find((i) => i.id === wanted && accept(i)) : item.indicators.find(accept);
  if (indicator) return { item, indicator };
  const ids = item.indicators.filter(accept).map((i) => i.id);
  throw new UserError(
    'indicator.not-found',
    {
      en: ids.length ? `${item.id} has no target ${wanted ?? ''} to chart; its targets with a number are ${ids.join(', ')}.` : `${item.id} has no target with a number to chart. Ask for one that has, e.g. T9.1 (/plan chart T9.1), or for the whole plan (/plan chart).`,
      zh: ids.length ? `${item.id} 没有可绘图的指标 ${wanted ?? ''}；其量化指标为 ${ids.join('、')}。` : `${item.id} 没有可绘图的量化指标。请指定有数值目标的指标，例如 T9.1（/plan chart T9.1），或查看全部指标（/plan chart）。`,
    },
    { id: raw, suggestions: ids },
  );
}
