import { appendFileSync, chmodSync, copyFileSync, cpSync, mkdirSync, renameSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanEvent } from '../../src/store/events.js';
import { openFileStore, type FileStore, type FileStoreOptions } from '../../src/store/file-store.js';
import { openReadOnlyStore } from '../../src/store/read-only-store.js';
import { repairStateFile } from '../../src/store/repair-state.js';
import { stateFileText } from '../../src/store/state-file.js';
import { journalText, mergeJournal, parseJournal } from '../../src/store/state-journal.js';
import { StoreDamagedError, StoreUnusableError } from '../../src/store/store-errors.js';
import { nodeFs, type StoreFs } from '../../src/store/store-fs.js';
import { updateEvent } from './fixtures/events.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'planbot-journal-')), 'state.json');
const journalOf = (file: string) => `${file}.journal`;
const linesOf = (file: string) => (existsSync(journalOf(file)) ? readFileSync(journalOf(file), 'utf8').split('\n').filter(Boolean) : []);
const docEvents = (file: string): PlanEvent[] => JSON.parse(readFileSync(file, 'utf8')).events;
const ids = (events: readonly PlanEvent[]) => events.map((e) => e.id);

/** Stored events as the store writes them, numbered from `from`. */
function storedEvents(count: number, from = 1): PlanEvent[] {
  return Array.from({ length: count }, (_, i) => ({ ...updateEvent({ note: `n${from + i}` }), seq: from + i, id: `id-${from + i}` }) as PlanEvent);
}

const open: FileStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
async function openTracked(file: string, options: FileStoreOptions = {}): Promise<FileStore> {
  const s = await openFileStore(file, options);
  open.push(s);
  return s;
}

/** A state file holding `inDoc` events, with the next `inJournal` in its journal (as a run leaves them). */
async function docAndJournal(inDoc: number, inJournal: number): Promise<{ file: string; events: PlanEvent[] }> {
  const file = tempFile();
  const first = await openFileStore(file);
  for (let i = 0; i < inDoc; i++) await first.append(updateEvent({ note: `doc ${i}` }));
  await first.close();
  const second = await openFileStore(file); // folds the journal into the file
  for (let i = 0; i < inJournal; i++) await second.append(updateEvent({ note: `journal ${i}` }));
  const events = [...second.events()];
  await second.close();
  expect(docEvents(file)).toHaveLength(inDoc);
  expect(linesOf(file)).toHaveLength(inJournal);
  return { file, events };
}


/**
 * A file system whose appends, while `failing`, write half of their data and then fail with `code`
 * (a full disk, an I/O error); with `truncateFails` the cut back of the torn line fails too.
 */
function tornAppends(code: 'ENOSPC' | 'EIO', { truncateFails = false } = {}): { fs: StoreFs; failing: boolean } {
  const injected = () => Object.assign(new Error(`${code}: injected`), { code });
  const torn = {
    failing: false,
    fs: {
      ...nodeFs,
      open: (async (...args: Parameters<StoreFs['open']>) => {
        const fh = await nodeFs.open(...args);
        if (args[1] !== 'a') return fh;
        return Object.assign(Object.create(fh), {
          writeFile: async (data: Buffer) => {
            if (!torn.failing) return fh.writeFile(data);
            await fh.writeFile(data.subarray(0, data.length >> 1));
            throw injected();
          },
          truncate: async (n?: number) => (torn.failing && truncateFails ? Promise.reject(injected()) : fh.truncate(n)),
          close: () => fh.close(),
          sync: () => fh.sync(),
          datasync: () => fh.datasync(),
          chmod: (m: number) => fh.chmod(m),
        });
      }) as StoreFs['open'],
    } as StoreFs,
  };
  return torn;
}

describe('parseJournal and mergeJournal (pure)', () => {
  const [a, b, c] = storedEvents(3);
  it.each([
    ['whole lines', journalText([a!, b!]), 2, null, 0],
    ['a torn last line', `${journalText([a!, b!])}{"seq":3,"ty`, 2, 'torn', 0],
    ['trailing NUL bytes after a crash', `${journalText([a!])}\0\0\0\0\n\0\0`, 1, 'torn', 0],
    ['a mangled line in the middle', `${journalText([a!])}{"seq":2,"oops"\n${journalText([c!])}`, 2, null, 1],
    ['a line that breaks the schema', `${journalText([a!])}${JSON.stringify({ ...b!, status: 'sideways' })}\n`, 1, null, 1],
    ['nothing', '', 0, null, 0],
  ])('%s', (_name, text, kept, torn, damaged) => {
    const j = parseJournal(text);
    expect(j.events).toHaveLength(kept);
    expect(j.torn === null ? null : 'torn').toBe(torn);
    expect(j.damaged).toHaveLength(damaged);
    if (torn) expect(text.slice(0, j.validLength)).toBe(journalText(kept === 2 ? [a!, b!] : [a!]));
  });

  it('drops an event the file already holds (same seq and id), and refuses another event under a taken seq or a gap', () => {
    const all = storedEvents(4);
    expect(mergeJournal(all.slice(0, 3), all.slice(1))).toEqual({ ok: true, events: all, duplicates: 2 });
    expect(mergeJournal(all.slice(0, 3), [{ ...all[2]!, id: 'other' }, all[3]!])).toEqual({ ok: false, reason: expect.stringMatching(/seq 3, which the log already holds as another event/) });
    expect(mergeJournal(all.slice(0, 2), [all[3]!])).toEqual({ ok: false, reason: expect.stringMatching(/seq 4, but the log before it ends at 2/) });
  });
});

describe('an update appends to the journal; the file is rewritten only by a compaction', () => {
  it('appends one line per event and leaves the state file as it was', async () => {
    const { file } = await docAndJournal(3, 0);
    const before = readFileSync(file, 'utf8');
    const store = await openTracked(file);
    const added = await Promise.all([store.append(updateEvent({ note: 'x' })), store.append(updateEvent({ note: 'y' }))]);
    await store.append(updateEvent({ note: 'z' }));
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(linesOf(file).map((l) => JSON.parse(l).seq)).toEqual([4, 5, 6]);
    expect(JSON.parse(linesOf(file)[0]!)).toEqual(added[0]);
  });

  it('the journal takes the state file’s mode, so a private state file has a private journal', async () => {
    const { file } = await docAndJournal(1, 0);
    chmodSync(file, 0o600);
    const store = await openTracked(file);
    await store.append(updateEvent());
    expect(statSync(journalOf(file)).mode & 0o777).toBe(0o600);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('compacts the journal once it passes journalMaxBytes, and loses nothing', async () => {
    const file = tempFile();
    const store = await openTracked(file, { journalMaxBytes: 3000 });
    for (let i = 0; i < 40; i++) await store.append(updateEvent({ note: `n${i}` }));
    const written = ids(store.events());
    expect(docEvents(file).length).toBeGreaterThanOrEqual(30);
    expect(statSync(journalOf(file)).size).toBeLessThan(3000);
    expect(ids(docEvents(file)).concat(linesOf(file).map((l) => JSON.parse(l).id))).toEqual(written);
    await store.close();
    open.length = 0;
    expect(ids((await openTracked(file)).events())).toEqual(written);
  });

  it('a read-only reader (show, history, digest) sees the journal’s events while the writer holds the file', async () => {
    const { file, events } = await docAndJournal(2, 3);
    const writer = await openTracked(file, { journalMaxBytes: Number.MAX_SAFE_INTEGER });
    await writer.append(updateEvent({ note: 'while serving' }));
    const reader = await openReadOnlyStore(file);
    expect(ids(reader.events())).toEqual([...ids(events), writer.events().at(-1)!.id]);
  });
});

describe('journal and file repeating events (a compaction stopped before emptying the journal)', () => {
  it('loads each event once, by seq, and the next append continues the numbering', async () => {
    const file = tempFile();
    const all = storedEvents(4);
    writeFileSync(file, stateFileText(all.slice(0, 3)));
    writeFileSync(journalOf(file), journalText(all.slice(1)));
    expect(ids((await openReadOnlyStore(file)).events())).toEqual(ids(all));
    const store = await openTracked(file);
    expect(store.events()).toEqual(all);
    expect((await store.append(updateEvent())).seq).toBe(5);
    await store.close();
    open.length = 0;
    expect((await openTracked(file)).events().map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it.each([
    ['another event under a seq the file holds', 3, (all: PlanEvent[]) => journalText([{ ...all[2]!, id: 'not-the-same' }, all[3]!]), /seq 3, which the log already holds as another event/],
    ['a gap between the file and the journal', 2, (all: PlanEvent[]) => journalText([all[3]!]), /seq 4, but the log before it ends at 2/],
  ])('refuses %s as damage, touching nothing', async (_name, inDoc, journal, reason) => {
    const file = tempFile();
    const all = storedEvents(4);
    const doc = stateFileText(all.slice(0, inDoc));
    writeFileSync(file, doc);
    writeFileSync(journalOf(file), journal(all));
    const err = await openFileStore(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreDamagedError);
    expect((err as StoreDamagedError).text.en).toMatch(reason);
    expect((err as StoreDamagedError).text.en).toMatch(/plan-bot repair --db/);
    await expect(openReadOnlyStore(file)).rejects.toThrow(reason);
    expect(readFileSync(file, 'utf8')).toBe(doc);
    expect(readFileSync(journalOf(file), 'utf8')).toBe(journal(all));
  });
});

describe('a torn or damaged journal', () => {
  it('a torn last line (a write cut short, never acknowledged) is copied aside and cut off; every complete line is kept', async () => {
    const { file, events } = await docAndJournal(2, 3);
    const torn = '{"seq":6,"type":"update","itemId":"T9","sta';
    appendFileSync(journalOf(file), torn);
    const original = readFileSync(journalOf(file), 'utf8');
    expect(ids((await openReadOnlyStore(file)).events())).toEqual(ids(events));

    const store = await openTracked(file, { journalMaxBytes: Number.MAX_SAFE_INTEGER });
    expect(ids(store.events())).toEqual(ids(events));
    const copies = readdirSync(join(file, '..')).filter((f) => f.startsWith('state.json.journal.damaged-'));
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(file, '..', copies[0]!), 'utf8')).toBe(original);
    expect((await store.append(updateEvent({ note: 'after' }))).seq).toBe(6);
    await store.close();
    open.length = 0;
    const again = await openTracked(file);
    expect(again.events().map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(again.events().at(-1)).toMatchObject({ note: 'after' });
  });

  it('a damaged line in the middle is refused and left alone; plan-bot repair keeps every other event', async () => {
    const { file, events } = await docAndJournal(2, 3);
    const lines = readFileSync(journalOf(file), 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"update"', '"updte"');
    const damaged = lines.join('\n');
    writeFileSync(journalOf(file), damaged);

    const err = await openFileStore(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreDamagedError);
    expect((err as StoreDamagedError).text.en).toMatch(/line 2 of its journal .*state\.json\.journal does not fit the schema \(field type\).*plan-bot repair --db/);
    expect(readFileSync(journalOf(file), 'utf8')).toBe(damaged);

    const r = await repairStateFile(file, { now: new Date('2021-06-07T01:02:03.004Z') });
    expect(r).toMatchObject({ ok: true, unchanged: false, kept: 4, renumbered: true, journal: { kept: 2, dropped: [{ index: 2 }], copy: `${journalOf(file)}.damaged-2021-06-07T01-02-03-004Z` } });
    expect(readFileSync(r.journal!.copy!, 'utf8')).toBe(damaged);
    expect(readFileSync(journalOf(file), 'utf8')).toBe('');
    const store = await openTracked(file);
    expect(ids(store.events())).toEqual(ids(events.filter((_, i) => i !== 3)));
    expect(store.events().map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('a damaged state file beside a journal: the way back to the backup moves the journal aside too, and then loads', async () => {
    const { file } = await docAndJournal(2, 0);
    const again = await openFileStore(file);
    await again.append(updateEvent({ note: 'third' }));
    await again.close();
    await (await openFileStore(file)).close(); // .bak now holds 2 events, the file 3
    const last = await openFileStore(file);
    await last.append(updateEvent({ note: 'in the journal' }));
    await last.close();
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 100));

    const err = (await openFileStore(file).catch((e: unknown) => e)) as StoreDamagedError;
    expect(err).toBeInstanceOf(StoreDamagedError);
    const way = /mv "([^"]+)" "([^"]+)" && mv "([^"]+)" "([^"]+)" && cp "([^"]+)" "([^"]+)"/.exec(err.text.en);
    expect(way?.slice(1)).toEqual([file, `${file}.damaged`, journalOf(file), `${journalOf(file)}.damaged`, `${file}.bak`, file]);
    expect(err.text.zh).toContain(`mv "${journalOf(file)}" "${journalOf(file)}.damaged"`);
    const [, a, b, c, d, e, f] = way!;
    renameSync(a!, b!);
    renameSync(c!, d!);
    copyFileSync(e!, f!);
    expect((await openTracked(file)).events()).toHaveLength(2);
  });

  it('a journal that cannot be read (a folder in its place) is a clear store.unusable error', async () => {
    const file = tempFile();
    mkdirSync(journalOf(file));
    const err = await openFileStore(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnusableError);
    expect((err as StoreUnusableError).text.en).toMatch(/cannot read its journal .*state\.json\.journal \(it is a folder\)/);
    await expect(openReadOnlyStore(file)).rejects.toBeInstanceOf(StoreUnusableError);
  });

  it('an append cut short by a full disk is cut back: the journal keeps whole lines only, and later appends go on', async () => {
    const file = tempFile();
    const torn = tornAppends('ENOSPC');
    const store = await openTracked(file, { fs: torn.fs });
    await store.append(updateEvent({ note: 'one' }));
    torn.failing = true;
    await expect(store.append(updateEvent({ note: 'lost' }))).rejects.toMatchObject({ id: 'store.unwritable' });
    expect(linesOf(file)).toHaveLength(1);
    expect(readFileSync(journalOf(file), 'utf8').endsWith('\n')).toBe(true);
    torn.failing = false;
    expect(await store.append(updateEvent({ note: 'two' }))).toMatchObject({ seq: 2, note: 'two' });
    await store.close();
    open.length = 0;
    expect((await openTracked(file)).events().map((e) => (e.type === 'update' ? e.note : ''))).toEqual(['one', 'two']);
  });
});

describe('an append that cannot be undone', () => {
  it('stops the store (the journal is in doubt); after a restart the torn line is cut off and every acknowledged update is there', async () => {
    const file = tempFile();
    const torn = tornAppends('EIO', { truncateFails: true });
    const store = await openFileStore(file, { fs: torn.fs });
    const acked = [await store.append(updateEvent({ note: 'one' })), await store.append(updateEvent({ note: 'two' }))];
    torn.failing = true;
    await expect(store.append(updateEvent({ note: 'in doubt' }))).rejects.toMatchObject({ id: 'store.unwritable', message: expect.stringMatching(/could not be undone/) });
    torn.failing = false;
    await expect(store.append(updateEvent({ note: 'refused' }))).rejects.toMatchObject({ id: 'store.unwritable' });
    expect(store.events()).toEqual(acked);
    await store.close();

    const again = await openTracked(file);
    expect(again.events()).toEqual(acked);
    expect(readdirSync(join(file, '..')).filter((f) => f.startsWith('state.json.journal.damaged-'))).toHaveLength(1);
    expect((await again.append(updateEvent({ note: 'three' }))).seq).toBe(3);
  });
});

describe('a crash between the steps of a compaction loses nothing and repeats nothing', () => {
  /**
   * The real file system, copying the state file's folder (without the lock) aside before every
   * operation that changes a file: each copy is what a crash just before that operation leaves.
   */
  function snapshotting(dir: string): { fs: StoreFs; snapshots: string[] } {
    const snapshots: string[] = [];
    const snap = () => {
      const to = mkdtempSync(join(tmpdir(), 'planbot-crash-'));
      for (const f of readdirSync(dir)) if (!f.endsWith('.lock') && statSync(join(dir, f)).isFile()) cpSync(join(dir, f), join(to, f));
      snapshots.push(to);
    };
    const before =
      <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
      (...a: A) => (snap(), fn(...a));
    const fs: StoreFs = {
      ...nodeFs,
      writeFile: before(nodeFs.writeFile) as StoreFs['writeFile'],
      link: before(nodeFs.link) as StoreFs['link'],
      copyFile: before(nodeFs.copyFile) as StoreFs['copyFile'],
      rename: before(nodeFs.rename) as StoreFs['rename'],
      unlink: before(nodeFs.unlink) as StoreFs['unlink'],
      open: (async (...args: Parameters<StoreFs['open']>) => {
        if (args[1] !== undefined && args[1] !== 'r') snap();
        const fh = await nodeFs.open(...args);
        if (args[1] === undefined || args[1] === 'r') return fh;
        return Object.assign(Object.create(fh), {
          writeFile: (...w: Parameters<typeof fh.writeFile>) => (snap(), fh.writeFile(...w)),
          truncate: (n?: number) => (snap(), fh.truncate(n)),
          sync: () => (snap(), fh.sync()),
          datasync: () => fh.datasync(),
          close: () => fh.close(),
          chmod: (m: number) => fh.chmod(m),
          chown: (u: number, g: number) => fh.chown(u, g),
        });
      }) as StoreFs['open'],
    };
    return { fs, snapshots };
  }

  it('at start-up: every state a crash can leave loads to exactly the acknowledged events, then compacts cleanly', async () => {
    const { file, events } = await docAndJournal(5, 3);
    const { fs, snapshots } = snapshotting(join(file, '..'));
    const store = await openFileStore(file, { fs });
    await store.close();
    snapshots.push(join(file, '..'));
    expect(snapshots.length).toBeGreaterThanOrEqual(6);
    let sawRepeats = 0;
    for (const dir of snapshots) {
      const at = join(dir, 'state.json');
      if (existsSync(at) && docEvents(at).length === 8 && linesOf(at).length === 3) sawRepeats++;
      expect(ids((await openReadOnlyStore(at)).events()), dir).toEqual(ids(events));
      const reopened = await openFileStore(at);
      expect(reopened.events(), dir).toEqual(events);
      await reopened.close();
      expect(docEvents(at), dir).toEqual(events);
      expect(linesOf(at), dir).toEqual([]);
    }
    // The crash after the rename and before the journal was emptied was among them: the repeated events were dropped.
    expect(sawRepeats).toBeGreaterThanOrEqual(1);
  });

  it('past the size while appending: a compaction that fails at any step leaves the store writing, and nothing lost', async () => {
    for (let step = 1; step <= 8; step++) {
      const file = tempFile();
      let count = 0;
      let armed = false;
      const failAt = <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
        (...a: A) => (armed && ++count === step ? Promise.reject(Object.assign(new Error('EIO: injected'), { code: 'EIO' })) : fn(...a));
      const fs: StoreFs = { ...nodeFs, link: failAt(nodeFs.link), rename: failAt(nodeFs.rename), open: failAt(nodeFs.open) as StoreFs['open'] };
      const store = await openFileStore(file, { fs, journalMaxBytes: 2000 });
      const acked: PlanEvent[] = [];
      for (let i = 0; i < 5; i++) acked.push(await store.append(updateEvent({ note: `before ${i}` })));
      armed = true;
      for (let i = 0; i < 20; i++) {
        const e = await store.append(updateEvent({ note: `during ${i}` })).catch(() => null);
        if (e) acked.push(e);
      }
      await store.close();
      const again = await openFileStore(file);
      expect(again.events().map((e) => e.seq), `step ${step}`).toEqual(again.events().map((_, i) => i + 1));
      expect(ids(again.events()), `step ${step}`).toEqual(ids(acked));
      await again.close();
    }
  });
});
