import type { AttentionReason } from '../core/attention.js';
import { stateAsOf } from '../core/state-as-of.js';
import type { Light } from '../core/lights.js';
import { localDate, startOfDate } from '../digest/week.js';
import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import type { Unit } from '../plan/units.js';
import type { PlanEvent, ProgressEntry, Status } from '../store/events.js';
import { unitsOfItem } from '../store/unit-state.js';

/** One target of an item at the end of the report: the latest value and when it was reported, and whether it is met. */
export interface TargetResult {
  indicator: Indicator;
  /** The item's value of the target (the province value for an item with units), or null when never reported. */
  achieved: ProgressEntry | null;
  /** Local date (YYYY-MM-DD) of the latest report that carried the value. */
  reportedOn: string | null;
  /** Whether the value meets the target, by the attention judge's pace reading; null when it cannot say (no value, no number). */
  met: boolean | null;
}

/** A note someone wrote on an item, quoted to explain where it fell short. */
export interface ReportNote {
  /** Local date (YYYY-MM-DD). */
  date: string;
  user: string;
  /** The unit whose report it was, for an item with units. */
  unit: string | null;
  text: string;
}

/** One objective or task of the year-end report. */
export interface ItemResult {
  item: PlanItem;
  status: Status;
  /** The light at the end of the report, with its reasons, from the one attention computation. */
  light: Light;
  reasons: AttentionReason[];
  signedOff: { at: string; by: string } | null;
  targets: TargetResult[];
  /** Lead and responsible units, by id. */
  lead: string | null;
  responsible: string[];
  /** The light at the end of each month (January first); null for a month not begun by the report's end. */
  monthly: (Light | null)[];
  /** Notes that explain a miss (the latest first, at most `MAX_NOTES`), for an item whose light is not green or with a target not met; empty otherwise. */
  notes: ReportNote[];
}

/** The year-end report before it is put into words. */
export interface YearReport {
  plan: Plan;
  year: number;
  timeZone: string;
  /** The instant the report judges: the end of the year, or now when the year is not over. */
  asOf: Date;
  /** The local date of `asOf`'s last day covered (YYYY-MM-DD). */
  asOfDate: string;
  /** True when the year is over (`asOf` is its end). */
  complete: boolean;
  items: ItemResult[];
  /** Every unit by id (the plan's and those admins added). */
  units: Map<string, Unit>;
  summary: { items: number; lights: Record<Light, number>; signedOff: number; done: number; targets: number; targetsMet: number; targetsReported: number };
}

/** Notes quoted per item at most. */
export const MAX_NOTES = 3;

/**
 * Gathers the year-end report of a plan's year: each objective and task with its targets (value
 * reached, when, met or not), its units, its status and sign-off, its light at the end of each month
 * and at the end (all from the one attention computation over states replayed from the log as they
 * stood then), and the notes that explain a miss. Judged at the end of the year, or at `now` when
 * the year is not over. Pure.
 */
export function gatherYearReport(input: { plan: Plan; events: readonly PlanEvent[]; now: Date; timeZone: string }): YearReport {
  const { plan, events, timeZone } = input;
  const year = plan.year;
  const yearEnd = startOfDate(`${year + 1}-01-01`, timeZone);
  const at = Math.min(input.now.getTime(), yearEnd);
  // The year's end is exclusive; "now" includes what was recorded at that very moment (a report then charted or reported on).
  const cutoff = at === input.now.getTime() ? at : at - 1;
  const until = new Date(cutoff).toISOString();
  const mine = events.filter((e) => e.planId === plan.id);
  const { units, states, judge } = stateAsOf(mine, plan, { at, until, timeZone });

  // The lights at each month's end that has come (the month in progress: at `at`).
  const monthEnds: number[] = [];
  for (let m = 1; m <= 12; m++) {
    const start = startOfDate(`${year}-${String(m).padStart(2, '0')}-01`, timeZone);
    if (start >= at) break;
    const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
    monthEnds.push(Math.min(startOfDate(next, timeZone), at));
  }
  const monthly = monthEnds.map((end) => (end === at ? { states, judge } : stateAsOf(mine, plan, { at: end, until: new Date(end - 1).toISOString(), timeZone })));

  const reverted = new Set(mine.flatMap((e) => (e.type === 'undo' && Date.parse(e.at) <= cutoff ? [e.reverts] : [])));
  const updates = mine.filter((e): e is Extract<PlanEvent, { type: 'update' }> => e.type === 'update' && !reverted.has(e.id) && Date.parse(e.at) <= cutoff);

  const items: ItemResult[] = [];
  for (const item of plan.items) {
    if (item.kind === 'group') continue;
    const state = states.get(item.id);
    const a = judge.of(item, state);
    const mineUpdates = updates.filter((u) => u.itemId === item.id);
    const targets = item.indicators.map((indicator): TargetResult => {
      const achieved = state?.progress.find((p) => p.indicatorId === indicator.id) ?? null;
      let last: (typeof mineUpdates)[number] | undefined;
      for (let i = mineUpdates.length - 1; i >= 0 && !last; i--) if (mineUpdates[i]!.progress.some((p) => p.indicatorId === indicator.id)) last = mineUpdates[i];
      const reading = judge.pace(indicator, achieved ?? undefined);
      const met = a.status === 'done' ? true : reading ? reading.kind === 'reached' || reading.kind === 'within-limit' : null;
      return { indicator, achieved, reportedOn: last ? localDate(Date.parse(last.at), timeZone) : null, met };
    });
    const missed = a.light !== 'green' || targets.some((t) => t.met === false);
    const notes = missed
      ? mineUpdates
          .filter((u) => u.note)
          .slice(-MAX_NOTES)
          .reverse()
          .map((u) => ({ date: localDate(Date.parse(u.at), timeZone), user: u.user, unit: u.unit ?? null, text: u.note! }))
      : [];
    const { lead, responsible } = unitsOfItem(units, item.id);
    items.push({
      item,
      status: a.status,
      light: a.light,
      reasons: a.reasons,
      signedOff: state?.signedOff ?? null,
      targets,
      lead,
      responsible,
      monthly: Array.from({ length: 12 }, (_, m) => (monthly[m] ? monthly[m].judge.of(item, monthly[m].states.get(item.id)).light : null)),
      notes,
    });
  }
  const lights: Record<Light, number> = { red: 0, yellow: 0, green: 0 };
  for (const r of items) lights[r.light]++;
  const all = items.flatMap((r) => r.targets);
  return {
    plan,
    year,
    timeZone,
    asOf: new Date(at),
    asOfDate: localDate(at - 1, timeZone),
    complete: at === yearEnd,
    items,
    units: units.units,
    summary: {
      items: items.length,
      lights,
      signedOff: items.filter((r) => r.signedOff).length,
      done: items.filter((r) => r.status === 'done').length,
      targets: all.length,
      targetsMet: all.filter((t) => t.met === true).length,
      targetsReported: all.filter((t) => t.achieved).length,
    },
  };
}
