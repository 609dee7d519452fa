import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore, type FileStore } from '../../src/store/file-store.js';
import { StoreDamagedError } from '../../src/store/store-errors.js';
import { updateEvent } from './fixtures/events.js';

const dirs: string[] = [];
const stores: FileStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A running store with two updates in its journal, and an empty backup folder. */
async function running(): Promise<{ db: string; store: FileStore; backup: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'planbot-backup-'));
  dirs.push(dir);
  const db = join(dir, 'state.json');
  const store = await openFileStore(db);
  stores.push(store);
  await store.append(updateEvent({ note: 'a' }));
  await store.append(updateEvent({ note: 'b' }));
  const backup = join(dir, 'backup');
  mkdirSync(backup);
  return { db, store, backup };
}

/** An update that makes the store compact its journal into the state file first. */
async function compactThenAppend(store: FileStore, note: string): Promise<void> {
  store.compactSoon();
  await store.append(updateEvent({ note }));
}

describe('backing up a live state file (docs/deploy.md, one process with the state file)', () => {
  it('journal first, then the file: the copy loads with every update acknowledged before the copy began, even across a compaction', async () => {
    const { db, store, backup } = await running();
    copyFileSync(`${db}.journal`, join(backup, 'state.json.journal'));
    await compactThenAppend(store, 'c');
    copyFileSync(db, join(backup, 'state.json'));
    const copy = await openFileStore(join(backup, 'state.json'));
    stores.push(copy);
    expect(copy.events().map((e) => (e.type === 'update' ? e.note : null))).toEqual(['a', 'b']);
  });

  it('the file first, then the journal, is refused across a compaction (why the order matters)', async () => {
    const { db, store, backup } = await running();
    await compactThenAppend(store, 'c');
    copyFileSync(db, join(backup, 'state.json'));
    await compactThenAppend(store, 'd');
    copyFileSync(`${db}.journal`, join(backup, 'state.json.journal'));
    await expect(openFileStore(join(backup, 'state.json'))).rejects.toBeInstanceOf(StoreDamagedError);
  });
});
