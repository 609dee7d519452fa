import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { openFileStore } from '../../store/file-store.js';
import { copyEventsToPg, type PgCopyReport } from '../../store/migrate-to-pg.js';

/** What `plan-bot migrate` did: the file it read, and what it copied and verified. */
export interface MigrationReport extends PgCopyReport {
  from: string;
}

/**
 * `plan-bot migrate --to URL`: opens the state file with its lock (so no `serve` or cron tick writes
 * it meanwhile; its journal is read with it), copies every event into the empty database at `url`
 * (verified before committing) and leaves the file as it was, as a backup.
 */
export async function migrateFileToPg(db: string, url: string): Promise<MigrationReport> {
  const from = resolve(db);
  const exists = await stat(from).then(
    () => true,
    () => false,
  );
  if (!exists) {
    throw new UserError('store.migrate-no-file', {
      en: `There is no state file at ${from}: nothing to migrate. Give the file with --db FILE (or PLANBOT_DB).`,
      zh: `${from} 处没有状态文件，无可迁移。请用 --db FILE（或 PLANBOT_DB）指定文件。`,
    });
  }
  const store = await openFileStore(from);
  try {
    return { from, ...(await copyEventsToPg(store.events(), url)) };
  } finally {
    await store.close();
  }
}

/** The report as the administrator reads it, with what to do next. */
export function migrationText(r: MigrationReport): string {
  const types = Object.entries(r.byType)
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
  const plans = Object.entries(r.itemsWithState)
    .map(([plan, n]) => `${n} items of ${plan}`)
    .join(', ');
  return (
    `Copied ${r.events} events from ${r.from} (journal included) to ${r.to}` +
    (r.events ? `: seq ${r.firstSeq}–${r.lastSeq} (${types}).\n` : '.\n') +
    `Verified before committing: ${r.events} rows read back, every event the same, and the same state of ${plans || 'no items'}.\n` +
    `The state file is unchanged; keep it as a backup. Next: set PLANBOT_DATABASE_URL to this database for serve and cron ticks (see docs/deploy.md).\n`
  );
}
