import type { UserId } from '../core/user-ids.js';
import type { PlanEvent } from '../store/events.js';
import type { ItemState } from '../store/item-state.js';
import { membersOf, reportersOf, type UnitState } from '../store/unit-state.js';

/** Who must report on an item each cycle: its responsible units, or its owners when it has no units. */
export interface Reporters {
  units: string[];
  owners: UserId[];
}

/** The reporters of an item, by id. */
export type ReportersOf = (itemId: string) => Reporters;

/** The members of a unit (who gets a unit's reminder), by unit id. */
export type MembersOf = (unitId: string) => UserId[];

/**
 * An item's reporters from the unit model: its lead and responsible units, or, for an item without
 * units, its owners as of the item states given (the states at the moment responsibilities are read).
 */
export function reportersFromUnits(units: UnitState, states: ReadonlyMap<string, ItemState>): ReportersOf {
  return (itemId) => {
    const r = reportersOf(units, itemId);
    return r.units.length ? r : { units: [], owners: (states.get(itemId)?.owners ?? []) as UserId[] };
  };
}

/** The members of each unit (who receives a unit's reminder), from the unit model. */
export function membersFromUnits(units: UnitState): MembersOf {
  return (unitId) => membersOf(units, unitId);
}

/**
 * The unit an update reports for, when it names one (`update.unit`, added by the units model);
 * null for an update that is a person's report on the item as a whole.
 */
export function unitOfUpdate(e: Extract<PlanEvent, { type: 'update' }>): string | null {
  const unit = (e as { unit?: unknown }).unit;
  return typeof unit === 'string' ? unit : null;
}
