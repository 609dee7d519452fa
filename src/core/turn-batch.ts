/** The most calls a batch waits to gather; then it runs even if more keep coming. */
export const MAX_BATCH = 64;

/**
 * Runs `run` for each call, not at once but in batches, in the order the calls were made. A batch
 * starts with a call; at the end of each turn of the event loop (`setImmediate`: after the turn's I/O
 * callbacks) it runs unless that turn brought it another call since the batch started or since the
 * last such check, and it runs anyway once it holds {@link MAX_BATCH}. Under load, requests arrive a
 * few per turn; carried out one after the other, they find the core's code and data still in the
 * processor's caches instead of evicted by the HTTP work in between, which made an answer cost three
 * to five times what it costs when answers follow each other. A lone call runs at the end of its own
 * turn; calls that keep coming wait a turn of the loop more for each turn that brings more
 * (microseconds each).
 *
 * A call made while a batch runs goes to the next batch. A run that throws does not stop the
 * others: its error goes to `onError`, with the arguments of the call.
 */
export function turnBatch<A extends unknown[]>(run: (...args: A) => void, onError: (error: unknown, ...args: A) => void): (...args: A) => void {
  let queue: A[] = [];
  /** How many calls the batch had when it started or at the end of the last turn that brought more. */
  let seen = 0;
  const drain = () => {
    const batch = queue;
    queue = [];
    for (const args of batch) {
      try {
        run(...args);
      } catch (error) {
        onError(error, ...args);
      }
    }
  };
  const endOfTurn = () => {
    if (queue.length > seen && queue.length < MAX_BATCH) {
      seen = queue.length;
      setImmediate(endOfTurn);
      return;
    }
    drain();
  };
  return (...args: A) => {
    if (queue.push(args) > 1) return;
    seen = 1;
    setImmediate(endOfTurn);
  };
}
