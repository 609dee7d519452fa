import type { UserId } from '../core/user-ids.js';
import type { Plan } from '../plan/schema.js';
import type { PlanEvent } from '../store/events.js';
import { isUtcIso } from '../store/event-time.js';
import { deriveStates, type ItemState } from '../store/item-state.js';
import { unitOfUpdate, reportersFromUnits, type ReportersOf } from './reporters.js';
import { deriveUnits, type UnitState } from '../store/unit-state.js';
import type { ReportingCycle } from './reporting-cycle.js';

/** A reporter that owes reports in a cycle: a unit, or an owner of items without units, and on which items. */
export interface NotReported {
  kind: 'unit' | 'owner';
  /** A unit id, or a user id for an owner. */
  target: string;
  /** Items it has not reported on, in plan order. */
  items: string[];
  /** A unit's name in both languages (from the unit model); absent for owners. */
  name?: { zh: string; en: string };
}

/** What the not-reported list reads: the log, the cycle, and who reports (default: owners, see reporters.ts). */
export interface NotReportedInput {
  plan: Plan;
  events: readonly PlanEvent[];
  cycle: ReportingCycle;
  /** Reporters as of the cycle; default: the unit model at `asOf` (units, or owners for items without units). */
  reportersOf?: ReportersOf;
  /** When responsibilities are read (default: the cycle's due time); a question asks at "now". */
  asOf?: Date;
  /** Item states already derived (the digest's, at the week's end), to spare a pass over the log. */
  states?: ReadonlyMap<string, ItemState>;
  /** Units already derived as of `asOf` (the digest's), to spare another pass over the log. */
  units?: UnitState;
}

/**
 * Who has not reported (未报送) in a cycle. An item that is not done owes one report per cycle from
 * each responsible unit (an update recorded for that unit), or, when it has no units, one from its
 * owners (any update on the item in the cycle counts, whoever recorded it: an admin may report for
 * them). Undone updates do not count. Items nobody is responsible for owe nothing. Pure.
 */
export function notReported(input: NotReportedInput): NotReported[] {
  const { plan, cycle } = input;
  const startMs = cycle.start.getTime();
  const dueMs = cycle.due.getTime();
  const startIso = cycle.start.toISOString();
  const dueIso = cycle.due.toISOString();
  const states = input.states ?? deriveStates(input.events, plan, (input.asOf ?? cycle.due).toISOString());
  const unitState = input.units ?? deriveUnits(input.events, plan, (input.asOf ?? cycle.due).toISOString());
  const reportersOf = input.reportersOf ?? reportersFromUnits(unitState, states);
  // One pass: undos, and the cycle's updates. Times written by toISOString (UTC) order as text.
  const undone = new Set<string>();
  const inCycle: Extract<PlanEvent, { type: 'update' }>[] = [];
  for (const e of input.events) {
    if (e.planId !== plan.id) continue;
    if (e.type === 'undo') undone.add(e.reverts);
    else if (e.type === 'update') {
      const inside = isUtcIso(e.at) ? e.at >= startIso && e.at < dueIso : Date.parse(e.at) >= startMs && Date.parse(e.at) < dueMs;
      if (inside) inCycle.push(e);
    }
  }
  const reported = new Map<string, Set<string | null>>();
  for (const e of inCycle) {
    if (undone.has(e.id)) continue;
    let units = reported.get(e.itemId);
    if (!units) reported.set(e.itemId, (units = new Set()));
    units.add(unitOfUpdate(e));
  }
  const owed = new Map<string, NotReported>();
  const owe = (kind: NotReported['kind'], target: string, itemId: string) => {
    const key = `${kind}:${target}`;
    let entry = owed.get(key);
    const unit = kind === 'unit' ? unitState.units.get(target) : undefined;
    if (!entry) owed.set(key, (entry = { kind, target, items: [], ...(unit ? { name: { zh: unit.zh, en: unit.en } } : {}) }));
    entry.items.push(itemId);
  };
  for (const item of plan.items) {
    if (item.kind === 'group' || states.get(item.id)?.status === 'done') continue;
    const { units, owners } = reportersOf(item.id);
    const got = reported.get(item.id);
    if (units.length) {
      for (const unit of units) if (!got?.has(unit)) owe('unit', unit, item.id);
    } else if (!got) {
      for (const owner of owners) owe('owner', owner, item.id);
    }
  }
  return [...owed.values()];
}

/** The people a not-reported entry reaches: the owner, or the unit's members. */
export function recipientsOf(entry: NotReported, membersOf: (unitId: string) => UserId[]): UserId[] {
  return entry.kind === 'owner' ? [entry.target as UserId] : membersOf(entry.target);
}
