import { randomUUID } from 'node:crypto';
import type { EventStore } from './event-store.js';
import { PlanEvent, type NewEvent } from './events.js';

/** The in-memory twin of the file store, for tests and throw-away sessions. */
export class MemoryStore implements EventStore {
  private readonly log: PlanEvent[] = [];

  constructor(initial: readonly PlanEvent[] = []) {
    this.log.push(...initial);
  }

  async append(event: NewEvent): Promise<PlanEvent> {
    const full = PlanEvent.parse({ ...event, seq: this.log.length + 1, id: randomUUID() });
    this.log.push(full);
    return full;
  }

  events(): readonly PlanEvent[] {
    return this.log;
  }

  async close(): Promise<void> {}
}
