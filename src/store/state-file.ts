import { constants, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { z } from 'zod';
import { PlanEvent } from './events.js';
import { journalPath } from './state-journal.js';
import { STATE_VERSION, migrateState } from './migrate-state.js';
import { StoreDamagedError } from './store-errors.js';
import { errorCode, nodeFs, type StoreFs } from './store-fs.js';
import { UserError } from '../errors.js';

/** The whole state file: a schema version and the event log. */
export interface StateFile {
  version: typeof STATE_VERSION;
  events: readonly PlanEvent[];
}

const Events = z.array(PlanEvent);

/** Where the copy of the previous file is kept: replaced (by a hard link, so at no cost) before each write. */
export const backupPath = (file: string) => `${file}.bak`;
/** The temporary file a write goes to before it replaces the state file. */
export const tempPath = (file: string) => join(dirname(file), `.${basename(file)}.tmp`);

/** A write that failed after the state file was replaced: the file may hold more than memory knows. */
export class AfterReplaceError extends Error {
  override name = 'AfterReplaceError';
}

const HEADER = `{"version":${STATE_VERSION},"events":[`;
const FOOTER = ']}\n';

/** The text of a state file holding `events`, as every write lays it out: one event a line. */
export function stateFileText(events: readonly PlanEvent[]): string {
  const body = events.map((e) => JSON.stringify(e)).join(',\n');
  return `${HEADER}${body ? `\n${body}\n` : ''}${FOOTER}`;
}

/**
 * A lowdb adapter for the state file that loses nothing: `write` resolves only once the data is on
 * disk (temp file, fsync, backup of the previous file, rename, fsync of the folder), and `read`
 * refuses a damaged file rather than returning something a later write would overwrite.
 *
 * The file holds one event a line. Since the log only grows, the adapter keeps the text of the events
 * already written (as read from the file, or as last written) and stringifies only the new ones: a
 * write costs one concatenation and the disk time, not a re-serialisation of 100,000 events.
 */
export class DurableStateFile implements Adapter<StateFile> {
  /** The schema version the last `read` found, before migration. */
  migratedFrom: number | null = null;
  /** The events' text as last read or written, one a line without the brackets, and how many it holds. */
  private written: { text: string; count: number } | null = null;

  constructor(
    readonly file: string,
    private readonly fs: StoreFs = nodeFs,
  ) {}

  /** The parsed, migrated and validated file, or null when there is none. */
  async read(): Promise<StateFile | null> {
    const text = await readText(this.file, this.fs);
    if (text === null) {
      this.written = { text: '', count: 0 };
      return null;
    }
    const result = parseState(text);
    if (!result.ok) throw new StoreDamagedError(this.file, result.reason, await describeBackup(this.file, this.fs), looksLikeStateFile(text));
    this.migratedFrom = result.from;
    const canonical = result.from === STATE_VERSION && result.keys === 2 && text.startsWith(HEADER) && text.endsWith(FOOTER);
    this.written = canonical ? { text: text.slice(HEADER.length, text.length - FOOTER.length).trim(), count: result.data.events.length } : null;
    if (this.written && (this.written.text === '') !== (this.written.count === 0)) this.written = null;
    return result.data;
  }

  /** Writes `data`, whose events must start with those of the previous write (the log only grows). */
  async write(data: StateFile): Promise<void> {
    const known = this.written && this.written.count <= data.events.length ? this.written : { text: '', count: 0 };
    const fresh = data.events.slice(known.count).map((e) => JSON.stringify(e)).join(',\n');
    const body = known.text && fresh ? `${known.text},\n${fresh}` : known.text || fresh;
    await writeDurably(this.file, `${HEADER}${body ? `\n${body}\n` : ''}${FOOTER}`, this.fs);
    this.written = { text: body, count: data.events.length };
  }
}

/** Parses a state file's text into the current schema, or says why it is not one. Pure. */
export function parseState(text: string): { ok: true; data: StateFile; from: number; keys: number } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: jsonProblem(text, err as Error) };
  }
  const migrated = migrateState(json);
  if (!migrated.ok) return migrated;
  const raw = (migrated.data as { events: unknown }).events;
  const parsed = Events.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [index, ...field] = issue.path;
    return { ok: false, reason: `event ${typeof index === 'number' ? index + 1 : '?'}${field.length ? ` field ${field.join('.')}` : ''}: ${issue.message}` };
  }
  const events = parsed.data;
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.seq !== i + 1) return { ok: false, reason: `event ${i + 1} has seq ${events[i]!.seq}; the log must be numbered 1, 2, 3 … in order` };
  }
  return { ok: true, data: { version: STATE_VERSION, events }, from: migrated.from, keys: Object.keys(json as object).length };
}

/**
 * Replaces `file` with `text` so that a crash at any moment leaves either the old or the new file,
 * complete: write a temp file and fsync it, keep the old file as `.bak` (hard link, or copy where links
 * are unsupported; skipped with `backup: false`), rename over the original, then fsync the folder so
 * the rename itself survives. The file keeps its mode (and owner, when run as root); a file that is
 * read-only (no write bit, or not writable by this user) is refused with EACCES, never replaced.
 */
export async function writeDurably(file: string, text: string, fs: StoreFs = nodeFs, options: { backup?: boolean } = {}): Promise<void> {
  const current = await fs.stat(file).catch((err: unknown) => {
    if (errorCode(err) === 'ENOENT') return null;
    throw err;
  });
  if (current) await assertWritable(file, current, fs);
  const tmp = tempPath(file);
  const fh = await fs.open(tmp, 'w', current ? current.mode & 0o7777 : 0o666);
  try {
    // The temp file takes the state file's mode (open's mode is cut by the umask) and owner: replacing
    // the file must not change who may read or write it.
    if (current) {
      await fh.chmod(current.mode & 0o7777);
      if (process.getuid?.() === 0 && (current.uid !== 0 || current.gid !== 0)) await fh.chown(current.uid, current.gid).catch(() => {});
    }
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => {});
    await fs.unlink(tmp).catch(() => {});
    throw err;
  }
  await fh.close();
  if (options.backup !== false) await backUp(file, fs);
  await fs.rename(tmp, file);
  try {
    await syncDir(dirname(file), fs);
  } catch (err) {
    throw new AfterReplaceError(`could not flush the folder of ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** Refuses a state file made read-only: no write bit at all (which root would ignore), or not writable by us. */
export async function assertWritable(file: string, st: Stats, fs: StoreFs): Promise<void> {
  const readOnly = (st.mode & 0o222) === 0;
  const denied = readOnly || (await fs.access(file, constants.W_OK).then(() => false, () => true));
  if (denied) {
    const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
    const reason = { en: `the file is read-only (mode ${mode}); it was not replaced`, zh: `文件是只读的（权限 ${mode}），未被替换` };
    throw Object.assign(new Error(`EACCES: the state file ${file} is read-only (mode ${mode}); it was not replaced`), { code: 'EACCES', reason });
  }
}

/** True when `file` exists and cannot be written (read-only mode or permissions); for a warning at start-up. */
export async function isReadOnly(file: string, fs: StoreFs = nodeFs): Promise<boolean> {
  const st = await fs.stat(file).catch(() => null);
  if (!st) return false;
  return assertWritable(file, st, fs).then(() => false, () => true);
}

async function backUp(file: string, fs: StoreFs): Promise<void> {
  const bak = backupPath(file);
  const bakTmp = `${tempPath(file)}.bak`;
  await fs.unlink(bakTmp).catch(ignoreMissing);
  try {
    await fs.link(file, bakTmp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // first write: nothing to back up
    await fs.copyFile(file, bakTmp, constants.COPYFILE_FICLONE);
  }
  await fs.rename(bakTmp, bak);
}

/** Flushes a folder, so a rename or a new file in it survives a crash (a no-op where folders cannot be opened). */
export async function syncDir(dir: string, fs: StoreFs): Promise<void> {
  let fh;
  try {
    fh = await fs.open(dir, 'r');
  } catch {
    return; // folders cannot be opened on some platforms (Windows); the rename is as durable as it gets there
  }
  try {
    await fh.sync().catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EINVAL' && err.code !== 'EISDIR' && err.code !== 'EPERM') throw err;
    });
  } finally {
    await fh.close();
  }
}

async function readText(file: string, fs: StoreFs): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EISDIR' || code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR') {
      const why = { EISDIR: 'it is a folder', EACCES: 'permission denied', EPERM: 'permission denied', ENOTDIR: 'a part of the path is not a folder' }[code];
      const whyZh = { EISDIR: '它是一个文件夹', EACCES: '没有权限', EPERM: '没有权限', ENOTDIR: '路径中有一部分不是文件夹' }[code];
      throw new UserError('store.unreadable', {
        en: `Cannot use ${file} as the state file (${why}). Give a file path with --db or PLANBOT_DB, e.g. --db data/state.json.`,
        zh: `无法将 ${file} 用作状态文件（${whyZh}）。请用 --db 或 PLANBOT_DB 指定一个文件路径，例如 --db data/state.json。`,
      });
    }
    throw err;
  }
}

/** The backup of a damaged file, for the way back: how many events it holds, and the journal to move aside with the damaged file. */
export async function describeBackup(file: string, fs: StoreFs): Promise<{ file: string; events: number | null; journal: string | null } | null> {
  const bak = backupPath(file);
  const text = await readText(bak, fs).catch(() => null);
  if (text === null) return null;
  const parsed = parseState(text);
  const journal = await fs.stat(journalPath(file)).then((st) => (st.size > 0 ? journalPath(file) : null), () => null);
  return { file: bak, events: parsed.ok ? parsed.data.events.length : null, journal };
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}

/** True when `text` starts like a plan-bot state file (a JSON object with an "events" key), torn or not. */
export function looksLikeStateFile(text: string): boolean {
  const head = text.trimStart();
  if (head.length < HEADER.length && HEADER.startsWith(head)) return head.length > 0; // torn within the header
  return head.startsWith('{') && /^\{\s*("version"\s*:\s*\d+\s*,\s*)?"events"\s*:/.test(head);
}

/** Why `text` is not JSON, in words that never quote it (it may not be ours: --db /etc/passwd). */
function jsonProblem(text: string, err: Error): string {
  if (text.trim() === '') return 'the file is empty';
  if (!looksLikeStateFile(text)) return 'not valid JSON, and not a plan-bot state file';
  const at = /position (\d+)/.exec(err.message)?.[1];
  if (/end of JSON input/i.test(err.message) || !text.trimEnd().endsWith('}')) return `not valid JSON: it ends mid-way, after ${text.length} characters (a torn write?)`;
  return `not valid JSON${at ? ` at character ${at}` : ''}`;
}
