import type pg from 'pg';
import type { Logger } from '../core/logger.js';
import { UserError } from '../errors.js';

/** The schema version this code writes; `planbot_schema` records the database's. */
export const PG_SCHEMA_VERSION = 2;

/** Advisory lock keys (one bigint namespace per database): schema migration, and the order of appends. */
export const PG_LOCKS = { migrate: 7_331_001, events: 7_331_002 } as const;

/** The channel LISTEN/NOTIFY uses to tell every replica that events were appended (payload: the last seq). */
export const EVENTS_CHANNEL = 'planbot_events';

/**
 * Migrations, the n-th taking the schema from version n to n+1. Each runs in the migrating
 * transaction; never edit one that has shipped, add the next.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE planbot_events (
     seq bigint PRIMARY KEY,
     id text NOT NULL UNIQUE,
     request_key text UNIQUE,
     type text NOT NULL,
     plan_id text NOT NULL,
     at timestamptz NOT NULL,
     event jsonb NOT NULL,
     recorded_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE planbot_claims (
     key text PRIMARY KEY,
     holder text NOT NULL,
     claimed_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL,
     completed_at timestamptz
   );
   CREATE TABLE planbot_slack_inbox (
     key text PRIMARY KEY,
     entry jsonb NOT NULL,
     holder text NOT NULL,
     accepted_at timestamptz NOT NULL DEFAULT now()
   );`,
  // 2: keys used once until they expire (Slack replays, used web sign-in links), shared by replicas.
  `CREATE TABLE planbot_once_keys (
     key text PRIMARY KEY,
     expires_at timestamptz NOT NULL
   );
   CREATE INDEX planbot_once_keys_expires ON planbot_once_keys (expires_at);`,
];

/**
 * Creates or migrates plan-bot's tables to PG_SCHEMA_VERSION, in one transaction under an advisory
 * lock (replicas starting together migrate once). A database of a newer version is refused.
 */
export async function migratePgSchema(pool: pg.Pool, logger?: Pick<Logger, 'info'>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [PG_LOCKS.migrate]);
    await client.query('CREATE TABLE IF NOT EXISTS planbot_schema (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM planbot_schema');
    const from = rows[0]?.version ?? 0;
    if (from > PG_SCHEMA_VERSION) {
      throw new UserError('store.newer-schema', {
        en: `The database has plan-bot schema version ${from}, newer than this plan-bot (${PG_SCHEMA_VERSION}): upgrade plan-bot on this machine.`,
        zh: `数据库的 plan-bot 架构版本为 ${from}，比本机 plan-bot（${PG_SCHEMA_VERSION}）新：请升级本机的 plan-bot。`,
      });
    }
    for (let v = from; v < PG_SCHEMA_VERSION; v++) await client.query(MIGRATIONS[v]!);
    if (rows.length === 0) await client.query('INSERT INTO planbot_schema (version) VALUES ($1)', [PG_SCHEMA_VERSION]);
    else if (from < PG_SCHEMA_VERSION) await client.query('UPDATE planbot_schema SET version = $1', [PG_SCHEMA_VERSION]);
    await client.query('COMMIT');
    if (from < PG_SCHEMA_VERSION) logger?.info({ from, to: PG_SCHEMA_VERSION }, 'migrated the PostgreSQL schema');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** The database URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL database (PLANBOT_DATABASE_URL)';
  }
}
