/** How fast one socket may send: `ratePerSecond` on average, up to `burst` at once. */
export interface RateLimit {
  ratePerSecond: number;
  burst: number;
}

/** The web chat's default: 10 messages a second, bursts of 20. */
export const DEFAULT_RATE_LIMIT: RateLimit = { ratePerSecond: 10, burst: 20 };

/** A token bucket: `take()` is true while the sender is within its rate, false when it must wait. */
export interface TokenBucket {
  take(): boolean;
}

/**
 * Creates a token bucket that starts full. `now` gives milliseconds on a monotonic clock; it is
 * injected so tests can step time (the bot's own clock may be frozen by `--now`, so it is not used here).
 */
export function createTokenBucket(limit: RateLimit, now: () => number = () => performance.now()): TokenBucket {
  let tokens = limit.burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(limit.burst, tokens + ((t - last) / 1000) * limit.ratePerSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
