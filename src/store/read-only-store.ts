import { resolve } from 'node:path';
import type { EventStore } from './event-store.js';
import type { NewEvent, PlanEvent } from './events.js';
import { readJournal } from './journal-file.js';
import { DurableStateFile, describeBackup } from './state-file.js';
import { mergeJournal } from './state-journal.js';
import { StoreDamagedError, StoreUnavailableError } from './store-errors.js';
import { nodeFs } from './store-fs.js';

/** How often a reader tries again when it caught the journal mid-compaction (emptied and refilled while it read). */
const ATTEMPTS = 5;

/**
 * A snapshot of the state file and its journal for commands that only read (`show`, `history`,
 * `ask`, a digest dry run). It takes no lock, so it works while `serve` holds the file: the writer
 * replaces the file by rename and only appends whole lines to the journal, so a reader sees the old or
 * the new file, whole, and ignores a journal line still being written. The journal is read before the
 * file, so a compaction in between only repeats events (dropped by seq), never hides them. An older
 * schema is migrated in memory only; a damaged file or journal is refused (StoreDamagedError).
 */
export async function openReadOnlyStore(path: string): Promise<EventStore> {
  const file = resolve(path);
  let events: readonly PlanEvent[] = [];
  for (let attempt = 1; ; attempt++) {
    const journal = await readJournal(file, nodeFs);
    const data = await new DurableStateFile(file).read();
    const merged = journal.damaged ? ({ ok: false, reason: journal.damaged } as const) : mergeJournal(data?.events ?? [], journal.content.events);
    if (merged.ok) {
      events = merged.events;
      break;
    }
    // A journal read while the writer emptied and refilled it looks damaged: read both again.
    if (attempt >= ATTEMPTS) throw new StoreDamagedError(file, merged.reason, await describeBackup(file, nodeFs));
    await new Promise((r) => setTimeout(r, 20 * attempt));
  }
  return {
    append: (_event: NewEvent) => Promise.reject(new StoreUnavailableError(file, 'it was opened read-only')),
    events: () => events,
    close: async () => {},
  };
}
