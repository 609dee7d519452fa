import type { NewEvent, PlanEvent } from './events.js';

/**
 * The small interface all state goes through: an append-only log of events. `append` resolves only
 * once the event is durable (for a file store: written and flushed), so an acknowledged update is
 * never lost.
 */
export interface EventStore {
  append(event: NewEvent): Promise<PlanEvent>;
  /** Every event in log order (the caller must not mutate them). */
  events(): readonly PlanEvent[];
  /**
   * `events()` followed by the appends accepted but not written yet, in the order they were accepted
   * (their seq not given yet): what a request deciding from the log (undo picks its sender's last
   * update) reads so that the writes that arrived before it count, as they would had each been written
   * alone. Absent: `events()` already holds every accepted append.
   */
  acceptedEvents?(): readonly PlanEvent[];
  close(): Promise<void>;
}

/** `store.acceptedEvents()`, or `events()` for a store without it (each append written before it resolves). */
export function acceptedEventsOf(store: EventStore): readonly PlanEvent[] {
  return store.acceptedEvents?.() ?? store.events();
}

/**
 * `log`, then the events of the appends a store has accepted but not written yet (`pending`: the batch
 * being written, then the queue), in the order they were accepted: their id given, their seq not yet
 * (0). `log` itself when none is pending. What a batching store's `acceptedEvents` returns.
 */
export function withAccepted(log: readonly PlanEvent[], ...pending: ReadonlyArray<readonly { event: Omit<PlanEvent, 'seq'> }[]>): readonly PlanEvent[] {
  if (pending.every((list) => list.length === 0)) return log;
  return [...log, ...pending.flat().map((p) => ({ ...p.event, seq: 0 }) as PlanEvent)];
}
