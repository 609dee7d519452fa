import { resolve } from 'node:path';
import type { EventStore } from './event-store.js';
import type { NewEvent, PlanEvent } from './events.js';
import { DurableStateFile } from './state-file.js';
import { StoreUnavailableError } from './store-errors.js';

/**
 * A snapshot of the state file for commands that only read (`show`, `history`, `ask`, a digest dry
 * run). It takes no lock, so it works while `serve` holds the file: the writer replaces the file by
 * rename, so a reader sees either the old or the new file, whole. An older schema is migrated in
 * memory only; a damaged file is refused (StoreDamagedError) as on a normal open.
 */
export async function openReadOnlyStore(path: string): Promise<EventStore> {
  const file = resolve(path);
  const data = await new DurableStateFile(file).read();
  const events: readonly PlanEvent[] = data?.events ?? [];
  return {
    append: (_event: NewEvent) => Promise.reject(new StoreUnavailableError(file, 'it was opened read-only')),
    events: () => events,
    close: async () => {},
  };
}
