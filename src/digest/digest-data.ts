import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import { STATUSES, type PlanEvent, type ProgressEntry, type Status } from '../store/events.js';
import { deriveStates, type ItemState } from '../store/item-state.js';
import { deriveUnits, type UnitState } from '../store/unit-state.js';
import { addDays, localDate, zoneFormatter, type Week, type ZoneFormatter } from './week.js';
import type { Light } from '../core/lights.js';
import { STALE_DAYS, hasReason, judgeAttention, matchesStatusFilter, needsAttention, type AttentionJudge, type ItemAttention, type PaceReading } from '../core/attention.js';
import { compareAttention } from '../core/attention-entry.js';
import { sameUser, type DigestAudience } from './subscriptions.js';
import { isUtcIso, sortableTime } from '../store/event-time.js';
import { notReported, type NotReported } from './not-reported.js';
import type { ReportersOf } from './reporters.js';
import { defaultReportingSchedule, lastEndedCycle, type ReportingCycle, type ReportingSchedule } from './reporting-cycle.js';

/** An `update` event. */
export type UpdateEvent = Extract<PlanEvent, { type: 'update' }>;

/** Knobs of the digest's content; the defaults are what a department head reads. */
export interface DigestContentOptions {
  /** An item with no update for this many days is stale. Default 14. */
  staleDays: number;
  /** Deadlines this many days after the week are listed. Default 30. */
  deadlineDays: number;
  /** Updates shown per item under "this week"; more are counted. Default 5. */
  maxUpdatesPerItem: number;
  /** Notes longer than this are shortened with "…". Default 200. */
  maxNoteChars: number;
  /** Entries shown in one section at most, however much room the platform gives; the rest are counted. Default 20. */
  maxEntriesPerSection: number;
  /** When reports are due (PLANBOT_REPORT_DUE on the working calendar); null: Fridays 12:00 on the statutory calendar. */
  reporting: ReportingSchedule | null;
  /** Who reports on an item; null: its owners (the seam in reporters.ts). */
  reportersOf: ReportersOf | null;
}

/** Two weeks to go stale, a month of deadlines ahead, five updates and twenty entries at most. */
export const DEFAULT_CONTENT_OPTIONS: DigestContentOptions = { staleDays: STALE_DAYS, deadlineDays: 30, maxUpdatesPerItem: 5, maxNoteChars: 200, maxEntriesPerSection: 20, reporting: null, reportersOf: null };

/** One indicator with its latest value and how it stands against the time gone. */
export interface IndicatorRow {
  item: PlanItem;
  indicator: Indicator;
  entry: ProgressEntry | undefined;
  /** The reading of `entry` at the end of the span, by the one rule of attention (null without a value). */
  pace: PaceReading | null;
}

/** Everything the digest says, before it is put into words. */
export interface DigestData {
  plan: Plan;
  week: Week;
  timeZone: string;
  /** Formats instants in `timeZone`. */
  format: ZoneFormatter;
  audience: DigestAudience;
  options: DigestContentOptions;
  /** Items the digest covers (objectives and tasks passing the filters), in plan order. */
  items: PlanItem[];
  itemsById: Map<string, PlanItem>;
  /** States at the end of the week. */
  states: Map<string, ItemState>;
  counts: Record<Status, number>;
  /** The same items' counts at the end of the week before. */
  previousCounts: Record<Status, number>;
  /** Share of the plan year gone by the end of the week. */
  yearShare: number;
  indicators: IndicatorRow[];
  /** The week's updates (those not undone by its end), grouped by item in plan order. */
  changes: { item: PlanItem; updates: UpdateEvent[] }[];
  updateCount: number;
  updaters: number;
  /** Items that need attention at the end of the span (`src/core/attention.ts`), worst first. */
  attention: ItemAttention[];
  /** How many of them are at risk or off track by status, and how many are stale. */
  atRiskCount: number;
  /** How many of the covered items show each traffic light at the end of the span, and how many are signed off. */
  lights: Record<Light, number> & { signedOff: number };
  staleCount: number;
  /** The judge of attention at the end of the span, for pace readings. */
  judge: AttentionJudge;
  /** Indicators of items not done that fall due within `deadlineDays` after the week. */
  deadlines: { item: PlanItem; indicator: Indicator; deadline: string; daysLeft: number }[];
  /** The latest reporting cycle ended by the end of the span, and who did not report in it (未报送), among the covered items. */
  cycle: ReportingCycle;
  notReported: NotReported[];
}

const DAY_MS = 86_400_000;

/** The status an item counts under: no status yet is "not started". */
export function statusOf(state: ItemState | undefined): Status {
  return state?.status ?? 'not-started';
}

function countByStatus(items: PlanItem[], statusOfItem: (id: string) => Status): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const item of items) counts[statusOfItem(item.id)]++;
  return counts;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const BEFORE = 0;
const DURING = 1;
const AFTER = 2;

/**
 * Where an event time falls against the week: before it, during it or after it. Times written by
 * `toISOString` (24 characters, UTC) order as text, which spares parsing 100,000 dates; any other
 * offset is parsed.
 */
function phaseOf(at: string, startIso: string, endIso: string, week: Week): number {
  if (isUtcIso(at)) return at < startIso ? BEFORE : at < endIso ? DURING : AFTER;
  const ms = Date.parse(at);
  return ms < week.startMs ? BEFORE : ms < week.endMs ? DURING : AFTER;
}

/**
 * The part of a week's digest that does not depend on the audience: states at the week's end,
 * statuses at the end of the week before, and the week's updates that were not undone. Computed
 * once per week and shared by every channel's digest (the costly pass over the whole log).
 */
export interface WeekState {
  plan: Plan;
  week: Week;
  timeZone: string;
  states: Map<string, ItemState>;
  previousStatus: Map<string, Status>;
  /** The week's updates not undone by its end, in log order. */
  updates: UpdateEvent[];
  /** Plan items by id, and their position in the plan. */
  itemsById: Map<string, PlanItem>;
  order: Map<string, number>;
  /** The whole log, for the reporting cycle (which may start before the week). */
  events: readonly PlanEvent[];
  /** Units at the week's end (derived once, with `states`). */
  units: UnitState;
  /** The latest time (sortable) a unit was added or an item's units changed by the week's end; null: never. */
  lastUnitChange: string | null;
}

/** Replays the log up to the end of `week`. Event times are compared as instants, whatever their offset. */
export function replayWeek(plan: Plan, events: readonly PlanEvent[], week: Week, timeZone: string): WeekState {
  const startIso = new Date(week.startMs).toISOString();
  const endIso = new Date(week.endMs).toISOString();
  const untilEnd: PlanEvent[] = [];
  const inWeek: UpdateEvent[] = [];
  const reverted = new Set<string>();
  // Statuses at the end of the week before, by deriveStates' rule: the latest update with a status
  // that was not undone by then. Only statuses are needed there, so a full derivation is spared.
  const statusUpdatesBefore: UpdateEvent[] = [];
  const revertedBefore = new Set<string>();
  let unitReportBefore = false;
  let lastUnitChange: string | null = null;
  for (const e of events) {
    if (e.planId !== plan.id) continue;
    const when = phaseOf(e.at, startIso, endIso, week);
    if (when === AFTER) continue;
    untilEnd.push(e);
    if (e.type === 'unit-add' || e.type === 'lead' || e.type === 'units') {
      const t = sortableTime(e.at);
      if (lastUnitChange === null || t > lastUnitChange) lastUnitChange = t;
    }
    if (e.type === 'undo') {
      reverted.add(e.reverts);
      if (when === BEFORE) revertedBefore.add(e.reverts);
    } else if (e.type === 'update') {
      if (when === DURING) inWeek.push(e);
      else {
        if (e.status) statusUpdatesBefore.push(e);
        if (e.unit) unitReportBefore = true;
      }
    }
  }
  const units = deriveUnits(untilEnd, plan);
  const states = deriveStates(untilEnd, plan, undefined, units);
  const previousStatus = new Map<string, Status>();
  if (unitReportBefore) {
    // Units' reports roll up (the lead unit's status, else the most severe): read the week before as the week is read.
    const before = untilEnd.filter((e) => phaseOf(e.at, startIso, endIso, week) === BEFORE);
    for (const [id, s] of deriveStates(before, plan)) if (s.status) previousStatus.set(id, s.status);
  } else for (const e of statusUpdatesBefore) if (!revertedBefore.has(e.id)) previousStatus.set(e.itemId, e.status!);
  return {
    plan,
    week,
    timeZone,
    states,
    previousStatus,
    updates: inWeek.filter((e) => !reverted.has(e.id)),
    itemsById: new Map(plan.items.map((i) => [i.id, i])),
    order: new Map(plan.items.map((item, i) => [item.id, i])),
    events,
    units,
    lastUnitChange,
  };
}

/** The not-reported list of a week's cycle, computed once per week, schedule and reporters (every audience shares it). */
const cycleCache = new WeakMap<WeekState, Map<object, Map<object, { cycle: ReportingCycle; list: NotReported[] }>>>();
const DEFAULTS = {};

function cycleOfWeek(base: WeekState, options: DigestContentOptions): { cycle: ReportingCycle; list: NotReported[] } {
  let bySchedule = cycleCache.get(base);
  if (!bySchedule) cycleCache.set(base, (bySchedule = new Map()));
  let byReporters = bySchedule.get(options.reporting ?? DEFAULTS);
  if (!byReporters) bySchedule.set(options.reporting ?? DEFAULTS, (byReporters = new Map()));
  let found = byReporters.get(options.reportersOf ?? DEFAULTS);
  if (!found) {
    const cycle = lastEndedCycle(new Date(base.week.endMs - 1), options.reporting ?? defaultReportingSchedule(base.timeZone));
    // The week's units are those at the cycle's due time unless a unit or an item's units changed since.
    const unitsAtDue = base.lastUnitChange === null || base.lastUnitChange <= cycle.due.toISOString() ? { units: base.units } : {};
    const list = notReported({ plan: base.plan, events: base.events, cycle, states: base.states, ...unitsAtDue, ...(options.reportersOf ? { reportersOf: options.reportersOf } : {}) });
    byReporters.set(options.reportersOf ?? DEFAULTS, (found = { cycle, list }));
  }
  return found;
}

/**
 * Gathers what the digest of a week says for one audience: the items its filters select, their
 * counts now and a week before, the week's updates by item, indicators with their pace, the items
 * that need attention (one rule: `src/core/attention.ts`) and near deadlines.
 */
export function gatherDigestData(base: WeekState, audience: DigestAudience, options: DigestContentOptions): DigestData {
  const { plan, week, timeZone, states, previousStatus, order } = base;
  const { group, owner, status } = audience.filters;
  const judge = judgeAttention(plan, { at: week.endMs, timeZone, staleDays: options.staleDays });
  const judged = new Map<string, ItemAttention>();
  const attentionOf = (item: PlanItem) => {
    let a = judged.get(item.id);
    if (!a) judged.set(item.id, (a = judge.of(item, states.get(item.id))));
    return a;
  };
  const items = plan.items.filter((item) => {
    if (item.kind === 'group') return false;
    if (group && item.parent !== group) return false;
    const state = states.get(item.id);
    if (owner && !state?.owners.some((o) => sameUser(owner, o))) return false;
    // "at risk" and "off track" take every item their words claim (src/core/attention.ts).
    if (status && !matchesStatusFilter(status, attentionOf(item))) return false;
    return true;
  });
  const covered = new Set(items.map((i) => i.id));

  const byItem = new Map<string, UpdateEvent[]>();
  const timeOf = new Map<UpdateEvent, string>();
  let updateCount = 0;
  const people = new Set<string>();
  for (const e of base.updates) {
    if (!covered.has(e.itemId)) continue;
    timeOf.set(e, sortableTime(e.at));
    let list = byItem.get(e.itemId);
    if (!list) byItem.set(e.itemId, (list = []));
    list.push(e);
    updateCount++;
    people.add(e.user);
  }
  const changes = items
    .filter((item) => byItem.has(item.id))
    .map((item) => ({ item, updates: byItem.get(item.id)!.sort((a, b) => compare(timeOf.get(a)!, timeOf.get(b)!) || a.seq - b.seq) }));

  const indicators: IndicatorRow[] = [];
  for (const item of items) {
    const progress = states.get(item.id)?.progress;
    for (const indicator of item.indicators) {
      const entry = progress?.find((p) => p.indicatorId === indicator.id);
      indicators.push({ item, indicator, entry, pace: judge.pace(indicator, entry) });
    }
  }

  const attention = items.map((item) => attentionOf(item)).filter(needsAttention).sort(compareAttention(order));
  const lights = { red: 0, yellow: 0, green: 0, signedOff: 0 };
  for (const item of items) {
    const a = attentionOf(item);
    lights[a.light]++;
    if (a.signedOff) lights.signedOff++;
  }
  const atRiskCount = attention.filter((a) => a.status === 'at-risk' || a.status === 'off-track').length;
  const staleCount = attention.filter((a) => hasReason(a, 'stale')).length;

  // The last day of the span: the Sunday of a complete week, today for the week so far.
  const sunday = localDate(week.endMs - 1, timeZone);
  const lastDue = addDays(sunday, options.deadlineDays);
  const deadlines: DigestData['deadlines'] = [];
  for (const item of items) {
    if (statusOf(states.get(item.id)) === 'done') continue;
    for (const indicator of item.indicators) {
      const d = indicator.deadline;
      if (d && d > sunday && d <= lastDue) {
        deadlines.push({ item, indicator, deadline: d, daysLeft: Math.round((Date.parse(d) - Date.parse(sunday)) / DAY_MS) });
      }
    }
  }
  deadlines.sort((a, b) => a.deadline.localeCompare(b.deadline) || order.get(a.item.id)! - order.get(b.item.id)!);

  const { cycle, list } = cycleOfWeek(base, options);
  const notReportedHere = list.map((n) => ({ ...n, items: n.items.filter((id) => covered.has(id)) })).filter((n) => n.items.length > 0);

  return {
    plan,
    week,
    timeZone,
    format: zoneFormatter(timeZone),
    audience,
    options,
    items,
    itemsById: base.itemsById,
    states,
    counts: countByStatus(items, (id) => statusOf(states.get(id))),
    previousCounts: countByStatus(items, (id) => previousStatus.get(id) ?? 'not-started'),
    yearShare: judge.expectedShare(null),
    indicators,
    changes,
    updateCount,
    updaters: people.size,
    attention,
    atRiskCount,
    lights,
    staleCount,
    judge,
    deadlines,
    cycle,
    notReported: notReportedHere,
  };
}

