import { createHash } from 'node:crypto';
import pg from 'pg';

/** Leadership held by this process until released or its connection is lost. */
export interface Lead {
  /** Resolves when leadership was lost (the connection dropped): stop leading then. */
  lost: Promise<void>;
  release(): Promise<void>;
}

/** The advisory lock key of a leadership name (a stable 63-bit hash). */
export function leadKey(name: string): string {
  return BigInt.asIntN(64, BigInt(`0x${createHash('sha256').update(`planbot:lead:${name}`).digest('hex').slice(0, 16)}`)).toString();
}

/**
 * Tries to become the one leader called `name` among the replicas sharing the database at `url` (for
 * work only one may do at a time, such as holding a platform's single websocket): a session advisory
 * lock on its own connection. Null when another replica leads; the lock goes with the connection, so a
 * leader that dies frees it at once and another replica's next try succeeds.
 */
export async function tryLead(url: string, name: string): Promise<Lead | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let lostResolve!: () => void;
  const lost = new Promise<void>((resolve) => (lostResolve = resolve));
  client.on('error', () => lostResolve());
  client.on('end', () => lostResolve());
  const key = leadKey(name);
  const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS got', [key]);
  if (!rows[0]?.got) {
    await client.end();
    return null;
  }
  return {
    lost,
    async release() {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
