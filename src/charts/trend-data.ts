import { formatNumber, t } from '../core/i18n.js';
import { lightWord, type Light } from '../core/lights.js';
import type { Lang } from '../core/reply.js';
import { stateAsOf } from '../core/state-as-of.js';
import { addDays, localDate, startOfDate, weekContaining } from '../digest/week.js';
import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import type { PlanEvent } from '../store/events.js';

/** One point of an indicator's trend: the week's end, the share reported then, the pace then and the item's light then. */
export interface TrendPoint {
  /** The last local day the point covers (YYYY-MM-DD): a Sunday, or the day of `at` for the week so far. */
  date: string;
  /** "06-13": what the axis shows. */
  label: string;
  /** Percent of the target reported by then, or null before the first report. */
  done: number | null;
  /** Percent the pace asks for by then. */
  expected: number;
  light: Light;
  lightLabel: string;
  /** "52.5%" beside the last point. */
  text: string;
}

/** Events that can change one item's state: its own, and the plan's units (which roll unit reports up). */
function eventsOf(events: readonly PlanEvent[], itemId: string): PlanEvent[] {
  return events.filter((e) => !('itemId' in e) || e.itemId === itemId);
}

/**
 * The trend of one indicator across the weeks of the plan year up to `at`: at the end of each
 * Monday–Sunday week (and at `at` itself for the week in progress) the state is replayed from the
 * log and read by the one attention judge, for the share reported, the pace and the item's light.
 * Only the item's events and the units' are replayed, so a long log of other items costs a filter. Pure.
 */
export function trendPoints(plan: Plan, item: PlanItem, ind: Indicator, events: readonly PlanEvent[], at: Date, timeZone: string, lang: Lang): TrendPoint[] {
  const mine = eventsOf(events, item.id);
  const yearEnd = startOfDate(`${plan.year + 1}-01-01`, timeZone);
  const last = Math.min(at.getTime(), yearEnd);
  const ends: number[] = [];
  // Week ends (the Monday after) inside the plan year, up to `last`; the first week may start in the year before.
  for (let end = weekContaining(startOfDate(`${plan.year}-01-01`, timeZone), timeZone).endMs; end <= last; end = startOfDate(addDays(localDate(end, timeZone), 7), timeZone)) ends.push(end);
  if (ends[ends.length - 1] !== last && last > startOfDate(`${plan.year}-01-01`, timeZone)) ends.push(last);
  return ends.map((end) => {
    // A week's end is the Monday after (exclusive); the point "now" includes a report made at `at` itself.
    const { states, judge } = stateAsOf(mine, plan, { at: end, until: new Date(end === at.getTime() ? end : end - 1).toISOString(), timeZone });
    const state = states.get(item.id);
    const reading = judge.pace(ind, state?.progress.find((p) => p.indicatorId === ind.id));
    const done = reading?.done == null ? null : Math.round(reading.done * 1000) / 10;
    const light = judge.of(item, state).light;
    const date = localDate(end - 1, timeZone);
    return {
      date,
      label: date.slice(5),
      done,
      expected: Math.round(judge.expectedShare(ind.deadline) * 1000) / 10,
      light,
      lightLabel: lightWord(light, lang),
      text: done === null ? t(lang, 'no report', '未报送') : `${formatNumber(done)}%`,
    };
  });
}
