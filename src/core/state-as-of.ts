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

/**
 * The log as it stood once `recorded` was appended, for the answer to the request that appended it.
 * Appends are written in groups (one flush for the updates that arrive together), so by the time one
 * request resumes, the log may already hold the updates of requests that arrived after it; its answer
 * must not show them as if they were its own. The whole log when `recorded` is its last event (the
 * usual case; its derived state is memoised), else the log up to and with `recorded`.
 */
export function logThrough(events: readonly PlanEvent[], recorded: PlanEvent): readonly PlanEvent[] {
  let i = events.length - 1;
  while (i >= 0 && events[i] !== recorded && events[i]!.id !== recorded.id) i--;
  return i < 0 || i === events.length - 1 ? events : events.slice(0, i + 1);
}
