import type { Plan } from '../plan/schema.js';
import type { PlanEvent } from '../store/events.js';
import { currentStates, deriveStates, type ItemState } from '../store/item-state.js';
import { currentUnits, deriveUnits, type UnitState } from '../store/unit-state.js';
import { judgeAttention, type AttentionJudge } from './attention.js';

/** The plan as it stood at one moment: its units and item states replayed from the log, and the attention judge of that moment. */
export interface StateAsOf {
  units: UnitState;
  states: Map<string, ItemState>;
  judge: AttentionJudge;
}

/**
 * The one replay of "the plan as of a moment" for the ledger, the charts and the year report:
 * units and states from the events up to `until` (an ISO instant; absent: the whole log, memoised
 * per version of the log), judged at `at` (epoch ms) in `timeZone`. Pure.
 */
export function stateAsOf(events: readonly PlanEvent[], plan: Plan, when: { at: number; until?: string; timeZone: string }): StateAsOf {
  const { at, until, timeZone } = when;
  const units = until === undefined ? currentUnits(events, plan) : deriveUnits(events, plan, until);
  const states = until === undefined ? currentStates(events, plan) : deriveStates(events, plan, until, units);
  return { units, states, judge: judgeAttention(plan, { at, timeZone }) };
}
