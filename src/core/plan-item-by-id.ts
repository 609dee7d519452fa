import type { Plan, PlanItem } from '../plan/schema.js';

/** Each items list's first item per id, made the first time a list is asked: a loaded plan does not change. */
const byIdOf = new WeakMap<readonly PlanItem[], ReadonlyMap<string, PlanItem>>();

/**
 * The plan's item with this id (the first one, as `plan.items.find` gives), or undefined. Looked up in
 * a table made once per items list rather than by walking every item on each message.
 */
export function planItemById(plan: Pick<Plan, 'items'>, id: string): PlanItem | undefined {
  let byId = byIdOf.get(plan.items);
  if (!byId) {
    const m = new Map<string, PlanItem>();
    for (const item of plan.items) if (!m.has(item.id)) m.set(item.id, item);
    byIdOf.set(plan.items, (byId = m));
  }
  return byId.get(id);
}
