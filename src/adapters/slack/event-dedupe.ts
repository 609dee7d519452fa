import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * Remembers ids for a while, so an id seen twice within `ttlMs` is recognised. Bounded by `max`
 * (oldest forgotten first), so a flood of ids cannot grow memory.
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the id; true when it was already recorded and has not expired. */
  check(id: string): boolean {
    const t = this.now();
    for (const [old, at] of this.seen) {
      if (t - at < this.ttlMs && this.seen.size < this.max) break;
      this.seen.delete(old);
    }
    if (this.seen.has(id)) return true;
    this.seen.set(id, t);
    return false;
  }
}

/**
 * Global middleware that drops an Events API delivery whose `event_id` was already handled: Slack
 * retries (`x-slack-retry-num`) when an answer is late, and a retried mention must be answered once.
 * Bolt has acknowledged the event before middleware runs (the 200 goes out when the chain returns, at
 * once for a dropped duplicate), so Slack stops retrying. After a restart this memory is empty; the
 * event's request key (`slack:event:<event_id>`) then keeps its writes from happening twice.
 */
export function dedupeEvents(recent = new RecentIds()): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next, logger }) => {
    const id = (body as { event_id?: unknown }).event_id;
    if (typeof id === 'string' && recent.check(id)) {
      logger.debug(`dropping duplicate event ${id}`);
      return;
    }
    await next();
  };
}
