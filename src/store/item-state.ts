import type { PlanEvent, ProgressEntry, Status } from './events.js';

/** The current state of one item, derived from the log. */
export interface ItemState {
  status: Status | null;
  /** The latest value of each indicator (or of the item as a whole), by indicator id or "". */
  progress: ProgressEntry[];
  owners: string[];
  note: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The state of an item nobody has reported on. */
export const EMPTY_STATE: ItemState = { status: null, progress: [], owners: [], note: null, updatedAt: null, updatedBy: null };

/**
 * Derives every item's state from the events of one plan: the latest update that was not undone
 * sets status, note and progress; assignments set owners. Pure, so any past state can be replayed.
 */
export function deriveStates(events: readonly PlanEvent[], planId: string, until?: string): Map<string, ItemState> {
  const inTime = until === undefined ? () => true : notAfter(until);
  const reverted = new Set<string>();
  for (const e of events) if (e.type === 'undo' && e.planId === planId && inTime(e.at)) reverted.add(e.reverts);
  const states = new Map<string, ItemState>();
  const progress = new Map<string, Map<string | null, ProgressEntry>>();
  const get = (id: string) => {
    let s = states.get(id);
    if (!s) states.set(id, (s = { ...EMPTY_STATE, progress: [], owners: [] }));
    return s;
  };
  for (const e of events) {
    if (e.planId !== planId || !inTime(e.at)) continue;
    if (e.type === 'update' && !reverted.has(e.id)) {
      const s = get(e.itemId);
      if (e.status) s.status = e.status;
      // The note belongs to its update: a later update without one leaves no stale note behind.
      s.note = e.note;
      if (e.progress.length) {
        let latest = progress.get(e.itemId);
        if (!latest) progress.set(e.itemId, (latest = new Map()));
        // Re-inserting moves an indicator to the end, so the list keeps the order of last report.
        for (const p of e.progress) {
          latest.delete(p.indicatorId);
          latest.set(p.indicatorId, p);
        }
      }
      s.updatedAt = e.at;
      s.updatedBy = e.user;
    } else if (e.type === 'assign') {
      const s = get(e.itemId);
      if (!s.owners.includes(e.owner)) s.owners = [...s.owners, e.owner];
    } else if (e.type === 'unassign') {
      const s = get(e.itemId);
      s.owners = s.owners.filter((o) => o !== e.owner);
    }
  }
  for (const [id, latest] of progress) states.get(id)!.progress = [...latest.values()];
  return states;
}

/**
 * A test "at or before `until`" for event times. Times written the store's way (UTC, `…Z`, same
 * length) compare as text; any other offset is compared as an instant.
 */
function notAfter(until: string): (at: string) => boolean {
  const limit = Date.parse(until);
  const utc = until.endsWith('Z');
  return (at) => (utc && at.endsWith('Z') && at.length === until.length ? at <= until : Date.parse(at) <= limit);
}
