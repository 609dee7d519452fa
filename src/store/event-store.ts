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
  close(): Promise<void>;
}
