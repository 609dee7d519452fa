/** DingTalk's limit for one robot: 20 messages a minute. */
export const ROBOT_MESSAGES_PER_MINUTE = 20;

/** Waits, when needed, so that no more than `limit` sends start within any `windowMs`. */
export interface Pacer {
  /** Resolves when one more send may start now; sends are let through in the order they asked. */
  turn(): Promise<void>;
}

/**
 * A sliding-window pacer: it remembers when the last `limit` sends started, and a send that would be
 * the `limit + 1`-th within `windowMs` waits until the oldest of them leaves the window. Callers queue
 * in order, so a digest of many messages cannot be overtaken and split by another post.
 */
export function slidingWindowPacer(o: { limit?: number; windowMs?: number; now?: () => number; sleep?: (ms: number) => Promise<void> } = {}): Pacer {
  const limit = o.limit ?? ROBOT_MESSAGES_PER_MINUTE;
  const windowMs = o.windowMs ?? 60_000;
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  return {
    turn() {
      const mine = queue.then(async () => {
        for (;;) {
          const t = now();
          while (started.length && t - started[0]! >= windowMs) started.shift();
          if (started.length < limit) break;
          await sleep(started[0]! + windowMs - t);
        }
        started.push(now());
      });
      queue = mine.catch(() => {});
      return mine;
    },
  };
}
