import type { UserId } from '../core/user-ids.js';
import type { PlanEvent } from '../store/events.js';
import type { ItemState } from '../store/item-state.js';

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
 * THE SEAM for issue 12's units: until units land, an item's reporters are its owners and it has no
 * units. At merge, replace this with a `ReportersOf` over `deriveUnits(events, plan)` that returns
 * the item's responsible units (and its owners only when it has none); nothing else changes.
 */
export function reportersFromStates(states: ReadonlyMap<string, ItemState>): ReportersOf {
  return (itemId) => ({ units: [], owners: (states.get(itemId)?.owners ?? []) as UserId[] });
}

/** Until units land nobody is a member of any unit (the units helper's `membersOf` replaces this). */
export const noMembers: MembersOf = () => [];

/**
 * The unit an update reports for, when it names one (`update.unit`, added by the units model);
 * null for an update that is a person's report on the item as a whole.
 */
export function unitOfUpdate(e: Extract<PlanEvent, { type: 'update' }>): string | null {
  const unit = (e as { unit?: unknown }).unit;
  return typeof unit === 'string' ? unit : null;
}
