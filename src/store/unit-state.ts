import type { Plan, PlanItem } from '../plan/schema.js';
import { rollupRule, type Unit } from '../plan/units.js';
import type { UserId } from '../core/user-ids.js';
import { sortableTime } from './event-time.js';
import type { PlanEvent, ProgressEntry, Status } from './events.js';
import { provinceStatus, provinceValue } from './rollup.js';

/** One unit's latest report on one item: as an item's state, for that unit alone. */
export interface UnitReport {
  status: Status | null;
  /** The unit's latest value of each indicator, by indicator id (or null: the item as a whole). */
  progress: ProgressEntry[];
  note: string | null;
  at: string;
  by: string;
}

/** Who carries out an item: its lead unit (牵头单位) and responsible units (责任单位), by unit id. */
export interface ItemUnits {
  lead: string | null;
  responsible: string[];
}

/** Units, memberships, each item's units and each unit's latest report, derived from the log. */
export interface UnitState {
  /** Every unit by id: the plan's (units.json) in file order, then those admins added. */
  units: Map<string, Unit>;
  /** Members of each unit, by unit id. */
  members: Map<string, UserId[]>;
  /** Lead and responsible units by item id (only items that have any). */
  items: Map<string, ItemUnits>;
  /** The latest report of each unit on each item: item id → unit id → report. */
  reports: Map<string, Map<string, UnitReport>>;
  /** Each item's owners (people), by item id, for items that have any. */
  owners: Map<string, UserId[]>;
}

const NO_UNITS: ItemUnits = { lead: null, responsible: [] };

/** The same user by the identity model's one spelling (qualified ids are canonical already). */
function same(a: string, b: string): boolean {
  return a === b;
}

/**
 * Derives the units of a plan from its log (up to `until`, an instant, when given): the plan's units
 * and the ones admins added, who belongs to which, each item's lead and responsible units, and each
 * unit's latest report on each item (updates that were undone do not count). Pure.
 */
export function deriveUnits(events: readonly PlanEvent[], plan: Pick<Plan, 'id' | 'units'>, until?: string): UnitState {
  return derive(events, plan, until).state;
}

/** `deriveUnits`, with the log length and the undone updates it read (for `currentUnits` to go on from). */
function derive(events: readonly PlanEvent[], plan: Pick<Plan, 'id' | 'units'>, until?: string): KnownUnits {
  const limit = until === undefined ? null : sortableTime(until);
  const inTime = (e: PlanEvent) => e.planId === plan.id && (limit === null || sortableTime(e.at) <= limit);
  const reverted = new Set<string>();
  for (const e of events) if (e.type === 'undo' && inTime(e)) reverted.add(e.reverts);
  const state: UnitState = { units: new Map((plan.units ?? []).map((u) => [u.id, u])), members: new Map(), items: new Map(), reports: new Map(), owners: new Map() };
  foldUnits(events, 0, inTime, reverted, ownMaps(state));
  for (const [id, u] of state.items) if (u.lead === null && u.responsible.length === 0) state.items.delete(id);
  return { length: events.length, reverted, state };
}

/** The maps of a unit state to change, and each item's reports: the state's own, or copies made on first change (`copyOnWrite`). */
interface UnitMaps {
  units(): Map<string, Unit>;
  members(): Map<string, UserId[]>;
  items(): Map<string, ItemUnits>;
  owners(): Map<string, UserId[]>;
  reportsOf(itemId: string): Map<string, UnitReport>;
}

/** The maps of a state being derived, changed in place. */
function ownMaps(state: UnitState): UnitMaps {
  return {
    units: () => state.units,
    members: () => state.members,
    items: () => state.items,
    owners: () => state.owners,
    reportsOf: (itemId) => {
      let byUnit = state.reports.get(itemId);
      if (!byUnit) state.reports.set(itemId, (byUnit = new Map()));
      return byUnit;
    },
  };
}

/** Folds events of the plan from `from` on into unit state: units added, members, each item's units and owners, units' latest reports. */
function foldUnits(events: readonly PlanEvent[], from: number, inTime: (e: PlanEvent) => boolean, reverted: ReadonlySet<string>, w: UnitMaps): void {
  for (let i = from; i < events.length; i++) {
    const e = events[i]!;
    if (!inTime(e)) continue;
    switch (e.type) {
      case 'unit-add':
        if (!w.units().has(e.unit.id)) w.units().set(e.unit.id, { ...e.unit, kind: 'other' });
        break;
      case 'member': {
        const list = w.members().get(e.unit) ?? [];
        const has = list.some((m) => same(m, e.member));
        if (e.op === 'add' && !has) w.members().set(e.unit, [...list, e.member as UserId]);
        if (e.op === 'remove' && has) w.members().set(e.unit, list.filter((m) => !same(m, e.member)));
        break;
      }
      case 'lead':
        w.items().set(e.itemId, { ...(w.items().get(e.itemId) ?? NO_UNITS), lead: e.unit });
        break;
      case 'units': {
        const now = w.items().get(e.itemId) ?? NO_UNITS;
        const responsible = [...now.responsible.filter((u) => !e.remove.includes(u)), ...e.add.filter((u) => !now.responsible.includes(u))];
        w.items().set(e.itemId, { ...now, responsible });
        break;
      }
      case 'assign': {
        const list = w.owners().get(e.itemId) ?? [];
        if (!list.includes(e.owner as UserId)) w.owners().set(e.itemId, [...list, e.owner as UserId]);
        break;
      }
      case 'unassign':
        w.owners().set(e.itemId, (w.owners().get(e.itemId) ?? []).filter((o) => o !== e.owner));
        break;
      case 'update': {
        if (!e.unit || reverted.has(e.id)) break;
        const byUnit = w.reportsOf(e.itemId);
        const before = byUnit.get(e.unit);
        const progress = (before?.progress ?? []).filter((p) => !e.progress.some((q) => q.indicatorId === p.indicatorId));
        byUnit.set(e.unit, { status: e.status ?? before?.status ?? null, progress: [...progress, ...e.progress], note: e.note, at: e.at, by: e.user });
        break;
      }
      default:
        break;
    }
  }
}

/** What `currentUnits` keeps of one plan's units: the state, with the log length and undone updates it was derived at. */
interface KnownUnits {
  length: number;
  reverted: Set<string>;
  state: UnitState;
}

const derived = new WeakMap<readonly PlanEvent[], Map<string, KnownUnits>>();

/**
 * `deriveUnits` over the whole log, once per version of the log (`perLogVersion`); when the log has
 * grown by events that undo nothing and change no item's units, they are folded into copies of the
 * maps they touch rather than the whole log again. Callers must not change it.
 */
export function currentUnits(events: readonly PlanEvent[], plan: Pick<Plan, 'id' | 'units'>): UnitState {
  return perLogVersion(
    derived,
    events,
    plan.id,
    plan.id,
    (known) => ({ length: events.length, reverted: known.reverted, state: extendUnits(known, events, plan.id) }),
    () => derive(events, plan),
  ).state;
}

/**
 * State derived from one plan's events (kept under `key` in `table`), once per version of the log: the
 * log only grows, so the same array at the same length holds the same events (the stores grow one
 * array; a read-only snapshot is a new array per open). When it has grown by events that change no
 * earlier decision (`keepsDecisions`), `grow` carries the known state forward; else `derive` reads the whole log.
 */
export function perLogVersion<T extends { length: number }>(
  table: WeakMap<readonly PlanEvent[], Map<string, T>>,
  events: readonly PlanEvent[],
  key: string,
  planId: string,
  grow: (known: T) => T,
  derive: () => T,
): T {
  let byPlan = table.get(events);
  if (!byPlan) table.set(events, (byPlan = new Map()));
  const known = byPlan.get(key);
  if (known?.length === events.length) return known;
  const next = known && known.length < events.length && keepsDecisions(events, known.length, planId) ? grow(known) : derive();
  byPlan.set(key, next);
  return next;
}

/**
 * True when no event of the plan from `from` on undoes an update or changes an item's units (which decide
 * how earlier reports were read): derived state can then be carried forward by folding only those events.
 */
function keepsDecisions(events: readonly PlanEvent[], from: number, planId: string): boolean {
  for (let i = from; i < events.length; i++) {
    const e = events[i]!;
    if (e.planId === planId && (e.type === 'undo' || e.type === 'lead' || e.type === 'units')) return false;
  }
  return true;
}

/** A new unit state: `known`'s, with the events from its length on folded into copies of the maps they change. */
function extendUnits(known: KnownUnits, events: readonly PlanEvent[], planId: string): UnitState {
  const old = known.state;
  const state: UnitState = { ...old };
  const copied = new Set<string>();
  const copy = <K, V>(name: 'units' | 'members' | 'items' | 'owners' | 'reports', map: Map<K, V>): Map<K, V> => {
    if (copied.has(name)) return map;
    copied.add(name);
    return new Map(map);
  };
  const mineReports = new Set<string>();
  foldUnits(events, known.length, (e) => e.planId === planId, known.reverted, {
    units: () => (state.units = copy('units', state.units)),
    members: () => (state.members = copy('members', state.members)),
    items: () => (state.items = copy('items', state.items)),
    owners: () => (state.owners = copy('owners', state.owners)),
    reportsOf: (itemId) => {
      state.reports = copy('reports', state.reports);
      let byUnit = state.reports.get(itemId);
      if (!byUnit || !mineReports.has(itemId)) state.reports.set(itemId, (byUnit = new Map(byUnit ?? [])));
      mineReports.add(itemId);
      return byUnit;
    },
  });
  return state;
}

/** An item's lead and responsible units (none: `{lead: null, responsible: []}`). */
export function unitsOfItem(state: UnitState, itemId: string): ItemUnits {
  return state.items.get(itemId) ?? NO_UNITS;
}

/** True when an item has a lead or responsible unit: its reports are then per unit and roll up. */
export function hasUnits(state: UnitState, itemId: string): boolean {
  return state.items.has(itemId);
}

/** Every unit that reports on an item: the lead unit first, then the responsible units. */
export function reportingUnits(state: UnitState, itemId: string): string[] {
  const { lead, responsible } = unitsOfItem(state, itemId);
  const units = new Set<string>();
  if (lead) units.add(lead);
  for (const u of responsible) units.add(u);
  return [...units];
}

/** The members of a unit, in the order they joined. */
export function membersOf(state: UnitState, unitId: string): UserId[] {
  return state.members.get(unitId) ?? [];
}

/** The units a user belongs to, in the order of the unit list. */
export function unitsOfUser(state: UnitState, user: string): string[] {
  return [...state.units.keys()].filter((id) => membersOf(state, id).some((m) => same(m, user)));
}

/**
 * Who is expected to report on an item: its units (lead first, then responsible) and, for an item
 * without units, its owners (an item with units is reported on by its units' members).
 */
export function reportersOf(state: UnitState, itemId: string): { units: string[]; owners: UserId[] } {
  const units = reportingUnits(state, itemId);
  return { units, owners: units.length ? [] : (state.owners.get(itemId) ?? []) };
}

/** The province value and status of an item with units, by its indicators' roll-up rules. */
export interface ProvinceReading {
  status: Status | null;
  /** One entry per indicator that has a province value (indicator order), then the item as a whole when the lead reported one. */
  progress: ProgressEntry[];
}

/**
 * Rolls an item's unit reports up to the province: each indicator by its rule (`rollupRule`), summing
 * over the responsible units (the lead unit's value when no responsible unit reported), a rate or a
 * qualitative target from the lead unit; the status by `provinceStatus`. Pure. A caller rolling up
 * many items passes each `item` (found by id otherwise).
 */
export function rollUpItem(state: UnitState, plan: Pick<Plan, 'items' | 'rollup'>, itemId: string, item: PlanItem | undefined = plan.items.find((i) => i.id === itemId)): ProvinceReading {
  const { lead, responsible } = unitsOfItem(state, itemId);
  const reports = state.reports.get(itemId) ?? new Map<string, UnitReport>();
  const counted = [...new Set([...(lead ? [lead] : []), ...responsible])].filter((u) => reports.has(u));
  const progress: ProgressEntry[] = [];
  for (const ind of item?.indicators ?? []) {
    const rule = rollupRule(ind, plan.rollup);
    const perUnit = new Map<string, ProgressEntry>();
    for (const u of counted) {
      const entry = reports.get(u)!.progress.find((p) => p.indicatorId === ind.id);
      if (entry) perUnit.set(u, entry);
    }
    if (rule === 'sum') {
      const others = new Map([...perUnit].filter(([u]) => u !== lead || responsible.includes(u)));
      const v = provinceValue(ind, others.size ? others : perUnit, lead, rule);
      if (v) progress.push(v);
    } else {
      const v = provinceValue(ind, perUnit, lead, rule);
      if (v) progress.push(v);
    }
  }
  const whole = lead ? reports.get(lead)?.progress.find((p) => p.indicatorId === null) : undefined;
  if (whole) progress.push(whole);
  const statuses = new Map(counted.map((u) => [u, reports.get(u)!.status]));
  return { status: provinceStatus(statuses, lead, responsible), progress };
}
