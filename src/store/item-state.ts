import { sortableTime } from './event-time.js';
import type { PlanEvent, ProgressEntry, Status } from './events.js';
import type { Plan } from '../plan/schema.js';
import { planItemById } from '../core/plan-item-by-id.js';
import { currentUnits, deriveUnits, perLogVersion, rollUpItem, type UnitState } from './unit-state.js';

/** What deriving states needs of a plan: its id, and for roll-up its units, items and rules. */
export type PlanForState = string | Pick<Plan, 'id' | 'units' | 'items' | 'rollup'>;

/** The current state of one item, derived from the log. */
export interface ItemState {
  status: Status | null;
  /** The latest value of each indicator (or of the item as a whole), by indicator id or "". */
  progress: ProgressEntry[];
  owners: string[];
  note: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  /** When the latest `assign` of the item was recorded (whoever it named): staleness counts from it too. */
  assignedAt: string | null;
  /** Milestones set by admins (`/plan milestone`), by date; the plan's own deadlines are added by `src/core/milestones.ts`. */
  milestones?: SetMilestone[];
  /** Who signed the item off (销号) and when, until it is reopened; null or absent when it is not signed off. */
  signedOff?: { at: string; by: string } | null;
}

/** A milestone an admin set: by the end of `date`, `value` of the indicator (or of the item), or the item done when `value` is null. */
export interface SetMilestone {
  indicatorId: string | null;
  date: string;
  value: number | null;
  at: string;
  by: string;
}

/** The state of an item nobody has reported on. */
export const EMPTY_STATE: ItemState = { status: null, progress: [], owners: [], note: null, updatedAt: null, updatedBy: null, assignedAt: null };

/**
 * Derives every item's state from the events of one plan: the latest update that was not undone
 * sets status, note and progress; assignments set owners and the time of the latest assignment.
 * Given the plan (not only its id), an item with units takes its status and progress from its
 * units' reports rolled up to the province (`rollUpItem`), never from the last unit to report; a
 * report that names no unit still counts where no unit reported. Pure, so any past state can be replayed.
 * A caller that has derived the units over the same events and `until` passes them (`derived`) to
 * spare a second pass.
 */
export function deriveStates(events: readonly PlanEvent[], planOrId: PlanForState, until?: string, derived?: UnitState): Map<string, ItemState> {
  const planId = typeof planOrId === 'string' ? planOrId : planOrId.id;
  const units: UnitState | null = typeof planOrId === 'string' ? null : (derived ?? deriveUnits(events, planOrId, until));
  const { states } = fold(events, planId, until === undefined ? null : notAfter(until), units);
  if (units && typeof planOrId !== 'string') rollUpStates(states, units, planOrId, false);
  return states;
}

/** The ids of the updates undone by the undo events of a plan (null: none). */
function undoneUpdates(events: readonly PlanEvent[], planId: string, inTime: ((at: string) => boolean) | null): Set<string> | null {
  let reverted: Set<string> | null = null;
  for (const e of events) {
    if (e.type === 'undo' && e.planId === planId && (!inTime || inTime(e.at))) (reverted ??= new Set()).add(e.reverts);
  }
  return reverted;
}

/**
 * Folds the events of a plan from `from` on into item states: the latest update that was not undone
 * sets status, note and progress; assignments set owners and the time of the latest assignment. `own`
 * gives the state of an item to change (made when the item has none).
 */
function foldStates(events: readonly PlanEvent[], from: number, planId: string, inTime: ((at: string) => boolean) | null, reverted: Set<string> | null, units: UnitState | null, own: (itemId: string) => ItemState): void {
  for (let i = from; i < events.length; i++) {
    const e = events[i]!;
    if (e.planId !== planId || (inTime && !inTime(e.at))) continue;
    if (e.type !== 'update' && e.type !== 'assign' && e.type !== 'unassign' && e.type !== 'milestone' && e.type !== 'signoff' && e.type !== 'reopen') continue;
    if (e.type === 'update' && reverted?.has(e.id)) continue;
    const s = own(e.itemId);
    if (e.type === 'update') {
      if (e.unit && units?.items.has(e.itemId)) {
        // A unit's report: it rolls up below; it still says when the item was last reported on.
        s.note = e.note;
        s.updatedAt = e.at;
        s.updatedBy = e.user;
        continue;
      }
      if (e.status) s.status = e.status;
      // The note belongs to its update: a later update without one leaves no stale note behind.
      s.note = e.note;
      // The latest value per indicator, in the order of last report (a few entries an item: an array is fastest).
      for (const p of e.progress) {
        const list = s.progress;
        const at = list.findIndex((q) => q.indicatorId === p.indicatorId);
        if (at === list.length - 1 && at >= 0) list[at] = p;
        else {
          if (at >= 0) list.splice(at, 1);
          list.push(p);
        }
      }
      s.updatedAt = e.at;
      s.updatedBy = e.user;
    } else if (e.type === 'assign') {
      if (!s.owners.includes(e.owner)) s.owners = [...s.owners, e.owner];
      // Log order is time order for the store's own writes; compare anyway so an older import cannot move it back.
      if (s.assignedAt === null || sortableTime(e.at) > sortableTime(s.assignedAt)) s.assignedAt = e.at;
    } else if (e.type === 'unassign') {
      s.owners = s.owners.filter((o) => o !== e.owner);
    } else if (e.type === 'milestone') {
      // One milestone per target and date: setting it again replaces its value.
      const rest = (s.milestones ?? []).filter((m) => m.indicatorId !== e.indicatorId || m.date !== e.date);
      s.milestones = e.op === 'set' ? [...rest, { indicatorId: e.indicatorId, date: e.date, value: e.value, at: e.at, by: e.user }].sort((a, b) => a.date.localeCompare(b.date)) : rest;
    } else if (e.type === 'signoff') {
      s.signedOff = { at: e.at, by: e.user };
    } else {
      s.signedOff = null;
    }
  }
}

/**
 * An item with units takes its status and progress from its units' reports rolled up to the
 * province (`rollUpItem`); `copy` changes copies of the states it touches rather than the states.
 */
function rollUpStates(states: Map<string, ItemState>, units: UnitState, plan: Exclude<PlanForState, string>, copy: boolean): void {
  if (units.items.size === 0) return;
  for (const itemId of units.items.keys()) {
    let s = states.get(itemId);
    const province = rollUpItem(units, plan, itemId, planItemById(plan, itemId));
    if (!s) {
      if (!province.status && province.progress.length === 0) continue;
      states.set(itemId, (s = emptyState()));
    } else if (copy) {
      states.set(itemId, (s = { ...s }));
    }
    if (province.status) s.status = province.status;
    for (const p of province.progress) {
      s.progress = [...s.progress.filter((q) => q.indicatorId !== p.indicatorId), p];
    }
  }
}

/** A test "at or before `until`" for event times, whatever their offset. */
function notAfter(until: string): (at: string) => boolean {
  const limit = sortableTime(until);
  return (at) => sortableTime(at) <= limit;
}

/** What `currentStates` keeps of one plan's states: the fold before roll-up, to go on from when the log grows. */
interface Folded {
  /** The log length they were derived at. */
  length: number;
  /** The fold before roll-up (its states never change once kept). */
  raw: Map<string, ItemState>;
  reverted: Set<string> | null;
  states: Map<string, ItemState>;
}

const derived = new WeakMap<readonly PlanEvent[], Map<string, Folded>>();

/**
 * The current state of every item, derived once per version of the log (`perLogVersion`) rather than
 * on every message. When the log has grown by events that change no earlier decision (no undo, no
 * change of an item's units), the new events are folded into copies of the states they touch rather
 * than the whole log again. Callers must not change the states they get.
 */
export function currentStates(events: readonly PlanEvent[], planOrId: PlanForState): Map<string, ItemState> {
  // Roll-up needs the plan: a caller that names only the id gets the states without it.
  const key = typeof planOrId === 'string' ? planOrId : `${planOrId.id}\u0000units`;
  const plan = typeof planOrId === 'string' ? null : planOrId;
  const planId = typeof planOrId === 'string' ? planOrId : planOrId.id;
  // With the plan, the units come from `currentUnits`, so one version of the log derives them once.
  const unitsNow = () => (plan ? currentUnits(events, plan) : null);
  return perLogVersion(
    derived,
    events,
    key,
    planId,
    (known) => {
      const units = unitsNow();
      return rolledUp(extend(known, events, planId, units), units, plan);
    },
    () => {
      const units = unitsNow();
      return rolledUp(fold(events, planId, null, units), units, plan);
    },
  ).states;
}

/** `folded` with the states of items with units rolled up, in copies (the raw fold is kept to go on from). */
function rolledUp(folded: Folded, units: UnitState | null, plan: Exclude<PlanForState, string> | null): Folded {
  if (plan && units && units.items.size > 0) {
    folded.states = new Map(folded.raw);
    rollUpStates(folded.states, units, plan, true);
  }
  return folded;
}

/** A fresh state of an item nobody has reported on, for a fold or a roll-up to fill in (EMPTY_STATE is shared and never changed). */
function emptyState(): ItemState {
  return { ...EMPTY_STATE, progress: [], owners: [] };
}

/** The whole log (up to `inTime`, when given) folded into fresh states, before roll-up. */
function fold(events: readonly PlanEvent[], planId: string, inTime: ((at: string) => boolean) | null, units: UnitState | null): Folded {
  const reverted = undoneUpdates(events, planId, inTime);
  const raw = new Map<string, ItemState>();
  foldStates(events, 0, planId, inTime, reverted, units, (itemId) => {
    let s = raw.get(itemId);
    if (!s) raw.set(itemId, (s = emptyState()));
    return s;
  });
  return { length: events.length, raw, reverted, states: raw };
}

/** `known` with the events from its length on folded in: the states they touch are copied, the others shared. */
function extend(known: Folded, events: readonly PlanEvent[], planId: string, units: UnitState | null): Folded {
  const raw = new Map(known.raw);
  const mine = new Set<string>();
  foldStates(events, known.length, planId, null, known.reverted, units, (itemId) => {
    let s = raw.get(itemId);
    if (!s) {
      raw.set(itemId, (s = emptyState()));
    } else if (!mine.has(itemId)) {
      // Progress is changed in place by the fold; owners, milestones and sign-off are replaced.
      raw.set(itemId, (s = { ...s, progress: s.progress.slice() }));
    }
    mine.add(itemId);
    return s;
  });
  return { length: events.length, raw, reverted: known.reverted, states: raw };
}
