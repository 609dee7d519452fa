import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { PlanEvent } from '../../src/store/events.js';
import { currentStates, deriveStates } from '../../src/store/item-state.js';
import { currentUnits, deriveUnits } from '../../src/store/unit-state.js';

const plan = await loadPlan();

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** Random events of every kind that derived state reads, mostly of this plan, some of another. */
function eventMaker(seed: number) {
  const next = random(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const items = ['T9', 'T20', 'O3'];
  const units = ['zhengzhou', 'kaifeng', 'luoyang', 'soil'];
  const users = ['slack:U1', 'web:bob', 'web:carol'];
  const updates: string[] = [];
  let seq = 0;
  return (): PlanEvent => {
    seq++;
    const base = { seq, id: `e${seq}`, at: new Date(Date.UTC(2021, 0, 1) + seq * 3_600_000).toISOString(), user: pick(users), platform: 'test', planId: next() < 0.1 ? 'other' : plan.id };
    const itemId = pick(items);
    const kind = next();
    if (kind < 0.4) {
      updates.push(base.id);
      const progress = [];
      if (next() < 0.6) progress.push({ indicatorId: pick(['T9.1', 'T9.2', null]), value: Math.floor(next() * 800), target: next() < 0.5 ? 800 : null, unit: pick(['个', '%', null]) });
      return { ...base, type: 'update', itemId, status: pick([null, 'on-track', 'at-risk', 'off-track', 'done']), progress, note: pick([null, 'a note']), ...(next() < 0.4 ? { unit: pick(units) } : {}) } as never;
    }
    if (kind < 0.5) return { ...base, type: 'assign', itemId, owner: pick(users) } as never;
    if (kind < 0.55) return { ...base, type: 'unassign', itemId, owner: pick(users) } as never;
    if (kind < 0.62) return { ...base, type: 'milestone', itemId, indicatorId: pick(['T9.1', null]), date: pick(['2021-06-30', '2021-09-30']), value: pick([400, null]), op: pick(['set', 'set', 'remove']) } as never;
    if (kind < 0.66) return { ...base, type: pick(['signoff', 'reopen']), itemId } as never;
    if (kind < 0.7) return { ...base, type: 'unit-add', unit: { id: 'soil', zh: '土壤处', en: 'Soil Division', aliases: [] } } as never;
    if (kind < 0.76) return { ...base, type: 'member', unit: pick(units), member: pick(users), op: pick(['add', 'add', 'remove']) } as never;
    if (kind < 0.8) return { ...base, type: 'lead', itemId, unit: pick([...units, null]) } as never;
    if (kind < 0.85) return { ...base, type: 'units', itemId, add: [pick(units)], remove: next() < 0.3 ? [pick(units)] : [] } as never;
    if (kind < 0.9 && updates.length) return { ...base, type: 'undo', itemId, reverts: pick(updates) } as never;
    return { ...base, type: 'subscribe', channel: 'slack:C1', filters: { group: null, owner: null, status: null }, lang: 'en' } as never;
  };
}

describe('derived state carried from one version of the log to the next', () => {
  it.each([1, 2, 3, 4, 5])('equals the state derived from scratch after every append (seed %i), and never changes what it gave before', (seed) => {
    const make = eventMaker(seed);
    const log: PlanEvent[] = [];
    let before: { states: unknown; units: unknown; copy: unknown } | null = null;
    for (let step = 0; step < 120; step++) {
      const batch = 1 + Math.floor(random(seed * 1000 + step)() * 3);
      for (let i = 0; i < batch; i++) log.push(make());
      const units = currentUnits(log, plan);
      const states = currentStates(log, plan);
      expect(units).toEqual(deriveUnits(log, plan));
      expect(states).toEqual(deriveStates(log, plan));
      expect(currentStates(log, plan.id)).toEqual(deriveStates(log, plan.id));
      if (before) expect({ states: before.states, units: before.units }).toEqual(before.copy);
      before = { states, units, copy: structuredClone({ states, units }) };
    }
  });
});
