import { open, readFile, rename } from 'node:fs/promises';
import type { OnceKeys } from '../../store/once-keys.js';

/** The invite links already used, remembered until they expire (after which they are refused anyway). */
export interface UsedInvites {
  /**
   * Marks an invite used; true when this is its first use. Resolves once that is durable, so a link is
   * never honoured twice (of two uses at once, on any replica, one is first).
   */
  use(id: string, expiresAt: number): Promise<boolean>;
}

/** Used invites kept in memory (tests, and a chat that has no state file). */
export function memoryUsedInvites(): UsedInvites {
  const used = new Map<string, number>();
  return {
    async use(id, expiresAt) {
      if (used.has(id)) return false;
      used.set(id, expiresAt);
      return true;
    },
  };
}

/** Used invites in the store's once-keys (replicas: the shared database), as `web-invite:<id>`. */
export function storeUsedInvites(keys: OnceKeys): UsedInvites {
  return { use: (id, expiresAt) => keys.first(`web-invite:${id}`, expiresAt) };
}

/** The file beside the state file that remembers used invites (`data/state.json.web-invites.json`). */
export function usedInvitesFile(db: string): string {
  return `${db}.web-invites.json`;
}

/**
 * Used invites kept in a JSON file beside the state file, so a restart does not make a used link
 * work again. Each write goes to a temp file, is fsync-ed and renamed over the old one; expired
 * entries are dropped on write.
 */
export async function fileUsedInvites(file: string, now: () => number): Promise<UsedInvites> {
  const used = new Map<string, number>();
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { used?: { id: string; expiresAt: number }[] };
    for (const u of data.used ?? []) if (typeof u.id === 'string' && typeof u.expiresAt === 'number') used.set(u.id, u.expiresAt);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read the used web invites in ${file}: ${(err as Error).message}; fix or delete the file (deleting it lets unexpired used links work again).`, { cause: err });
  }
  let writing: Promise<void> = Promise.resolve();
  const save = async () => {
    const t = now();
    for (const [id, expiresAt] of used) if (expiresAt < t) used.delete(id);
    const body = JSON.stringify({ version: 1, used: [...used].map(([id, expiresAt]) => ({ id, expiresAt })) }, null, 1);
    const tmp = `${file}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  };
  return {
    async use(id, expiresAt) {
      if (used.has(id)) return false;
      used.set(id, expiresAt);
      const run = writing.then(save);
      writing = run.catch(() => {});
      await run;
      return true;
    },
  };
}
