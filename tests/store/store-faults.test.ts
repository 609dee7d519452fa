import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { webUser } from '../../src/core/user-ids.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/core/reply.js';
import { openFileStore, type FileStore } from '../../src/store/file-store.js';
import { STATE_VERSION } from '../../src/store/migrate-state.js';
import { StoreUnavailableError, StoreUnusableError } from '../../src/store/store-errors.js';
import { nodeFs, type StoreFs } from '../../src/store/store-fs.js';
import { makeBot } from '../support/make-bot.js';
import { updateEvent } from './fixtures/events.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'planbot-faults-')), 'state.json');
const fsError = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

/**
 * The real file system with one operation failing with `code` while `on()` says so: `write` fails the
 * writes of files opened to be written (the temp file of a state file, the journal appended to), `open`
 * fails opening them, `mkdir` making folders.
 */
function faulty(op: 'write' | 'open' | 'mkdir', code: string, on: () => boolean = () => true): StoreFs {
  const writing = (flags: unknown) => flags === 'w' || flags === 'a';
  return {
    ...nodeFs,
    mkdir: (async (...args: Parameters<StoreFs['mkdir']>) => {
      if (op === 'mkdir' && on()) throw fsError(code);
      return nodeFs.mkdir(...args);
    }) as StoreFs['mkdir'],
    open: (async (...args: Parameters<StoreFs['open']>) => {
      if (op === 'open' && on() && writing(args[1])) throw fsError(code);
      const fh = await nodeFs.open(...args);
      if (op !== 'write' || !writing(args[1])) return fh;
      // The handle writes nothing and fails as a full disk does.
      return Object.assign(Object.create(fh), {
        writeFile: async (...w: Parameters<typeof fh.writeFile>) => (on() ? Promise.reject(fsError(code)) : fh.writeFile(...w)),
        close: () => fh.close(),
        sync: () => fh.sync(),
        datasync: () => fh.datasync(),
        truncate: (n?: number) => fh.truncate(n),
        chmod: (m: number) => fh.chmod(m),
        chown: (u: number, g: number) => fh.chown(u, g),
      });
    }) as StoreFs['open'],
  };
}

/** A logger whose lines the test can read (the operator's view). */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

const open: FileStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
async function openTracked(file: string, options = {}): Promise<FileStore> {
  const s = await openFileStore(file, options);
  open.push(s);
  return s;
}

/** An update typed in the web chat by an admin, through the bot's one error handler. */
async function updateViaChat(store: FileStore, text = '/plan update T9 done') {
  const bot = makeBot({ store, admins: ['web:alice'] });
  const r = await bot.handle({ text, user: { id: webUser('alice') }, platform: 'web', channel: 'web:general' });
  return { ...r, text: renderPlainText(r) };
}

describe('write faults reach the chat user as "not recorded", and the operator as a log line with the cause', () => {
  it.each([
    ['a full disk (ENOSPC on write)', 'write', 'ENOSPC', /no space left/],
    ['a read-only file system (EROFS on opening the journal)', 'open', 'EROFS', /read-only file system/],
    ['a journal made unwritable (EACCES on opening it)', 'open', 'EACCES', /permission denied/],
  ] as const)('%s', async (_name, op, code, cause) => {
    const file = tempFile();
    let failing = false;
    const { logger, lines } = capturedLogger();
    const store = await openTracked(file, { fs: faulty(op, code, () => failing), logger });
    await store.append(updateEvent({ note: 'before' }));
    const before = readFileSync(file, 'utf8');
    const journalBefore = readFileSync(`${file}.journal`, 'utf8');

    failing = true;
    const en = await updateViaChat(store);
    expect(en.text).toBe('Not recorded: the server cannot write its state file; tell the operator.');
    expect(en.error).toEqual({ id: 'store.unwritable' });
    const zh = await updateViaChat(store, '/plan 更新 T9 已完成');
    expect(zh.text).toBe('未记录：服务器无法写入其状态文件，请告知管理员。');
    const logged = lines.find((l) => l.msg && String(l.msg).startsWith('could not write the state file'));
    expect(logged).toMatchObject({ level: 50, code, file });
    expect(String(logged!.msg)).toMatch(cause);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readFileSync(`${file}.journal`, 'utf8')).toBe(journalBefore);
    expect(store.events()).toHaveLength(1);

    // Once the cause is fixed, updates are recorded again without a restart.
    failing = false;
    expect((await updateViaChat(store)).error).toBeUndefined();
    expect(store.events()).toHaveLength(2);
  });

  it('a file made read-only stays read-only: updates are refused, the mode and content untouched', async () => {
    const file = tempFile();
    const store = await openTracked(file);
    await store.append(updateEvent());
    chmodSync(file, 0o444);
    const before = readFileSync(file, 'utf8');
    const err = await store.append(updateEvent()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as StoreUnavailableError).id).toBe('store.unwritable');
    expect((err as Error).message).toMatch(/read-only \(mode 0444\)/);
    expect(statSync(file).mode & 0o777).toBe(0o444);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await updateViaChat(store)).text).toMatch(/^Not recorded: the server cannot write its state file/);
    chmodSync(file, 0o644);
    await store.append(updateEvent());
    expect(store.events()).toHaveLength(2);
  });

  it('a write keeps the file’s own mode (no reset to 0644)', async () => {
    const file = tempFile();
    const store = await openTracked(file);
    await store.append(updateEvent());
    chmodSync(file, 0o600);
    await store.append(updateEvent());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o664);
    await store.append(updateEvent());
    expect(statSync(file).mode & 0o777).toBe(0o664);
  });

  it('opening a read-only file works for questions and warns the operator', async () => {
    const file = tempFile();
    writeFileSync(file, `{"version":${STATE_VERSION},"events":[]}\n`);
    chmodSync(file, 0o444);
    const { logger, lines } = capturedLogger();
    await openTracked(file, { logger });
    expect(lines.some((l) => l.level === 40 && /read-only/.test(String(l.msg)))).toBe(true);
  });
});

describe('start-up in a place the state file cannot live', () => {
  it.each([
    ['EROFS', /cannot create its lock .*state\.json\.lock \(read-only file system\)/],
    ['EACCES', /cannot create its lock .*\(permission denied\)/],
    ['ENOSPC', /\(no space left on the device\)/],
  ])('a folder that refuses writes (%s) is a clear store.unusable error', async (code, message) => {
    const file = tempFile();
    const err = await openFileStore(file, { fs: faulty('mkdir', code) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnusableError);
    expect((err as StoreUnusableError).text.en).toMatch(message);
    expect((err as StoreUnusableError).text.en).toMatch(/Give a path in a folder plan-bot can write/);
    expect((err as StoreUnusableError).text.zh).toMatch(/无法将 .* 用作状态文件/);
  });

  it.skipIf(process.getuid?.() === 0)('a folder chmod-ed read-only (non-root only: root ignores modes)', async () => {
    const file = tempFile();
    chmodSync(join(file, '..'), 0o555);
    await expect(openFileStore(file)).rejects.toThrow(/cannot create its lock .*permission denied/);
  });
});
