import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import type { ProgressEntry, Status } from '../store/events.js';
import type { ItemState } from '../store/item-state.js';
import { formatDeadline, formatNumber, formatValue, STATUS_LABELS, t } from './i18n.js';
import { DUE_SOON_DAYS, lightOf, type Light } from './lights.js';
import { itemMilestones, milestoneGoal, milestoneMet, type Milestone, type MilestoneReadings } from './milestones.js';
import type { Lang } from './reply.js';
import { localDay } from './zone-time.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * What "needs attention" means, in one place. An item that is not done needs attention when
 * - its status is **off track** or **at risk**;
 * - it is **overdue**: a target's deadline (the end of the plan year when it names none) has passed
 *   and the target is not met;
 * - it is **behind pace**: a quantified target's reported share is below the share of the time gone
 *   from the start of the plan year to the target's deadline;
 * - it is **stale**: nobody has reported on it for more than `staleDays` (14) days, counted from the
 *   later of its last update and its last assignment (an item with neither owners nor updates is
 *   nobody's to report on, so it is not stale).
 * - a **milestone** (src/core/milestones.ts) is missed (its date has passed, not met) or falls within
 *   7 days and is not yet met.
 * A done item never needs attention, nor does one signed off (销号). Each item also gets its traffic
 * light (src/core/lights.ts) from these reasons. Digests, answers, list and subscription filters and the Slack
 * App Home all read this module.
 */

/** Days without a report after which an item is stale. */
export const STALE_DAYS = 14;

const DAY_MS = 86_400_000;

/** How a reported value stands against its target at a date. */
export interface PaceReading {
  /** `reached`/`on-pace`/`behind` for a level to reach; `within-limit`/`over-limit` for a ceiling. */
  kind: 'reached' | 'on-pace' | 'behind' | 'within-limit' | 'over-limit';
  /** 0..∞ share of the target reported (null for a ceiling). */
  done: number | null;
  /** 0..1 share of the time from the plan year's start to the deadline gone at the date. */
  expected: number;
}

/** One reason an item needs attention, most severe kinds first in `ItemAttention.reasons`. */
export type AttentionReason =
  | { kind: 'off-track' }
  | { kind: 'overdue'; indicator: Indicator | null; deadline: string }
  | { kind: 'at-risk' }
  | { kind: 'milestone-missed'; milestone: Milestone; indicator: Indicator | null; reading: number | null }
  | { kind: 'behind-pace'; indicator: Indicator; done: number; expected: number }
  | { kind: 'milestone-due'; milestone: Milestone; indicator: Indicator | null; days: number }
  | { kind: 'stale'; days: number; since: 'update' | 'assignment'; at: string };

/** The kinds of reason, in order of severity (a list sorts by its item's first reason). */
export const ATTENTION_KINDS = ['off-track', 'overdue', 'milestone-missed', 'at-risk', 'behind-pace', 'milestone-due', 'stale'] as const;
/** One kind of reason. */
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/** An item's attention at a date: its status and every reason it needs attention (none: it does not). */
export interface ItemAttention {
  item: PlanItem;
  status: Status;
  reasons: AttentionReason[];
  /** The traffic light these reasons give (src/core/lights.ts). */
  light: Light;
  /** True when an admin signed the item off (销号): it needs no attention until reopened. */
  signedOff: boolean;
}

/**
 * What attention is judged from: an item's status and latest readings, with what the log adds (owners
 * and times for staleness, milestones set by admins, sign-off). `ItemState` is one; so is one unit's
 * latest report on an item, which gives that unit's light.
 */
export type ItemReadings = Pick<ItemState, 'status' | 'progress'> & Partial<Pick<ItemState, 'owners' | 'updatedAt' | 'assignedAt' | 'milestones' | 'signedOff'>>;

/** When and where attention is judged. */
export interface AttentionWhen {
  /** The instant (a question's now; a digest's week end). */
  at: Date | number;
  /** `PLANBOT_TZ`: deadlines end at midnight there. */
  timeZone: string;
  /** Default `STALE_DAYS`. */
  staleDays?: number;
}

/** The share of a target an entry reports: value over the reporter's target or the plan's; null for a ceiling or no target. */
export function shareDone(ind: Indicator, entry: ProgressEntry): number | null {
  const target = entry.target ?? ind.value;
  const upward = ind.comparator === '>=' || ind.comparator === '>' || ind.comparator === '=';
  return target && upward ? entry.value / target : null;
}

function meetsLimit(value: number, ind: Indicator): boolean {
  const limit = ind.value ?? 0;
  return ind.comparator === '<' ? value < limit : value <= limit;
}

/** Share of the time between two instants gone at `at`, within 0..1. */
function shareBetween(startMs: number, endMs: number, at: number): number {
  if (endMs <= startMs) return 1;
  return Math.min(1, Math.max(0, (at - startMs) / (endMs - startMs)));
}

const midnights = new Map<string, number>();
/** Dates remembered before starting again: a plan has a handful of deadlines, this bounds memory anyway. */
const MIDNIGHTS_LIMIT = 10_000;

/** Midnight at the start of a calendar date in a zone, as epoch milliseconds (the zone's rules read once per date). */
function startOfDate(date: string, timeZone: string): number {
  const key = `${timeZone} ${date}`;
  let ms = midnights.get(key);
  if (ms === undefined) {
    ms = dayjs.tz(`${date}T00:00:00`, timeZone).valueOf();
    if (midnights.size >= MIDNIGHTS_LIMIT) midnights.clear();
    midnights.set(key, ms);
  }
  return ms;
}

const nextDates = new Map<string, string>();

/** The calendar date after `date` (YYYY-MM-DD), as dayjs reads it. */
function nextDate(date: string): string {
  let next = nextDates.get(date);
  if (next === undefined) {
    next = dayjs.utc(date).add(1, 'day').format('YYYY-MM-DD');
    if (nextDates.size >= MIDNIGHTS_LIMIT) nextDates.clear();
    nextDates.set(date, next);
  }
  return next;
}

/**
 * What judges of one local day in one zone read for one plan year, shared by every judge of that day
 * (a judge is made per answer): the instants deadlines end at and the days to each date.
 */
interface DayFrame {
  /** The local date, and the instants it spans. */
  date: string;
  startMs: number;
  endMs: number;
  /** Midnight on 1 January of the plan year. */
  yearStart: number;
  yearEndDate: string;
  /** The local date at UTC midnight, for whole days to a date. */
  todayMs: number;
  /** The end of each deadline date (the next local midnight). */
  ends: Map<string, number>;
  /** Whole days from the date to each date asked. */
  days: Map<string, number>;
}

/** The frame of the local day last read, per zone and plan year: the zone's rules are read once a day, not once a judgement. */
const frames = new Map<string, Map<number, DayFrame>>();

function dayFrame(at: number, timeZone: string, year: number): DayFrame {
  let byYear = frames.get(timeZone);
  if (!byYear) frames.set(timeZone, (byYear = new Map()));
  const known = byYear.get(year);
  if (known && at >= known.startMs && at < known.endMs) return known;
  const date = localDay(at, timeZone);
  const frame: DayFrame = {
    date,
    startMs: startOfDate(date, timeZone),
    endMs: startOfDate(nextDate(date), timeZone),
    yearStart: startOfDate(`${year}-01-01`, timeZone),
    yearEndDate: `${year}-12-31`,
    todayMs: Date.parse(`${date}T00:00:00Z`),
    ends: new Map(),
    days: new Map(),
  };
  byYear.set(year, frame);
  return frame;
}

/** Judges attention for one plan at one instant; deadlines are read once each, so a 10,000-item plan stays fast. */
export interface AttentionJudge {
  at: number;
  timeZone: string;
  staleDays: number;
  /** 0..1 share of the time from the start of the plan year to the end of `deadline` (the year's end when null) gone. */
  expectedShare(deadline: string | null): number;
  /** True once the end of `deadline` (the plan year's end when null) has passed. */
  isPast(deadline: string | null): boolean;
  /** How a reported value stands against its target; null when nothing can be said (no value, no number). */
  pace(ind: Indicator, entry: ProgressEntry | undefined): PaceReading | null;
  /** Every reason `item` needs attention, and its light, from its readings (the item's state, or one unit's report). */
  of(item: PlanItem, state: ItemReadings | undefined): ItemAttention;
  /** Whole days from the local date of `at` to `date` (0 on the day itself). */
  daysUntil(date: string): number;
  /**
   * True when `of(item, state)` gives the same light and the same reasons, staleness aside, at every
   * instant of the local day of `at`: deadlines and milestones turn at local midnight, but the share
   * of time gone, against which a reported share of a target below 1 is judged, grows by the instant.
   */
  sameAllDay(item: PlanItem, state: ItemReadings | undefined): boolean;
}

/** The judge of attention for `plan` at `when.at` in `when.timeZone`. Pure. */
export function judgeAttention(plan: Plan, when: AttentionWhen): AttentionJudge {
  return new Judge(plan, when);
}

/**
 * The local date attention is judged on at `at` in `timeZone` (a judgement `sameAllDay` holds for
 * every instant of it); read from the day's frame, shared by every judge of that day.
 */
export function judgedDate(plan: Plan, at: Date | number, timeZone: string): string {
  return dayFrame(typeof at === 'number' ? at : at.getTime(), timeZone, plan.year).date;
}

/** `AttentionJudge` as a class: made once per answer, its methods are shared rather than closures made each time. */
class Judge implements AttentionJudge {
  readonly at: number;
  readonly timeZone: string;
  readonly staleDays: number;
  private readonly plan: Plan;
  private readonly frame: DayFrame;
  private shares: Map<string | null, number> | null = null;

  constructor(plan: Plan, when: AttentionWhen) {
    this.at = typeof when.at === 'number' ? when.at : when.at.getTime();
    this.timeZone = when.timeZone;
    this.staleDays = when.staleDays ?? STALE_DAYS;
    this.plan = plan;
    this.frame = dayFrame(this.at, this.timeZone, plan.year);
  }

  private endOf(deadline: string | null): number {
    const date = deadline ?? this.frame.yearEndDate;
    let end = this.frame.ends.get(date);
    if (end === undefined) this.frame.ends.set(date, (end = startOfDate(nextDate(date), this.timeZone)));
    return end;
  }

  expectedShare(deadline: string | null): number {
    const shares = (this.shares ??= new Map());
    let share = shares.get(deadline);
    if (share === undefined) shares.set(deadline, (share = shareBetween(this.frame.yearStart, this.endOf(deadline), this.at)));
    return share;
  }

  isPast(deadline: string | null): boolean {
    return this.at >= this.endOf(deadline);
  }

  pace(ind: Indicator, entry: ProgressEntry | undefined): PaceReading | null {
    if (!entry) return null;
    const expected = this.expectedShare(ind.deadline);
    const done = shareDone(ind, entry);
    if (done !== null) return { kind: done >= 1 ? 'reached' : done >= expected ? 'on-pace' : 'behind', done, expected };
    if (ind.value !== null && (ind.comparator === '<' || ind.comparator === '<=')) return { kind: meetsLimit(entry.value, ind) ? 'within-limit' : 'over-limit', done: null, expected };
    return null;
  }

  daysUntil(date: string): number {
    const days = this.frame.days;
    let n = days.get(date);
    if (n === undefined) days.set(date, (n = Math.round((Date.parse(`${date}T00:00:00Z`) - this.frame.todayMs) / DAY_MS)));
    return n;
  }

  sameAllDay(item: PlanItem, state: ItemReadings | undefined): boolean {
    if (!state || state.status === 'done' || state.signedOff) return true;
    for (const ind of item.indicators) {
      const entry = entryOf(state.progress, ind.id);
      if (!entry || this.isPast(ind.deadline)) continue;
      const done = shareDone(ind, entry);
      // Below the target, the reading is on pace or behind by the instant, and "behind" says how much time is gone.
      if (done !== null && !(done >= 1)) return false;
    }
    return true;
  }

  of(item: PlanItem, state: ItemReadings | undefined): ItemAttention {
    const status: Status = state?.status ?? 'not-started';
    const reasons: AttentionReason[] = [];
    const signedOff = !!state?.signedOff;
    if (status === 'done' || signedOff) return { item, status, reasons, light: 'green', signedOff };
    if (status === 'off-track') reasons.push({ kind: 'off-track' });
    const progress = state?.progress ?? [];
    let behind: AttentionReason[] | null = null;
    if (item.indicators.length === 0) {
      if (this.isPast(null)) reasons.push({ kind: 'overdue', indicator: null, deadline: this.frame.yearEndDate });
    }
    for (const ind of item.indicators) {
      const reading = this.pace(ind, entryOf(progress, ind.id));
      const met = reading?.kind === 'reached' || reading?.kind === 'within-limit';
      if (this.isPast(ind.deadline)) {
        if (!met) reasons.push({ kind: 'overdue', indicator: ind, deadline: ind.deadline ?? this.frame.yearEndDate });
      } else if (reading?.kind === 'behind') {
        (behind ??= []).push({ kind: 'behind-pace', indicator: ind, done: reading.done!, expected: reading.expected });
      }
    }
    const readings = { status, progress };
    let due: AttentionReason[] | null = null;
    const milestones = itemMilestones(item, this.plan.year, state?.milestones);
    // Cheap date tests first: most milestones are neither missed nor near.
    for (const m of milestones) {
      const past = this.isPast(m.date);
      // A target's last milestone missed is the target overdue, said once above.
      if (past ? m.final : this.daysUntil(m.date) > DUE_SOON_DAYS) continue;
      if (milestoneMet(m, item, readings)) continue;
      const indicator = item.indicators.find((i) => i.id === m.indicatorId) ?? null;
      if (past) {
        // Of a target's earlier milestones, the latest missed says it all.
        if (!this.laterMissed(milestones, m, item, readings)) reasons.push({ kind: 'milestone-missed', milestone: m, indicator, reading: entryOf(progress, m.indicatorId)?.value ?? null });
      } else {
        (due ??= []).push({ kind: 'milestone-due', milestone: m, indicator, days: this.daysUntil(m.date) });
      }
    }
    if (status === 'at-risk') reasons.push({ kind: 'at-risk' });
    if (behind) reasons.push(...behind);
    if (due) reasons.push(...due);
    const stale = staleness(state, this.at, this.staleDays);
    if (stale) reasons.push(stale);
    return { item, status, reasons, light: lightOf(reasons), signedOff };
  }

  /** Whether a later milestone of the same target has passed unmet. */
  private laterMissed(milestones: readonly Milestone[], m: Milestone, item: PlanItem, readings: MilestoneReadings): boolean {
    for (const n of milestones) {
      if (n !== m && n.indicatorId === m.indicatorId && n.date > m.date && this.isPast(n.date) && !milestoneMet(n, item, readings)) return true;
    }
    return false;
  }
}

/** The latest reading of one indicator (null: the item as a whole): `progress.find` without a closure per call. */
export function entryOf(progress: readonly ProgressEntry[], indicatorId: string | null): ProgressEntry | undefined {
  for (const p of progress) if (p.indicatorId === indicatorId) return p;
  return undefined;
}

/**
 * The stale reason of an item not done, or null: more than `staleDays` days since the later of
 * its last update and its last assignment. Never updated and never owned is nobody's to report on.
 */
function staleness(state: ItemReadings | undefined, at: number, staleDays: number): AttentionReason | null {
  const owners = state?.owners ?? [];
  if (!state || (!state.updatedAt && owners.length === 0)) return null;
  const updated = state.updatedAt ? Date.parse(state.updatedAt) : -Infinity;
  const assigned = state.assignedAt && owners.length ? Date.parse(state.assignedAt) : -Infinity;
  const last = Math.max(updated, assigned);
  if (last === -Infinity || at - last <= staleDays * DAY_MS) return null;
  const since = assigned > updated ? 'assignment' : 'update';
  return { kind: 'stale', days: Math.floor((at - last) / DAY_MS), since, at: (since === 'update' ? state.updatedAt : state.assignedAt)! };
}

/** True when the item needs attention at all. */
export function needsAttention(a: ItemAttention): boolean {
  return a.reasons.length > 0;
}

/** True when one of the item's reasons is of `kind`. */
export function hasReason(a: ItemAttention, kind: AttentionKind): boolean {
  return a.reasons.some((r) => r.kind === kind);
}

/** The kinds a status filter stands for when it names trouble: "at risk" and "off track" read as attention. */
const FILTER_KINDS: Partial<Record<Status, readonly AttentionKind[]>> = {
  'at-risk': ['at-risk', 'off-track', 'behind-pace', 'overdue', 'milestone-missed'],
  'off-track': ['off-track', 'behind-pace', 'overdue', 'milestone-missed'],
};

/**
 * Whether an item passes a status filter of a list or a subscription. "at risk" takes every item at
 * risk, off track, behind pace or overdue; "off track" (滞后, "behind schedule") every item off track,
 * behind pace or overdue; other statuses are read as the status itself.
 */
export function matchesStatusFilter(filter: Status, a: ItemAttention): boolean {
  const kinds = FILTER_KINDS[filter];
  return kinds ? a.reasons.some((r) => kinds.includes(r.kind)) : a.status === filter;
}

/** A status filter in words, saying exactly what it takes: "at risk, off track, behind pace or overdue". */
export function describeStatusFilter(filter: Status, lang: Lang): string {
  if (filter === 'at-risk') return t(lang, 'at risk, off track, behind pace or overdue', '有风险、滞后、落后于时序进度或逾期');
  if (filter === 'off-track') return t(lang, 'off track, behind pace or overdue', '滞后、落后于时序进度或逾期');
  return STATUS_LABELS[filter][lang];
}

/** 0.456 → "45.6%". */
export function percent(share: number): string {
  return `${formatNumber(Math.round(share * 1000) / 10)}%`;
}

/** A pace reading in words: "behind pace (94.8% of the time gone)", "target reached", "within the limit". */
export function paceText(r: PaceReading, lang: Lang): string {
  const time = t(lang, `${percent(r.expected)} of the time gone`, `时间过去${percent(r.expected)}`);
  switch (r.kind) {
    case 'reached':
      return t(lang, 'target reached', '已达标');
    case 'on-pace':
      return t(lang, `on pace (${time})`, `符合时序进度（${time}）`);
    case 'behind':
      return t(lang, `behind pace (${time})`, `落后于时序进度（${time}）`);
    case 'within-limit':
      return t(lang, 'within the limit', '控制在限值内');
    default:
      return t(lang, 'over the limit', '超出限值');
  }
}

/** One reason in words; `date` writes an instant as a local date (YYYY-MM-DD). */
export function reasonText(r: AttentionReason, lang: Lang, date: (at: string) => string): string {
  switch (r.kind) {
    case 'off-track':
    case 'at-risk':
      return STATUS_LABELS[r.kind][lang];
    case 'overdue':
      return r.indicator
        ? t(lang, `${r.indicator.id} overdue (due ${formatDeadline(r.deadline, 'en')}, not met)`, `${r.indicator.id} 已逾期（${formatDeadline(r.deadline, 'zh')}到期，未达标）`)
        : t(lang, `overdue (due ${formatDeadline(r.deadline, 'en')}, not done)`, `已逾期（${formatDeadline(r.deadline, 'zh')}到期，未完成）`);
    case 'behind-pace':
      return t(
        lang,
        `${r.indicator.id} behind pace (${percent(r.done)} done, ${percent(r.expected)} of the time gone)`,
        `${r.indicator.id} 落后于时序进度（完成${percent(r.done)}，时间过去${percent(r.expected)}）`,
      );
    case 'milestone-missed': {
      const who = r.milestone.indicatorId ? `${r.milestone.indicatorId} ` : '';
      const goal = milestoneGoal(r.milestone, r.indicator, lang);
      const got = r.reading === null ? t(lang, 'nothing reported', '未报送数值') : r.indicator ? t(lang, `${formatValue(r.reading, r.indicator, 'en')} reported`, `已报${formatValue(r.reading, r.indicator, 'zh')}`) : t(lang, `${formatNumber(r.reading)} reported`, `已报${formatNumber(r.reading)}`);
      return t(lang, `${who}milestone ${r.milestone.date} missed (${goal} by then; ${got})`, `${who}时间节点 ${r.milestone.date} 未完成（应${goal}；${got}）`);
    }
    case 'milestone-due': {
      const who = r.milestone.indicatorId ? `${r.milestone.indicatorId} ` : '';
      const goal = milestoneGoal(r.milestone, r.indicator, lang);
      const when = r.days === 0 ? t(lang, 'today', '今天到期') : t(lang, `in ${r.days} day${r.days === 1 ? '' : 's'}`, `还有${r.days}天`);
      return t(lang, `${who}milestone ${r.milestone.date} ${when} (${goal}, not yet met)`, `${who}时间节点 ${r.milestone.date} ${when}（应${goal}，尚未达到）`);
    }
    case 'stale':
      return r.since === 'update'
        ? t(lang, `no update for ${r.days} days (last update ${date(r.at)})`, `${r.days}天未更新（最近更新 ${date(r.at)}）`)
        : t(lang, `no update in the ${r.days} days since assignment (${date(r.at)})`, `分配后${r.days}天未更新（${date(r.at)}分配）`);
  }
}

/** A local-date writer for `reasonText`, in one zone. */
export function localDateIn(timeZone: string): (at: string) => string {
  return (at) => localDay(at, timeZone);
}

/** Severity rank of an item for sorting: the index of its first reason's kind (lower is worse). */
export function severity(a: ItemAttention): number {
  const first = a.reasons[0];
  return first ? ATTENTION_KINDS.indexOf(first.kind) : ATTENTION_KINDS.length;
}
