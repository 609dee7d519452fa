/**
 * Leadership: some work must be done by one replica only (a platform that allows one live connection
 * per bot, such as WeCom's AI bot long connection). Whoever holds the lease named `name` does it; the
 * others wait and ask again. The in-process default always leads (one process, one replica); a shared
 * store provides its own (PostgreSQL: an advisory lock held on a session).
 */

/** A held lease; `release` gives it up so another replica may take it. */
export interface Lease {
  release(): Promise<void>;
}

/** The port: try to become the one holder of `name`; null when another replica holds it. */
export interface Leadership {
  tryLead(name: string): Promise<Lease | null>;
}

/**
 * Leadership within one process: a name is held by at most one caller at a time, and a single
 * `serve` therefore always leads. Enough for the file store, where only one process may write anyway.
 */
export function inProcessLeadership(): Leadership {
  const held = new Set<string>();
  return {
    async tryLead(name) {
      if (held.has(name)) return null;
      held.add(name);
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          held.delete(name);
        },
      };
    },
  };
}
