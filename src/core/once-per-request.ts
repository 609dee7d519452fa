import type { EventStore } from '../store/event-store.js';
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
  let n = 0;
  let pending = inFlight.get(store);
  if (!pending) inFlight.set(store, (pending = new Map<string, Promise<PlanEvent>>()));
  return {
    events: () => store.events(),
    close: () => store.close(),
    append(event: NewEvent): Promise<PlanEvent> {
      n += 1;
      const key = n === 1 ? requestKey : `${requestKey}#${n}`;
      const recorded = findByRequestKey(store.events(), key);
      if (recorded) return Promise.resolve(recorded);
      const running = pending.get(key);
      if (running) return running;
      const write = store.append({ ...event, requestKey: key } as NewEvent).finally(() => pending.delete(key));
      pending.set(key, write);
      return write;
    },
  };
}
