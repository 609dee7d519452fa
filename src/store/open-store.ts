import type { Config } from '../config/load-config.js';
import type { Logger } from '../core/logger.js';
import type { Claims } from './claims.js';
import type { EventStore } from './event-store.js';
import { openFileClaims } from './file-claims.js';
import { openFileStore } from './file-store.js';
import { openReadOnlyStore } from './read-only-store.js';

// The PostgreSQL modules (and `pg`) are imported only when PLANBOT_DATABASE_URL is set, so that the
// file store's commands start as fast as before.

/**
 * The store `config` names, for a process that writes (`serve`, `chat`, cron ticks): PostgreSQL when
 * PLANBOT_DATABASE_URL is set (shared by replicas), else the locked state file.
 */
export async function openStore(config: Pick<Config, 'db' | 'databaseUrl'>, logger?: Logger): Promise<EventStore> {
  if (config.databaseUrl) return (await import('./pg-store.js')).openPgStore(config.databaseUrl, logger ? { logger } : {});
  return openFileStore(config.db, logger ? { logger } : {});
}

/**
 * A snapshot of the store for commands that only read (`show`, `history`, `ask`, a digest dry run):
 * no lock taken, no connection kept open.
 */
export async function openSnapshotStore(config: Pick<Config, 'db' | 'databaseUrl'>): Promise<EventStore> {
  if (config.databaseUrl) return (await import('./pg-store.js')).openPgSnapshot(config.databaseUrl);
  return openReadOnlyStore(config.db);
}

/**
 * The claims of once-only work beside the store `openStore` gave: rows in the same PostgreSQL database
 * (shared by the replicas), else a file beside the state file (`<db>.claims`).
 */
export async function openClaims(config: Pick<Config, 'db' | 'databaseUrl'>, store: EventStore): Promise<Claims> {
  if (config.databaseUrl) return (await import('./pg-claims.js')).pgClaims((await import('./pg-store.js')).pgPoolOf(store));
  return openFileClaims(`${config.db}.claims`);
}
