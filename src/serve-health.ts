import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { SelfReportingStore, StoreHealth } from './core/health.js';
import type { EventStore } from './store/event-store.js';

/**
 * The health of the store `serve` opened. A store that reports on itself (`health()`) is asked;
 * the state file is probed from outside: its events as loaded, and whether the file (or, before the
 * first update, its folder) may be written by this process.
 */
export function storeHealthProbe(store: EventStore, where: { kind: 'file'; file: string }): () => Promise<StoreHealth> {
  const own = (store as Partial<SelfReportingStore>).health;
  if (typeof own === 'function') return () => own.call(store);
  const file = resolve(where.file);
  return async () => {
    const events = store.events().length;
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    const writable = await access(exists ? file : dirname(file), constants.W_OK).then(
      () => true,
      () => false,
    );
    return { kind: where.kind, events, writable, ...(writable ? {} : { error: `the state file ${exists ? '' : 'folder '}is not writable by this process` }) };
  };
}
