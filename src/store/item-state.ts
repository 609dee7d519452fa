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
  const reverted = new Set<string>();
  for (const e of events) if (e.planId === planId && e.type === 'undo' && (!until || e.at <= until)) reverted.add(e.reverts);
  const states = new Map<string, ItemState>();
  const get = (id: string) => {
    let s = states.get(id);
    if (!s) states.set(id, (s = { ...EMPTY_STATE, progress: [], owners: [] }));
    return s;
  };
  for (const e of events) {
    if (e.planId !== planId || (until && e.at > until)) continue;
    if (e.type === 'update' && !reverted.has(e.id)) {
      const s = get(e.itemId);
      if (e.status) s.status = e.status;
      if (e.note) s.note = e.note;
      for (const p of e.progress) {
        s.progress = [...s.progress.filter((q) => q.indicatorId !== p.indicatorId), p];
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
  return states;
}
