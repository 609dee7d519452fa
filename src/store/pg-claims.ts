import type pg from 'pg';
import type { ClaimOutcome, Claims } from './claims.js';

/**
 * Claims as rows of `planbot_claims` (created by the store's schema), shared by every replica: a
 * claim is one statement that inserts the key, or takes over a row that is unfinished and expired (or
 * already this holder's); the database's clock judges expiry, so replicas' clocks need not agree.
 */
export function pgClaims(pool: pg.Pool): Claims {
  return {
    async claim(key, holder, ttlMs): Promise<ClaimOutcome> {
      const taken = await pool.query(
        `INSERT INTO planbot_claims (key, holder, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET holder = EXCLUDED.holder, claimed_at = now(), expires_at = EXCLUDED.expires_at
           WHERE planbot_claims.completed_at IS NULL AND (planbot_claims.expires_at <= now() OR planbot_claims.holder = EXCLUDED.holder)
         RETURNING key`,
        [key, holder, ttlMs],
      );
      if (taken.rowCount) return 'claimed';
      const { rows } = await pool.query<{ done: boolean }>('SELECT completed_at IS NOT NULL AS done FROM planbot_claims WHERE key = $1', [key]);
      // Released between the two statements: free again, so try once more.
      if (rows.length === 0) return this.claim(key, holder, ttlMs);
      return rows[0]!.done ? 'done' : 'held';
    },
    async complete(key) {
      await pool.query(
        `INSERT INTO planbot_claims (key, holder, expires_at, completed_at) VALUES ($1, '', now(), now())
         ON CONFLICT (key) DO UPDATE SET completed_at = now()`,
        [key],
      );
    },
    async release(key, holder) {
      await pool.query('DELETE FROM planbot_claims WHERE key = $1 AND holder = $2 AND completed_at IS NULL', [key, holder]);
    },
    close: async () => {},
  };
}
