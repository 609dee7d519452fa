/**
 * Runs jobs per key (a conversation) one after another; keys do not wait for each other. Inside a
 * job, `wait()` holds each message until `intervalMs` after the previous message to that key (and
 * counts it as sent from then); `sent()`, called once a send is over, counts the interval from its end
 * instead. A job that fails does not stop the next one.
 */
export function pacedQueue(intervalMs: number) {
  const tails = new Map<string, Promise<unknown>>();
  const lastSent = new Map<string, number>();
  return (key: string, job: (wait: () => Promise<void>, sent: () => void) => Promise<void>): Promise<void> => {
    const wait = async () => {
      const delay = (lastSent.get(key) ?? -Infinity) + intervalMs - Date.now();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      lastSent.set(key, Date.now());
    };
    const sent = () => void lastSent.set(key, Date.now());
    const previous = tails.get(key) ?? Promise.resolve();
    const mine = previous.then(() => job(wait, sent));
    const tail = mine.catch(() => {});
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return mine;
  };
}
