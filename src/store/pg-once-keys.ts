import type pg from 'pg';
import type { OnceKeys } from './once-keys.js';

/** Expired rows are deleted after this many uses (one statement, off the request's path). */
const PURGE_EVERY = 500;

/**
 * Once-keys as rows of `planbot_once_keys`, shared by every replica: one statement inserts the key,
 * or takes over its expired row; it returns a row only then, so of two replicas trying the same key
 * at once exactly one is first. The database's clock judges expiry.
 */
export function pgOnceKeys(pool: pg.Pool): OnceKeys {
  let uses = 0;
  return {
    async first(key, expiresAt) {
      if (++uses % PURGE_EVERY === 0) void pool.query('DELETE FROM planbot_once_keys WHERE expires_at <= now()').catch(() => {});
      const { rowCount } = await pool.query(
        `INSERT INTO planbot_once_keys (key, expires_at) VALUES ($1, to_timestamp($2::double precision / 1000))
         ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE planbot_once_keys.expires_at <= now()
         RETURNING key`,
        [key, expiresAt],
      );
      return rowCount === 1;
    },
  };
}
