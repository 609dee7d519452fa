import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { UserError } from '../errors.js';
import type { PlanEvent } from './events.js';
import { currentStates } from './item-state.js';
import { EVENTS_CHANNEL, PG_LOCKS, migratePgSchema, redactUrl } from './pg-schema.js';
import { databaseUnreachable, insertPgEventsSql, readPgEvents } from './pg-store.js';

/** Rows per INSERT statement (7 parameters each, well under PostgreSQL's 65,535). */
const BATCH = 1000;

/** What `copyEventsToPg` did, and what it checked. */
export interface PgCopyReport {
  /** The database, without its password. */
  to: string;
  events: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** Events per type, for the administrator to compare with what they expect. */
  byType: Record<string, number>;
  /** Per plan in the log: how many items have a recorded state (the same from the file and from the database). */
  itemsWithState: Record<string, number>;
}

/**
 * Copies every event of a log (the file store's, journal included) into an empty PostgreSQL database,
 * as they are: same seq, id and request key. One transaction under the append lock: a database that
 * already has events is refused; before committing, the rows are read back and must be the same
 * events, in the same order, giving the same state of every item; otherwise nothing is committed.
 */
export async function copyEventsToPg(events: readonly PlanEvent[], url: string): Promise<PgCopyReport> {
  const where = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migratePgSchema(pool).catch((err: unknown) => Promise.reject(databaseUnreachable(where, err)));
    const client = await pool.connect();
    try {
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${PG_LOCKS.events})`);
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM planbot_events');
      const already = Number(rows[0]!.n);
      if (already > 0) {
        throw new UserError('store.migrate-not-empty', {
          en: `The database ${where} already has ${already} plan-bot events: nothing was copied. Migrate into an empty database (createdb a new one, or drop its planbot_* tables if they hold nothing you need).`,
          zh: `数据库 ${where} 中已有 ${already} 条 plan-bot 事件，未复制任何内容。请迁移到空数据库（新建一个，或在确认无用后删除其中的 planbot_* 表）。`,
        });
      }
      for (let i = 0; i < events.length; i += BATCH) {
        const params: unknown[] = [];
        await client.query(insertPgEventsSql(events.slice(i, i + BATCH), params), params);
      }
      const copied = await readPgEvents(client);
      const report = verify(events, copied, where);
      await client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(report.lastSeq ?? 0)]);
      await client.query('COMMIT');
      return report;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      if (err instanceof UserError) throw err;
      throw new UserError('store.migrate-failed', {
        en: `Copying the events into ${where} failed (${(err as Error).message}); nothing was committed there, and the state file is unchanged.`,
        zh: `向 ${where} 复制事件失败（${(err as Error).message}）；数据库中没有写入任何内容，状态文件也未改变。`,
      });
    } finally {
      client.release();
    }
  } finally {
    await pool.end().catch(() => {});
  }
}

/** Checks the rows read back against the events copied: count, each event, and the state derived per plan. */
function verify(events: readonly PlanEvent[], copied: readonly PlanEvent[], where: string): PgCopyReport {
  if (copied.length !== events.length) throw new Error(`read back ${copied.length} events, copied ${events.length}`);
  events.forEach((e, i) => {
    // jsonb keeps values, not key order: compare as values.
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(e)), copied[i])) throw new Error(`event seq ${e.seq} (${e.id}) reads back differently`);
  });
  const byType: Record<string, number> = {};
  for (const e of events) byType[e.type] = (byType[e.type] ?? 0) + 1;
  const itemsWithState: Record<string, number> = {};
  for (const planId of new Set(events.map((e) => e.planId))) {
    const fromFile = currentStates(events, planId);
    const fromDb = currentStates(copied, planId);
    if (!isDeepStrictEqual([...fromFile], [...fromDb])) throw new Error(`the state of plan ${planId}'s items differs between the file and the database`);
    itemsWithState[planId] = fromFile.size;
  }
  return { to: where, events: events.length, firstSeq: events[0]?.seq ?? null, lastSeq: events.at(-1)?.seq ?? null, byType, itemsWithState };
}
