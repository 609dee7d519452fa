import { canonicalName, looksLikeSlackMember, parseUserId, userOn } from '../core/user-ids.js';

/** The schema version this code reads and writes: `{ "version": 2, "events": [...] }`. */
export const STATE_VERSION = 2;

/**
 * Steps from one version to the next, keyed by the version they read. A step is a pure function of
 * the parsed file; `migrateState` applies them in turn until the data is at STATE_VERSION.
 */
export const MIGRATIONS: Readonly<Record<number, (data: unknown) => unknown>> = {
  0: v0ToV1,
  1: v1ToV2,
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

/**
 * v1 stored users as they were typed or as the adapter passed them: bare console names (`alice`),
 * owners as written after `@` (`bob`, `Bob`, `U0123ABC`), qualified ids in any case (`web:Bob`).
 * v2 stores every user (an event's `user`, an assignment's `owner`, a subscription's owner filter)
 * as one canonical qualified id (`console:alice`, `web:bob`, `slack:U0123ABC`), so "same user" is one
 * rule. A bare id is read on the platform of the event that recorded it, as `@name` is now resolved:
 * a Slack member id (`U0123ABC`) is that Slack user; a name typed on the console (or the CLI) is a
 * console user, and a name typed anywhere else is a web user (Slack never sent bare names for people
 * it knows). An id that cannot be read is kept as it was.
 */
function v1ToV2(data: unknown): unknown {
  const { events, ...rest } = data as { events: unknown[] };
  return {
    ...rest,
    version: 2,
    events: events.map((e) => {
      if (!isRecord(e)) return e;
      const platform = typeof e.platform === 'string' ? e.platform : '';
      const out: Record<string, unknown> = { ...e };
      if (typeof e.user === 'string') out.user = qualifiedUser(e.user, platform);
      if ((e.type === 'assign' || e.type === 'unassign') && typeof e.owner === 'string') out.owner = qualifiedUser(e.owner, platform);
      if (e.type === 'subscribe' && isRecord(e.filters) && typeof e.filters.owner === 'string') out.filters = { ...e.filters, owner: qualifiedUser(e.filters.owner, platform) };
      return out;
    }),
  };
}

/** A v1 user id in the v2 form, read on the platform of the event that recorded it. */
export function qualifiedUser(raw: string, platform: string): string {
  const id = raw.trim().replace(/^[@＠]+/, '');
  if (id.includes(':')) return parseUserId(id) ?? raw;
  if (looksLikeSlackMember(id) || (platform === 'slack' && /^[UWB][A-Z0-9]+$/.test(id))) return userOn('slack', id) ?? raw;
  const name = canonicalName(id);
  return userOn(platform === 'console' || platform === 'cli' ? 'console' : 'web', name) ?? raw;
}

function withoutKeys(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
