import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore, type FileStore } from '../../src/store/file-store.js';
import { STATE_VERSION } from '../../src/store/migrate-state.js';
import { StoreDamagedError, StoreLockedError } from '../../src/store/store-errors.js';
import { updateEvent } from './fixtures/events.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'planbot-store-')), 'state.json');

const open: FileStore[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of open.splice(0)) await s.close();
});

async function openTracked(file: string, options = {}): Promise<FileStore> {
  const s = await openFileStore(file, options);
  open.push(s);
  return s;
}

/** Opens and closes the store, which folds its journal into the state file. */
async function compact(file: string): Promise<void> {
  await (await openFileStore(file)).close();
}

/** The owner record this process would write, for hand-made locks. */
function ownerHere() {
  return { pid: process.pid, hostname: hostname(), bootId: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), startTime: null as string | null, pidNamespace: readlinkSync('/proc/self/ns/pid'), token: 'hand-made', since: new Date().toISOString() };
}

function writeLock(file: string, owner: object): void {
  mkdirSync(`${file}.lock`);
  writeFileSync(`${file}.lock/owner.json`, JSON.stringify(owner));
}

/** Starts a fixture script in its own node process, collecting stdout lines. */
function runFixture(name: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture(name), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const waitFor = (pred: (lines: string[]) => boolean, ms = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const tick = setInterval(() => {
        if (pred(lines)) return clearInterval(tick), resolve();
        if (child.exitCode !== null || Date.now() - started > ms) {
          clearInterval(tick);
          reject(new Error(`fixture ${name} did not get there (exit ${child.exitCode}): ${stderr}`));
        }
      }, 10);
    });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, lines, waitFor, exited, stderr: () => stderr };
}

describe('file store: nothing lost', () => {
  it('keeps all of 1,000 concurrent appends, numbered 1..1000, in the file after reopening', async () => {
    const file = tempFile();
    const store = await openFileStore(file);
    const done = await Promise.all(Array.from({ length: 1000 }, (_, i) => store.append(updateEvent({ note: `n${i}` }))));
    expect(done.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    await store.close();
    const again = await openTracked(file);
    expect(again.events()).toHaveLength(1000);
    expect(new Set(again.events().map((e) => (e.type === 'update' ? e.note : '')))).toEqual(new Set(Array.from({ length: 1000 }, (_, i) => `n${i}`)));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: STATE_VERSION });
  });

  it('an append resolves with the stored event, and events() shows it only once written', async () => {
    const store = await openTracked(tempFile());
    const pending = store.append(updateEvent());
    expect(store.events()).toHaveLength(0);
    const e = await pending;
    expect(e).toMatchObject({ seq: 1, type: 'update', itemId: 'T9', user: 'alice' });
    expect(store.events()).toEqual([e]);
  });

  it('rejects an invalid event without writing anything', async () => {
    const file = tempFile();
    const store = await openTracked(file);
    await expect(store.append(updateEvent({ progress: [{ indicatorId: 'T9.1', value: -1, target: null, unit: null }] }))).rejects.toThrow();
    expect(store.events()).toHaveLength(0);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a second opener in the same process', async () => {
    const file = tempFile();
    await openTracked(file);
    await expect(openFileStore(file)).rejects.toBeInstanceOf(StoreLockedError);
  });

  it('refuses a live holder process with a clear error naming it, and takes over at once after it is killed -9', async () => {
    const file = tempFile();
    const first = await openFileStore(file);
    await first.append(updateEvent());
    await first.close();

    const holder = runFixture('hold-store.ts', [file]);
    await holder.waitFor((l) => l.includes('ready 1'));
    const refused = await openFileStore(file).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(StoreLockedError);
    const text = (refused as StoreLockedError).text;
    expect(text.en).toMatch(new RegExp(`in use by another plan-bot process \\(pid ${holder.child.pid} on ${hostname()}\\) \\(lock .*state\\.json\\.lock\\)`));
    expect(text.en).not.toMatch(/stale/);
    expect(text.en).toMatch(/beside a running serve, put the store in PostgreSQL \(PLANBOT_DATABASE_URL, docs\/deploy\.md\)/);
    expect(text.zh).toMatch(/正被另一个 plan-bot 进程.*PLANBOT_DATABASE_URL/);

    holder.child.kill('SIGKILL');
    await holder.exited;
    // No waiting: the default lock goes stale only after 10 s, so opening now proves the dead holder was recognised.
    const after = await openTracked(file, { lockWaitMs: 0 });
    expect(after.events()).toHaveLength(1);
  });

  it.each([
    ['a pid that no longer exists', () => ({ pid: 2 ** 22 + 17, startTime: '1' })],
    ['a pid reused by a process that started at another time', () => ({ pid: process.pid, startTime: 'not-this-one' })],
    ['a holder from before the machine rebooted', () => ({ pid: process.pid, startTime: null, bootId: 'another-boot' })],
  ])('takes over at once a lock whose owner record names %s', async (_name, who) => {
    const file = tempFile();
    writeLock(file, { ...ownerHere(), ...who() });
    const store = await openTracked(file);
    await store.append(updateEvent());
    expect(JSON.parse(readFileSync(`${file}.lock/owner.json`, 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it.each([
    ['another host', { hostname: 'elsewhere.example', pid: 2 ** 22 + 17 }, /pid 4194321 on elsewhere\.example.*goes stale within 10 s/],
    ['another container (pid namespace) of this host', { pidNamespace: 'pid:[1]', pid: 2 ** 22 + 17 }, /pid 4194321 on .*goes stale within 10 s/],
  ])('refuses a lock held from %s, whose pid cannot be checked, until it goes stale; then takes it over', async (_name, who, message) => {
    const file = tempFile();
    writeLock(file, { ...ownerHere(), ...who });
    await expect(openFileStore(file)).rejects.toThrow(message);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock/owner.json`, old, old);
    const store = await openTracked(file);
    expect(store.events()).toEqual([]);
  });

  it('stops writing at once when its lock was taken by another process', async () => {
    const file = tempFile();
    const store = await openTracked(file, { lockStaleMs: 2000 });
    await store.append(updateEvent());
    writeFileSync(`${file}.lock/owner.json`, JSON.stringify({ ...ownerHere(), token: 'someone-else' }));
    const refusal = await store.append(updateEvent()).then(() => null, (e: unknown) => e);
    expect(store.events()).toHaveLength(1);
    expect(refusal).toMatchObject({ id: 'store.unwritable', message: expect.stringMatching(/lock was lost/) });
    await store.close();
    // close() leaves the other holder's lock alone.
    expect(JSON.parse(readFileSync(`${file}.lock/owner.json`, 'utf8')).token).toBe('someone-else');
  });

  it('releases the lock on close, so the next opener needs no takeover', async () => {
    const file = tempFile();
    const store = await openFileStore(file);
    expect(existsSync(`${file}.lock/owner.json`)).toBe(true);
    await store.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('keeps every acknowledged update when the writer is killed (SIGKILL) mid-burst', async () => {
    const file = tempFile();
    const writer = runFixture('append-burst.ts', [file, '25']);
    await writer.waitFor((l) => l.filter((x) => x.startsWith('ack ')).length >= 300);
    writer.child.kill('SIGKILL');
    await writer.exited;
    const acked = writer.lines.filter((l) => /^ack \d+ \S+$/.test(l)).map((l) => l.split(' '));
    expect(acked.length).toBeGreaterThanOrEqual(300);

    // Reopened at once: the dead writer's lock is taken over without waiting for it to go stale.
    const store = await openTracked(file);
    const bySeq = new Map(store.events().map((e) => [e.seq, e.id]));
    for (const [, seq, id] of acked) expect(bySeq.get(Number(seq))).toBe(id);
    expect(store.events().length).toBeGreaterThanOrEqual(acked.length);
  });
});

describe('file store: journal appends under kill -9', () => {
  it('keeps every acknowledged append when the writer is killed mid-burst while compacting often; readers meanwhile always see a whole log', async () => {
    const { openReadOnlyStore } = await import('../../src/store/read-only-store.js');
    const file = tempFile();
    // A 20 kB journal is compacted every ~60 updates, so the kill lands amid appends and compactions alike.
    const writer = runFixture('append-burst.ts', [file, '10', '20000']);
    await writer.waitFor((l) => l.includes('ready'));
    const seen: number[] = [];
    while (writer.lines.filter((x) => x.startsWith('ack ')).length < 600) {
      const events = (await openReadOnlyStore(file)).events();
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      seen.push(events.length);
    }
    writer.child.kill('SIGKILL');
    await writer.exited;
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.length).toBeGreaterThan(1);
    const acked = writer.lines.filter((l) => /^ack \d+ \S+$/.test(l)).map((l) => l.split(' '));

    const store = await openTracked(file);
    const bySeq = new Map(store.events().map((e) => [e.seq, e.id]));
    for (const [, seq, id] of acked) expect(bySeq.get(Number(seq))).toBe(id);
    expect(store.events().map((e) => e.seq)).toEqual(store.events().map((_, i) => i + 1));
    expect(new Set(store.events().map((e) => e.id)).size).toBe(store.events().length);
  });
});

describe('file store: damaged files, backups and migration', () => {
  it('keeps a backup of the state file before each compaction', async () => {
    const file = tempFile();
    const store = await openFileStore(file);
    await store.append(updateEvent({ note: 'one' }));
    await store.close();
    await compact(file);
    const again = await openFileStore(file);
    await again.append(updateEvent({ note: 'two' }));
    await again.close();
    await compact(file);
    const bak = JSON.parse(readFileSync(`${file}.bak`, 'utf8'));
    expect(bak.events.map((e: { note: string }) => e.note)).toEqual(['one']);
    expect(JSON.parse(readFileSync(file, 'utf8')).events).toHaveLength(2);
    expect(readFileSync(`${file}.journal`, 'utf8')).toBe('');
  });

  it('stops on a damaged file, names it and the way back, and never overwrites it', async () => {
    const file = tempFile();
    const store = await openFileStore(file);
    await store.append(updateEvent({ note: 'one' }));
    await store.close();
    await compact(file);
    const again = await openFileStore(file);
    await again.append(updateEvent({ note: 'two' }));
    await again.close();
    await compact(file);
    const damaged = readFileSync(file, 'utf8').slice(0, 200);
    writeFileSync(file, damaged);

    const err = await openFileStore(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreDamagedError);
    const text = (err as StoreDamagedError).text;
    expect(text.en).toContain(file);
    expect(text.en).toMatch(/damaged \(not valid JSON: it ends mid-way.*left untouched.*plan-bot repair --db ".*state\.json".*backup \(1 event, from before the last compaction.*cp ".*state\.json\.bak"/s);
    expect(text.zh).toContain('plan-bot repair');
    expect(text.zh).toContain('已损坏');
    expect(readFileSync(file, 'utf8')).toBe(damaged);
    // The lock was released: once restored from the backup, the store opens.
    writeFileSync(file, readFileSync(`${file}.bak`));
    const restored = await openTracked(file);
    expect(restored.events()).toHaveLength(1);
  });

  it.each([
    ['an empty file', '', /the file is empty/],
    ['an event that breaks the schema', '{"version":1,"events":[{"seq":1,"type":"update"}]}', /event 1 field/],
    ['a gap in the numbering', JSON.stringify({ version: 1, events: [{ ...updateEvent(), seq: 2, id: 'x' }] }), /event 1 has seq 2/],
    ['a newer schema', '{"version":7,"events":[]}', /newer plan-bot \(schema version 7/],
    ['something else entirely', '[1,2,3]', /not a plan-bot state file/],
  ])('refuses %s', async (_name, content, reason) => {
    const file = tempFile();
    writeFileSync(file, content);
    await expect(openFileStore(file)).rejects.toThrow(reason);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('migrates a v0 file on load, keeping the original as state.json.v0.bak', async () => {
    const file = tempFile();
    const v0 = {
      events: [
        { type: 'assign', itemId: 'T9', owner: 'bob', at: '2021-06-01T01:00:00.000Z', user: 'alice', platform: 'console', planId: 'henan-2021' },
        { type: 'update', itemId: 'T9', status: 'on-track', progress: [{ indicator: 'T9.1', value: 300, target: 800, unit: '个' }], note: null, at: '2021-06-02T01:00:00.000Z', user: 'bob', platform: 'console', planId: 'henan-2021' },
      ],
    };
    writeFileSync(file, JSON.stringify(v0));
    const store = await openFileStore(file);
    expect(store.events().map((e) => [e.seq, e.id, e.type])).toEqual([
      [1, 'v0-1', 'assign'],
      [2, 'v0-2', 'update'],
    ]);
    expect(store.events()[1]).toMatchObject({ progress: [{ indicatorId: 'T9.1', value: 300, target: 800, unit: '个' }] });
    await store.append(updateEvent());
    await store.close();
    await compact(file);
    expect(JSON.parse(readFileSync(`${file}.v0.bak`, 'utf8'))).toEqual(v0);
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk.version).toBe(STATE_VERSION);
    expect(onDisk.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
  });
});

describe('read-only snapshot', () => {
  it('reads a file another store holds, without a lock, and refuses to append', async () => {
    const { openReadOnlyStore } = await import('../../src/store/read-only-store.js');
    const file = tempFile();
    const writer = await openTracked(file);
    await writer.append(updateEvent());
    const reader = await openReadOnlyStore(file);
    expect(reader.events()).toEqual(writer.events());
    await expect(reader.append(updateEvent())).rejects.toThrow(/read-only/);
    expect((await openReadOnlyStore(`${file}.missing`)).events()).toEqual([]);
  });
});
