import { acceptedEventsOf, type EventStore } from '../store/event-store.js';
import type { NewEvent, PlanEvent } from '../store/events.js';

/** Appends of a key still being written, per store, so two copies of one request racing append once. */
const inFlight = new WeakMap<EventStore, Map<string, Promise<PlanEvent>>>();

/** The last event of the log recorded under `key`, if any. */
export function findByRequestKey(events: readonly PlanEvent[], key: string): PlanEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.requestKey === key) return events[i];
  return undefined;
}

/**
 * The store as seen by one request: every event it appends carries the request's key (`key`, then
 * `key#2`, `key#3` … for a request that records several), and an append whose key is already in the log
 * returns the recorded event instead of writing again. So a request carried out twice (a replay, a
 * retried event, a command re-run after a restart) records what it records once, and answers the same.
 */
export function oncePerRequest(store: EventStore, requestKey: string): EventStore {
  return new RequestStore(store, requestKey);
}

/** {@link oncePerRequest}'s view: one small object per request, its methods shared (most requests never append). */
class RequestStore implements EventStore {
  #appended = 0;
  constructor(
    private readonly store: EventStore,
    private readonly requestKey: string,
  ) {}

  events(): readonly PlanEvent[] {
    return this.store.events();
  }

  acceptedEvents(): readonly PlanEvent[] {
    return acceptedEventsOf(this.store);
  }

  close(): Promise<void> {
    return this.store.close();
  }

  append(event: NewEvent): Promise<PlanEvent> {
    const { store, requestKey } = this;
    this.#appended += 1;
    const key = this.#appended === 1 ? requestKey : `${requestKey}#${this.#appended}`;
    const recorded = findByRequestKey(store.events(), key);
    if (recorded) return Promise.resolve(recorded);
    let pending = inFlight.get(store);
    if (!pending) inFlight.set(store, (pending = new Map<string, Promise<PlanEvent>>()));
    const running = pending.get(key);
    if (running) return running;
    const write = store.append({ ...event, requestKey: key } as NewEvent).finally(() => pending.delete(key));
    pending.set(key, write);
    return write;
  }
}
