import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { OnceOnly } from '../../store/claims.js';
import { RecentIds } from '../../core/recent-ids.js';

/** Decides whether this process handles an event: `begin` true to handle it, `end` once handled (`ok` false: a retry may). */
export interface EventGate {
  begin(eventId: string): Promise<boolean>;
  end(eventId: string, ok: boolean): Promise<void>;
}

/** The gate of one process: ids remembered in memory (the file backend, where one process serves). */
export function recentIdsGate(recent = new RecentIds()): EventGate {
  return { begin: async (id) => !recent.check(id), end: async () => {} };
}

/** A claim on an unfinished event lasts this long at most: shorter than Slack's first retry (1 minute). */
export const EVENT_CLAIM_MS = 30_000;

/**
 * The gate of replicas sharing a database: an event is claimed (`slack:event:<id>`) before it is
 * handled and completed after, so Slack's retry reaching another replica is dropped; if the handler
 * failed or its replica died, the claim is released or expires and the retry is handled.
 */
export function claimsGate(once: OnceOnly): EventGate {
  const key = (id: string) => `slack:event:${id}`;
  return {
    begin: async (id) => (await once.claims.claim(key(id), once.holder, Math.min(once.ttlMs, EVENT_CLAIM_MS))) === 'claimed',
    end: (id, ok) => (ok ? once.claims.complete(key(id)) : once.claims.release(key(id), once.holder)),
  };
}

/**
 * Global middleware that drops an Events API delivery whose `event_id` was already handled: Slack
 * retries (`x-slack-retry-num`) when an answer is late, and a retried mention must be answered once.
 * Bolt has acknowledged the event before middleware runs (the 200 goes out when the chain returns, at
 * once for a dropped duplicate), so Slack stops retrying. After a restart this memory is empty; the
 * event's request key (`slack:event:<event_id>`) then keeps its writes from happening twice.
 */
export function dedupeEvents(gate: EventGate = recentIdsGate()): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next, logger }) => {
    const id = (body as { event_id?: unknown }).event_id;
    if (typeof id !== 'string') return void (await next());
    if (!(await gate.begin(id))) {
      logger.debug(`dropping duplicate event ${id}`);
      return;
    }
    try {
      await next();
    } catch (err) {
      await gate.end(id, false);
      throw err;
    }
    await gate.end(id, true);
  };
}
