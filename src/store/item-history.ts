import { sameUser } from '../core/user-ids.js';
import type { PlanEvent, ProgressEntry, Status } from './events.js';

/** One recorded update of an item, as history shows it. */
export interface HistoryEntry {
  id: string;
  seq: number;
  at: string;
  user: string;
  platform: string;
  status: Status | null;
  progress: ProgressEntry[];
  note: string | null;
  /** Whose report it was, for an item with units (a unit id). */
  unit?: string;
  /** The undo that reverted this update, if any: it stays in the history, marked. */
  undone: { at: string; user: string } | null;
}

/** Every update of one item of one plan, newest first, each marked when it was undone. Pure. */
export function itemHistory(events: readonly PlanEvent[], planId: string, itemId: string): HistoryEntry[] {
  const undos = new Map<string, { at: string; user: string }>();
  for (const e of events) if (e.type === 'undo' && e.planId === planId && !undos.has(e.reverts)) undos.set(e.reverts, { at: e.at, user: e.user });
  const out: HistoryEntry[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type !== 'update' || e.planId !== planId || e.itemId !== itemId) continue;
    out.push({ id: e.id, seq: e.seq, at: e.at, user: e.user, platform: e.platform, status: e.status, progress: e.progress, note: e.note, ...(e.unit ? { unit: e.unit } : {}), undone: undos.get(e.id) ?? null });
  }
  return out;
}

/**
 * The update a user's `undo` reverts: their latest update in the plan (of one item, if given) that
 * is not undone yet. Successive undos walk back through the user's own updates, never anyone else's.
 */
export function lastOwnUpdate(events: readonly PlanEvent[], planId: string, userId: string, itemId?: string): Extract<PlanEvent, { type: 'update' }> | null {
  const undone = new Set<string>();
  for (const e of events) if (e.type === 'undo' && e.planId === planId) undone.add(e.reverts);
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'update' && e.planId === planId && sameUser(e.user, userId) && (!itemId || e.itemId === itemId) && !undone.has(e.id)) return e;
  }
  return null;
}

/** The history as `plan-bot history ID --json` prints it: `{at, user, status, progress, note}` newest first (plus `undone`, and `unit` for a unit's report). */
export function historyJson(entries: readonly HistoryEntry[]) {
  return entries.map((h) => ({ at: h.at, user: h.user, status: h.status, progress: h.progress, note: h.note, ...(h.unit ? { unit: h.unit } : {}), undone: h.undone !== null, seq: h.seq }));
}
