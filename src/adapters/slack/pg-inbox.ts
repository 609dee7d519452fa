import type pg from 'pg';
import { tryLead, type Lead } from '../../store/pg-leadership.js';
import type { CommandInbox, InboxEntry } from './command-inbox.js';

/** The leadership name that says a replica's inbox holder is alive (its connection holds the lock). */
const aliveName = (holder: string) => `slack-inbox:${holder}`;

/**
 * The command inbox of replicas sharing a database: rows of `planbot_slack_inbox`, each marked with
 * the replica that accepted it. A replica holds an advisory lock for as long as it lives; on opening,
 * it takes over the unanswered commands of every replica whose lock is free (it died), to carry them
 * out (idempotently, by their request key). A live replica's commands are left to it. `sweep` does
 * the same while running, so a replica dying is noticed without waiting for another one to start.
 */
export async function openPgInbox(pool: pg.Pool, url: string, holder: string): Promise<CommandInbox> {
  const alive: Lead | null = await tryLead(url, aliveName(holder));
  if (!alive) throw new Error(`another process already holds the Slack inbox of ${holder}`);
  const entries = new Map<string, InboxEntry>();
  /** Takes over the entries of every replica whose lock is free (it died); those newly taken. */
  const adoptDead = async (): Promise<InboxEntry[]> => {
    const adopted: InboxEntry[] = [];
    const { rows } = await pool.query<{ holder: string }>('SELECT DISTINCT holder FROM planbot_slack_inbox WHERE holder <> $1', [holder]);
    for (const other of rows.map((r) => r.holder)) {
      const dead = await tryLead(url, aliveName(other));
      if (!dead) continue;
      try {
        // One statement moves the rows: of two replicas sweeping at once, only one gets each entry.
        const taken = await pool.query<{ entry: InboxEntry }>('UPDATE planbot_slack_inbox SET holder = $1 WHERE holder = $2 RETURNING entry', [holder, other]);
        for (const r of taken.rows) {
          entries.set(r.entry.key, r.entry);
          adopted.push(r.entry);
        }
      } finally {
        await dead.release();
      }
    }
    return adopted;
  };
  await adoptDead();
  return {
    async accept(e) {
      await pool.query('INSERT INTO planbot_slack_inbox (key, entry, holder) VALUES ($1, $2::jsonb, $3) ON CONFLICT (key) DO NOTHING', [e.key, JSON.stringify(e), holder]);
      entries.set(e.key, e);
    },
    async done(key) {
      entries.delete(key);
      await pool.query('DELETE FROM planbot_slack_inbox WHERE key = $1', [key]);
    },
    pending: () => [...entries.values()],
    sweep: () => adoptDead(),
    close: () => alive.release(),
  };
}
