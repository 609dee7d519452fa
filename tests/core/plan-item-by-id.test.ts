import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { PlanItem } from '../../src/plan/schema.js';
import { planItemById } from '../../src/core/plan-item-by-id.js';

describe('planItemById', () => {
  it('finds what plan.items.find finds, for every id of the plan and for ids it lacks', async () => {
    const plan = await loadPlan();
    for (const id of [...plan.items.map((i) => i.id), 'T99', 't9', '', 'O0']) {
      expect(planItemById(plan, id)).toBe(plan.items.find((i) => i.id === id));
    }
  });

  it('gives the first of two items with one id, as find does, and reads each items list for itself', () => {
    const a = { id: 'T1', kind: 'task' } as PlanItem;
    const b = { id: 'T1', kind: 'objective' } as PlanItem;
    const c = { id: 'T2', kind: 'task' } as PlanItem;
    expect(planItemById({ items: [a, b] }, 'T1')).toBe(a);
    expect(planItemById({ items: [b, c] }, 'T1')).toBe(b);
    expect(planItemById({ items: [b, c] }, 'T2')).toBe(c);
    expect(planItemById({ items: [] }, 'T1')).toBeUndefined();
  });
});
