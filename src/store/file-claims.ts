import { readJsonLines, rewriteJsonLines } from './json-lines-file.js';
import { ClaimTable, type ClaimRecord, type Claims } from './claims.js';

/** Completed claims are kept this long (the event log records the work itself for longer). */
const KEEP_COMPLETED_MS = 60 * 24 * 60 * 60 * 1000;

type Line = { key: string; record: ClaimRecord | null };

/**
 * Claims in a JSON-lines file beside the state file, for the file backend: the state file's lock
 * makes its process the only writer, so the table lives in memory and each change is appended and
 * flushed (`datasync`) before it resolves. Opening compacts the file to the completed claims: an
 * unfinished one was its previous process's, which is gone, so the work is free to do again.
 */
export async function openFileClaims(path: string, now: () => number = Date.now): Promise<Claims> {
  const table = new ClaimTable(now);
  for (const line of await readJsonLines<Line>(path)) {
    if (typeof line.key !== 'string') continue;
    if (line.record) table.records.set(line.key, line.record);
    else table.records.delete(line.key);
  }
  const t = now();
  for (const [key, r] of table.records) {
    // An unfinished claim in the file is a dead process's (the state file's lock makes this one the only writer): free.
    if (r.completedAt == null || r.completedAt < t - KEEP_COMPLETED_MS) table.records.delete(key);
  }
  const file = await rewriteJsonLines<Line>(path, [...table.records].map(([key, record]) => ({ key, record })));
  const write = (line: Line) => file.write(line);
  let closed = false;
  return {
    async claim(key, holder, ttlMs) {
      const { outcome, record } = table.claim(key, holder, ttlMs);
      if (record) await write({ key, record });
      return outcome;
    },
    complete: (key) => write({ key, record: table.complete(key) }),
    async release(key, holder) {
      if (table.release(key, holder)) await write({ key, record: null });
    },
    async close() {
      if (closed) return;
      closed = true;
      await file.close();
    },
  };
}
