/** The schema version this code reads and writes: `{ "version": 1, "events": [...] }`. */
export const STATE_VERSION = 1;

/**
 * Steps from one version to the next, keyed by the version they read. A step is a pure function of
 * the parsed file; `migrateState` applies them in turn until the data is at STATE_VERSION.
 */
export const MIGRATIONS: Readonly<Record<number, (data: unknown) => unknown>> = {
  0: v0ToV1,
};

/** The version a parsed state file declares: 0 for the unversioned prototype format, null when it is not a state file. */
export function stateVersion(data: unknown): number | null {
  if (!isRecord(data)) return null;
  if (!('version' in data)) return Array.isArray(data.events) ? 0 : null;
  return Number.isInteger(data.version) && (data.version as number) >= 0 ? (data.version as number) : null;
}

/** The result of bringing a parsed file up to date. */
export type Migrated = { ok: true; data: unknown; from: number } | { ok: false; reason: string };

/** Brings a parsed state file up to STATE_VERSION, or says why it cannot. Pure: the input is not changed. */
export function migrateState(data: unknown): Migrated {
  const from = stateVersion(data);
  if (from === null) return { ok: false, reason: 'not a plan-bot state file: expected {"version": 1, "events": [...]}' };
  if (from > STATE_VERSION) return { ok: false, reason: `written by a newer plan-bot (schema version ${from}; this one reads up to ${STATE_VERSION}); upgrade plan-bot` };
  let current = data;
  for (let v = from; v < STATE_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, reason: `no migration from schema version ${v}` };
    current = step(current);
  }
  return { ok: true, data: current, from };
}

/**
 * v0 (the prototype) wrote `{ "events": [...] }` without a version, without `seq` and `id` on its
 * events, and named an update's progress indicator `indicator`. v1 numbers the events in file order.
 */
function v0ToV1(data: unknown): unknown {
  const events = (data as { events: unknown[] }).events;
  return {
    version: 1,
    events: events.map((e, i) => {
      if (!isRecord(e)) return e;
      const out: Record<string, unknown> = { seq: i + 1, id: typeof e.id === 'string' && e.id ? e.id : `v0-${i + 1}`, ...withoutKeys(e, ['seq', 'id']) };
      if (e.type === 'update' && Array.isArray(e.progress)) {
        out.progress = e.progress.map((p) =>
          isRecord(p) && 'indicator' in p && !('indicatorId' in p) ? { indicatorId: p.indicator ?? null, ...withoutKeys(p, ['indicator']) } : p,
        );
      }
      return out;
    }),
  };
}

function withoutKeys(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
