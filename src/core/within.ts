/**
 * The promise's value if it settles within `ms`, else null (the promise keeps running): how an adapter
 * answers before a platform's deadline (Slack's 3 s ack, WeCom's 5 s) or says "working on it" instead.
 */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(resolve, ms, null)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
