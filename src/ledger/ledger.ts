import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import { rollupRule, type Rollup } from '../plan/units.js';
import { shareDone } from '../core/attention.js';
import { stateAsOf } from '../core/state-as-of.js';
import type { Light } from '../core/lights.js';
import { unitLights } from '../core/render-units.js';
import { unitName } from '../core/resolve-unit.js';
import type { Lang } from '../core/reply.js';
import { t } from '../core/i18n.js';
import type { PlanEvent, ProgressEntry, Status } from '../store/events.js';
import { EMPTY_STATE } from '../store/item-state.js';
import { reportingUnits, unitsOfItem, type UnitState } from '../store/unit-state.js';
import { sortableTime } from '../store/event-time.js';
import type { LedgerAsOf } from './as-of.js';

/**
 * The ledger (台账) of a plan, platform-neutral: one row per item and reporting unit and target. An item
 * with units has a row for the province (its rolled-up value and light) followed by a row per unit
 * (lead unit first), each with that unit's own latest report and light; an item without units has the
 * item's row alone. An item with several targets has a row per target; one without any has one row.
 * Lights come from the one attention computation (`judgeAttention`, `unitLights`), never from here.
 */
export interface LedgerRow {
  itemId: string;
  title: string;
  /** The lead unit's name, or null. */
  lead: string | null;
  /** The unit this row is about (its name); for the item's own row "全省" / "Province" when it has units, else null. */
  unit: string | null;
  indicatorId: string | null;
  /** The target's metric, in the ledger's language. */
  indicator: string | null;
  /** The comparator before the target value: `>=`, `<`, … */
  comparator: string | null;
  target: number | null;
  /** The unit of measure as a reader sees it ("%", "个行政村"). */
  measure: string | null;
  /** YYYY-MM-DD: the target's deadline (the plan year's end when it names none). */
  deadline: string;
  /** The latest reported value (of this unit, or the province's roll-up). */
  value: number | null;
  /** 0..∞ share of the target reached (value over the reporter's target or the plan's); null for a ceiling or no value. */
  share: number | null;
  /** 0..1 share of the time from the plan year's start to the deadline gone at the ledger's date. */
  expected: number;
  light: Light;
  status: Status | null;
  signedOff: boolean;
  /** ISO instant of the last report counted in this row, and who made it. */
  reportedAt: string | null;
  reportedBy: string | null;
  note: string | null;
}

/** One recorded update, for the history sheet (进展记录). */
export interface HistoryRow {
  at: string;
  itemId: string;
  title: string;
  unit: string | null;
  user: string;
  status: Status | null;
  /** The values it reported, as written: "T9.1 420/800; T9.2 6%". */
  progress: string;
  note: string | null;
  /** True when the update was undone by the ledger's date. */
  undone: boolean;
}

/** One target as structured data, for the indicators sheet (指标). */
export interface IndicatorRow {
  itemId: string;
  indicatorId: string;
  metric: string;
  comparator: string;
  target: number | null;
  measure: string | null;
  deadline: string;
  aspirational: boolean;
  rollup: Rollup;
  /** The plan's sentence stating it, verbatim (zh), and in English. */
  textZh: string;
  textEn: string;
}

/** A whole ledger: its rows, the history and the targets, with the moment it stands at. */
export interface Ledger {
  planId: string;
  lang: Lang;
  asOf: LedgerAsOf;
  timeZone: string;
  rows: LedgerRow[];
  history: HistoryRow[];
  indicators: IndicatorRow[];
}

/** What a ledger is built from. */
export interface LedgerInput {
  plan: Plan;
  events: readonly PlanEvent[];
  asOf: LedgerAsOf;
  timeZone: string;
  lang: Lang;
}

/** Builds the ledger of a plan as of a moment, from the log. Pure. */
export function buildLedger(input: LedgerInput): Ledger {
  const { plan, events, asOf, timeZone, lang } = input;
  const { units, states, judge } = stateAsOf(events, plan, { at: asOf.at, until: asOf.until, timeZone });
  const yearEnd = `${plan.year}-12-31`;
  const name = (id: string) => unitName(units.units, id, lang);
  const rows: LedgerRow[] = [];
  for (const item of plan.items) {
    const state = states.get(item.id) ?? EMPTY_STATE;
    const attention = judge.of(item, state);
    const { lead } = unitsOfItem(units, item.id);
    const title = item.title[lang];
    const leadName = lead ? name(lead) : null;
    const targets: (Indicator | null)[] = item.indicators.length ? item.indicators : [null];
    const push = (unit: string | null, readings: { progress: readonly ProgressEntry[]; status: Status | null; at: string | null; by: string | null; note: string | null }, light: Light) => {
      for (const ind of targets) {
        const entry = ind ? readings.progress.find((p) => p.indicatorId === ind.id) : readings.progress.find((p) => p.indicatorId === null);
        // A plain literal (no spread): 190,000 rows stay fast, fixed-shape objects.
        rows.push({
          itemId: item.id,
          title,
          lead: leadName,
          unit,
          indicatorId: ind?.id ?? null,
          indicator: ind ? ind.metric[lang] : null,
          comparator: ind ? ind.comparator : null,
          target: ind ? ind.value : null,
          measure: ind ? measureOf(ind, lang) : null,
          deadline: ind?.deadline ?? yearEnd,
          value: entry ? entry.value : null,
          share: ind && entry ? shareDone(ind, entry) : null,
          expected: judge.expectedShare(ind ? ind.deadline : null),
          light,
          status: readings.status,
          signedOff: attention.signedOff,
          reportedAt: readings.at,
          reportedBy: readings.by,
          note: readings.note,
        });
      }
    };
    const reporting = reportingUnits(units, item.id);
    // The item's own row: for an item with units, the province's roll-up, named so in the unit column.
    push(reporting.length ? provinceLabel(lang) : null, { progress: state.progress, status: state.status, at: state.updatedAt, by: state.updatedBy, note: state.note }, attention.light);
    if (reporting.length === 0) continue;
    const lights = unitLights(item, plan, units, state, asOf.at, timeZone);
    const reports = units.reports.get(item.id);
    for (const u of reporting) {
      const r = reports?.get(u);
      push(name(u), { progress: r?.progress ?? [], status: r?.status ?? null, at: r?.at ?? null, by: r?.by ?? null, note: r?.note ?? null }, lights.get(u) ?? 'green');
    }
  }
  return { planId: plan.id, lang, asOf, timeZone, rows, history: historyRows(plan, events, units, asOf, lang), indicators: indicatorRows(plan, lang) };
}

/** The label for an item's own row among its units' rows: "全省" / "Province". */
export function provinceLabel(lang: Lang): string {
  return t(lang, 'Province', '全省');
}

function measureOf(ind: Indicator, lang: Lang): string | null {
  if (ind.unit === '%') return '%';
  return ind.unitLabel?.[lang] ?? ind.unit;
}

/** Every update of the plan up to the ledger's date, oldest first, each marked when undone by then. */
function historyRows(plan: Plan, events: readonly PlanEvent[], units: UnitState, asOf: LedgerAsOf, lang: Lang): HistoryRow[] {
  const limit = asOf.until === undefined ? null : sortableTime(asOf.until);
  const inTime = (e: PlanEvent) => e.planId === plan.id && (limit === null || sortableTime(e.at) <= limit);
  const undone = new Set<string>();
  for (const e of events) if (e.type === 'undo' && inTime(e)) undone.add(e.reverts);
  const titles = new Map(plan.items.map((i) => [i.id, i.title[lang]]));
  const out: HistoryRow[] = [];
  for (const e of events) {
    if (e.type !== 'update' || !inTime(e)) continue;
    out.push({
      at: e.at,
      itemId: e.itemId,
      title: titles.get(e.itemId) ?? '',
      unit: e.unit ? unitName(units.units, e.unit, lang) : null,
      user: e.user,
      status: e.status,
      progress: e.progress.map((p) => `${p.indicatorId ?? e.itemId} ${progressText(p)}`).join('; '),
      note: e.note,
      undone: undone.has(e.id),
    });
  }
  return out;
}

function progressText(p: ProgressEntry): string {
  const n = (v: number) => String(Math.round(v * 1e6) / 1e6);
  if (p.target) return `${n(p.value)}/${n(p.target)}`;
  return `${n(p.value)}${p.unit === '%' ? '%' : p.unit ? ` ${p.unit}` : ''}`;
}

/** Every target of the plan, in plan order. */
function indicatorRows(plan: Plan, lang: Lang): IndicatorRow[] {
  const yearEnd = `${plan.year}-12-31`;
  return plan.items.flatMap((item: PlanItem) =>
    item.indicators.map((ind) => ({
      itemId: item.id,
      indicatorId: ind.id,
      metric: ind.metric[lang],
      comparator: ind.comparator,
      target: ind.value,
      measure: measureOf(ind, lang),
      deadline: ind.deadline ?? yearEnd,
      aspirational: ind.aspirational,
      rollup: rollupRule(ind, plan.rollup),
      textZh: ind.text.zh,
      textEn: ind.text.en,
    })),
  );
}
