/**
 * Keys honoured once until they expire: a Slack request's signature and timestamp (a replay is
 * answered without being carried out), a used web sign-in link. Shared by every replica when the
 * store is PostgreSQL (`pgOnceKeys`); in memory for one process.
 */
export interface OnceKeys {
  /**
   * Records `key` until `expiresAt` (wall-clock ms); true when this is its first use (no unexpired
   * record), false when it was already used. Resolves once the record is durable.
   */
  first(key: string, expiresAt: number): Promise<boolean>;
}

/** Once-keys in this process only (tests, and a single process with nothing to share), at most `max` kept. */
export function memoryOnceKeys(now: () => number = Date.now, max = 50_000): OnceKeys {
  const keys = new Map<string, number>();
  return {
    async first(key, expiresAt) {
      const t = now();
      for (const [k, until] of keys) {
        if (until > t && keys.size < max) break;
        keys.delete(k);
      }
      const until = keys.get(key);
      if (until !== undefined && until > t) return false;
      keys.delete(key);
      keys.set(key, expiresAt);
      return true;
    },
  };
}
