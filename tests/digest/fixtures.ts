import type { Plan, PlanItem } from '../../src/plan/schema.js';
import type { NewEvent, PlanEvent } from '../../src/store/events.js';
import { MemoryStore } from '../../src/store/memory-store.js';

/** The plan the fixtures' events belong to unless told otherwise. */
export const PLAN_ID = 'henan-2021';

type Of<T extends NewEvent['type']> = Extract<NewEvent, { type: T }>;
type Overrides<T extends NewEvent['type']> = Partial<Omit<Of<T>, 'type'>>;

const base = (planId = PLAN_ID) => ({ user: 'web:alice', platform: 'web', planId, at: '2021-06-08T02:00:00Z' });

/** An update event; each test states only what matters to it. */
export function update(o: Overrides<'update'> = {}): Of<'update'> {
  return { ...base(o.planId), type: 'update', itemId: 'T9', status: 'on-track', progress: [], note: null, ...o };
}

/** An assign event. */
export function assign(o: Overrides<'assign'> = {}): Of<'assign'> {
  return { ...base(o.planId), type: 'assign', itemId: 'T9', owner: 'web:alice', at: '2021-01-04T01:00:00Z', ...o };
}

/** A subscribe event of "web:general", whole plan, in English. */
export function subscribe(o: Overrides<'subscribe'> = {}): Of<'subscribe'> {
  return { ...base(o.planId), type: 'subscribe', channel: 'web:general', filters: { group: null, owner: null, status: null }, lang: 'en', at: '2021-06-01T01:00:00Z', ...o };
}

/** An unsubscribe event of "web:general". */
export function unsubscribe(o: Overrides<'unsubscribe'> = {}): Of<'unsubscribe'> {
  return { ...base(o.planId), type: 'unsubscribe', channel: 'web:general', at: '2021-06-02T01:00:00Z', ...o };
}

/** A memory store holding the given events, appended in order (so they get seq and id). */
export async function storeWith(events: NewEvent[]): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (const e of events) await store.append(e);
  return store;
}

/** Events as a store would hold them, without going through a store (fast, for big fixtures). */
export function logOf(events: NewEvent[]): PlanEvent[] {
  return events.map((e, i) => ({ ...e, seq: i + 1, id: `e${i + 1}` }) as PlanEvent);
}

/**
 * A synthetic plan of `tasks` tasks in groups of 30, each with one counted indicator ("villages")
 * due at the end of the year, for size and limit tests.
 */
export function fakePlan(tasks: number, year = 2021): Plan {
  const items: PlanItem[] = [];
  const groups = Math.ceil(tasks / 30);
  for (let g = 1; g <= groups; g++) {
    items.push(item(`G${g}`, 'group', null, `Group ${g}`, `任务组${g}`));
    for (let n = (g - 1) * 30 + 1; n <= Math.min(tasks, g * 30); n++) {
      const task = item(`T${n}`, 'task', `G${g}`, `Task number ${n} of the synthetic plan`, `第${n}项合成任务`);
      task.indicators.push({
        id: `T${n}.1`,
        metric: { en: `Villages improved under task ${n}`, zh: `任务${n}完成整治的行政村` },
        comparator: '>=',
        value: 100 + n,
        unit: '个',
        deadline: `${year}-12-31`,
        text: { en: `Improve ${100 + n} villages.`, zh: `完成${100 + n}个行政村整治。` },
        unitLabel: { en: 'villages', zh: '个行政村' },
        aspirational: false,
        capped: false,
      });
      items.push(task);
    }
  }
  return { id: 'fake-plan', title: { en: 'Synthetic plan', zh: '合成计划' }, year, preamble: { zh: '', en: '' }, items };
}

function item(id: string, kind: PlanItem['kind'], parent: string | null, en: string, zh: string): PlanItem {
  return { id, kind, parent, title: { en, zh }, text: { en, zh }, indicators: [], aliases: { en: [], zh: [] }, note: null, line: 1 };
}
