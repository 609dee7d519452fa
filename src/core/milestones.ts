import type { Indicator, PlanItem } from '../plan/schema.js';
import type { ProgressEntry, Status } from '../store/events.js';
import type { SetMilestone } from '../store/item-state.js';
import { formatDeadline, formatValue, t } from './i18n.js';
import type { Lang } from './reply.js';

/**
 * Milestones (时间节点): by the end of `date`, `value` of an indicator (or the item done when `value` is
 * null). The deadline the plan writes (the end of the plan year when it names none) is each target's
 * default last milestone; a target the plan asks for every quarter ("每季度…一次") has cumulative
 * quarterly ones. Admins add or replace milestones (`/plan milestone T9.1 2021-06-30 400`). Pure.
 */
export interface Milestone {
  indicatorId: string | null;
  date: string;
  value: number | null;
  /** `plan`: from the plan's own words; `set`: set by an admin. */
  source: 'plan' | 'set';
  /** The target's last milestone (its deadline): missing it is the target being overdue. */
  final: boolean;
}

/** Words that make a target quarterly: four milestones, one at each quarter's end. */
const QUARTERLY = /每季度?|每个季度|quarterly|every quarter|each quarter|a quarter\b/i;
const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

/** Whether the plan asks for a target every quarter (T34: 每季度…进行一次分析研判, four a year). */
export function isQuarterly(ind: Indicator): boolean {
  const words = `${ind.text.zh} ${ind.unitLabel?.zh ?? ''} ${ind.unitLabel?.en ?? ''}`;
  return QUARTERLY.test(words) && ind.value !== null && (ind.comparator === '>=' || ind.comparator === '=');
}

const planned = new WeakMap<PlanItem, { year: number; milestones: Milestone[] }>();

/** The milestones the plan itself sets for an item in plan year `year` (read once per item: plans do not change). */
export function planMilestones(item: PlanItem, year: number): Milestone[] {
  const known = planned.get(item);
  if (known?.year === year) return known.milestones;
  const milestones = readPlanMilestones(item, year);
  planned.set(item, { year, milestones });
  return milestones;
}

function readPlanMilestones(item: PlanItem, year: number): Milestone[] {
  const yearEnd = `${year}-12-31`;
  if (item.indicators.length === 0) return [{ indicatorId: null, date: yearEnd, value: null, source: 'plan', final: true }];
  const out: Milestone[] = [];
  for (const ind of item.indicators) {
    const deadline = ind.deadline ?? yearEnd;
    if (isQuarterly(ind) && deadline === yearEnd) {
      QUARTER_ENDS.forEach((end, q) => out.push({ indicatorId: ind.id, date: `${year}-${end}`, value: (ind.value! * (q + 1)) / 4, source: 'plan', final: q === 3 }));
    } else {
      out.push({ indicatorId: ind.id, date: deadline, value: ind.value, source: 'plan', final: true });
    }
  }
  return out.sort(byDate);
}

/** Milestones of items with some set by admins, by the array of those set (a state's, which callers never change). */
const withSet = new WeakMap<readonly SetMilestone[], { item: PlanItem; year: number; milestones: Milestone[] }>();

/** Every milestone of an item, by date: the plan's, with those an admin set added or replacing the plan's on the same target and date. */
export function itemMilestones(item: PlanItem, year: number, set: readonly SetMilestone[] = []): Milestone[] {
  if (set.length === 0) return planMilestones(item, year);
  const known = withSet.get(set);
  if (known && known.item === item && known.year === year) return known.milestones;
  const key = (m: { indicatorId: string | null; date: string }) => `${m.indicatorId ?? ''}@${m.date}`;
  const planned = planMilestones(item, year);
  const finals = new Set(planned.filter((m) => m.final).map(key));
  const byKey = new Map(planned.map((m) => [key(m), m]));
  for (const m of set) byKey.set(key(m), { indicatorId: m.indicatorId, date: m.date, value: m.value, source: 'set', final: finals.has(key(m)) });
  const milestones = [...byKey.values()].sort(byDate);
  withSet.set(set, { item, year, milestones });
  return milestones;
}

function byDate(a: Milestone, b: Milestone): number {
  return a.date.localeCompare(b.date) || (a.indicatorId ?? '').localeCompare(b.indicatorId ?? '');
}

/** What a milestone is judged against: a status and the latest readings (of the item, or of one unit). */
export interface MilestoneReadings {
  status: Status | null;
  progress: readonly ProgressEntry[];
}

/**
 * Whether readings meet a milestone. A done item meets them all. Against a quantified target the
 * milestone is a share of it (400 of 800 villages is half), so a unit that reports against its own
 * target (`120/200`) is judged by its share; against a ceiling the value must be within it; a
 * milestone without a value asks for the target reached, or the item done.
 */
export function milestoneMet(m: Milestone, item: PlanItem, r: MilestoneReadings): boolean {
  if (r.status === 'done') return true;
  const ind = m.indicatorId ? item.indicators.find((i) => i.id === m.indicatorId) : undefined;
  const entry = r.progress.find((p) => p.indicatorId === (ind ? ind.id : null));
  if (!entry) return false;
  if (!ind) return m.value !== null && entry.value >= m.value;
  const ceiling = ind.comparator === '<' || ind.comparator === '<=';
  const need = m.value ?? ind.value;
  if (need === null) return false;
  if (ceiling) return ind.comparator === '<' && m.value === null ? entry.value < need : entry.value <= need;
  const target = entry.target ?? ind.value;
  if (ind.value !== null && target) return entry.value / target >= need / ind.value - 1e-9;
  return entry.value >= need;
}

/** An indicator's unit labels without a closing parenthesis, by indicator (plans do not change). */
const plainLabels = new WeakMap<Indicator, Pick<Indicator, 'unit' | 'unitLabel'>>();

/** "4 analyses (one a quarter)" reads as "4 analyses" beside a date that already says when. */
function plainUnit(ind: Indicator): Pick<Indicator, 'unit' | 'unitLabel'> {
  let known = plainLabels.get(ind);
  if (!known) {
    const plain = (s: string) => s.replace(/\s*[（(][^）)]*[）)]\s*$/, '');
    known = { unit: ind.unit, unitLabel: ind.unitLabel && { en: plain(ind.unitLabel.en), zh: plain(ind.unitLabel.zh) } };
    plainLabels.set(ind, known);
  }
  return known;
}

/** What a milestone asks for, in words: "400 villages", "done" / "400个行政村", "完成". */
export function milestoneGoal(m: Milestone, ind: Indicator | null | undefined, lang: Lang): string {
  if (m.value === null) return ind ? t(lang, 'target reached', '达到目标') : t(lang, 'done', '完成');
  return ind ? formatValue(m.value, plainUnit(ind), lang) : String(m.value);
}

/** One milestone as a line of an item card: "T9.1 by 30 June 2021: 400 villages (set by an admin)". */
export function milestoneLine(m: Milestone, item: PlanItem, met: boolean, lang: Lang): string {
  const who = m.indicatorId ?? item.id;
  const when = formatDeadline(m.date, lang);
  const source = m.source === 'plan' ? t(lang, 'the plan', '计划') : t(lang, 'set', '设定');
  const state = met ? t(lang, ' ✓ met', ' ✓ 已达到') : '';
  const goal = milestoneGoal(m, item.indicators.find((i) => i.id === m.indicatorId), lang);
  return t(lang, `${who} by ${when}: ${goal} (${source})${state}`, `${who} ${when}前：${goal}（${source}）${state}`);
}
