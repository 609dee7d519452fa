/**
 * The promise's value if it settles within `ms`, else null (the promise keeps running): how an adapter
 * answers before a platform's deadline (Slack's 3 s ack, WeCom's 5 s) or says "working on it" instead.
 * The timer is set only when the promise has not settled by the end of this turn of the event loop
 * (`setImmediate`): an answer computed without waiting for I/O, the usual case, costs no timer.
 */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return new Promise<T | null>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = () => {
      settled = true;
      if (timer) clearTimeout(timer);
    };
    promise.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
    setImmediate(() => {
      if (!settled) timer = setTimeout(resolve, ms, null);
    });
  });
}
