import type { Rollup } from '../plan/units.js';
import type { ProgressEntry, Status } from './events.js';

/** One indicator as the roll-up needs it. */
export interface RollupIndicator {
  id: string;
  value: number | null;
  unit: string | null;
}

/**
 * The province value of one indicator from the values its units reported (never the last writer's):
 * `sum` adds every unit's latest value against the plan's target (Zhoukou 120/800 + Nanyang 90/800 →
 * 210/800); `lead` and `lead-done` take the lead unit's value (a rate is never averaged). Null when
 * nothing can be said (no unit reported; no lead unit, or it has not reported). Pure.
 */
export function provinceValue(indicator: RollupIndicator, perUnit: ReadonlyMap<string, ProgressEntry>, lead: string | null, rule: Rollup): ProgressEntry | null {
  if (rule !== 'sum') return lead === null ? null : (perUnit.get(lead) ?? null);
  const entries = [...perUnit.values()];
  if (entries.length === 0) return null;
  const targets = new Set(entries.map((e) => e.target));
  const target = indicator.value ?? (targets.size === 1 ? entries[0]!.target : null);
  const value = entries.reduce((sum, e) => sum + e.value, 0);
  return { indicatorId: indicator.id, value: Math.round(value * 1e6) / 1e6, target, unit: entries[0]!.unit ?? indicator.unit };
}

const SEVERITY: readonly Status[] = ['off-track', 'at-risk', 'on-track', 'not-started'];

/**
 * The province status of an item with units: the lead unit's when it has reported one (a qualitative
 * target is met when the lead unit reports it done); otherwise the most severe status any unit
 * reported, and done only for an item without a lead unit whose responsible units all reported done. Null when no unit reported a status.
 */
export function provinceStatus(perUnit: ReadonlyMap<string, Status | null>, lead: string | null, responsible: readonly string[]): Status | null {
  if (lead !== null) {
    const own = perUnit.get(lead);
    if (own) return own;
  }
  const reported = [...perUnit.values()].filter((s): s is Status => s !== null);
  if (reported.length === 0) return null;
  // With a lead unit, only its report makes the item done (销号 follows the lead unit's done).
  if (lead === null && responsible.length > 0 && responsible.every((u) => perUnit.get(u) === 'done')) return 'done';
  return SEVERITY.find((s) => reported.includes(s)) ?? 'on-track';
}
