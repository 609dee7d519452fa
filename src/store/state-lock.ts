import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { currentProcess, holderState, type ProcessIdentity } from './process-identity.js';
import { errorCode, type StoreFs } from './store-fs.js';
import { StoreLockedError, StoreUnusableError, fsReason } from './store-errors.js';

/** How old (ms) a lock whose holder cannot be judged may be before another process takes it. */
export const DEFAULT_LOCK_STALE_MS = 10_000;

/** The lock of a state file: a folder `<file>.lock` holding `owner.json` (who holds it). */
export const lockDir = (file: string) => `${file}.lock`;

interface Owner extends ProcessIdentity {
  /** Unique to one acquisition: tells this lock from a later one of the same process. */
  token: string;
  since: string;
}

/** How to take the lock. */
export interface LockOptions {
  fs: StoreFs;
  /** A lock whose holder cannot be judged (another host, no owner record) and not refreshed for this long is taken over. */
  staleMs: number;
  /** How long to keep trying while a live process holds it; 0 refuses at once. */
  waitMs: number;
  /** Called when the lock turns out to be someone else's (it was taken over): stop writing. */
  onLost(err: Error): void;
}

/** A held lock. */
export interface StateLock {
  /** True while the lock is still this process's (checked before each write, so a taken-over lock stops writes at once). */
  held(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Takes the lock of `file`. A lock left by a process that is certainly dead (same host, and the pid
 * is gone, was reused by a later process, or the machine rebooted) is taken over at once; a lock whose
 * holder cannot be judged is taken over once not refreshed for `staleMs`; a live holder gets
 * StoreLockedError. The holder refreshes its owner record every `staleMs / 2` and checks it is still
 * its own. Folder errors (read-only, full, …) are StoreUnusableError.
 */
export async function acquireStateLock(file: string, options: LockOptions): Promise<StateLock> {
  const { fs } = options;
  const dir = lockDir(file);
  const me: Owner = { ...currentProcess(), token: randomUUID(), since: new Date().toISOString() };
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const refused = await tryAcquire(file, dir, me, options);
    if (!refused) break;
    if (Date.now() >= deadline) throw new StoreLockedError(file, options.staleMs, refused);
    await new Promise((r) => setTimeout(r, 100));
  }

  const ownerFile = join(dir, 'owner.json');
  const isMine = (text: string | null) => text !== null && parseOwner(text)?.token === me.token;
  let lost = false;
  const timer = setInterval(
    () =>
      void (async () => {
        const text = await fs.readFile(ownerFile, 'utf8').catch(() => null);
        if (!isMine(text)) {
          if (!lost) options.onLost(new Error(`the lock ${dir} is no longer held by this process`));
          lost = true;
          return;
        }
        const now = new Date();
        await fs.utimes(ownerFile, now, now).catch(() => {});
      })(),
    Math.max(options.staleMs / 2, 500),
  );
  timer.unref();
  // A normal exit without close() (an uncaught error) still leaves no lock behind.
  const onExit = () => {
    try {
      if (isMine(readFileSync(ownerFile, 'utf8'))) rmSync(dir, { recursive: true, force: true });
    } catch {
      /* nothing to clean */
    }
  };
  process.once('exit', onExit);
  return {
    async held() {
      if (lost) return false;
      return isMine(await fs.readFile(ownerFile, 'utf8').catch(() => null));
    },
    async release() {
      clearInterval(timer);
      process.off('exit', onExit);
      const text = await fs.readFile(ownerFile, 'utf8').catch(() => null);
      if (isMine(text)) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** One attempt: null when the lock is ours, else what is known of the holder. */
async function tryAcquire(file: string, dir: string, me: Owner, options: LockOptions): Promise<{ holder: Owner | null; mayBeStale: boolean } | null> {
  const { fs } = options;
  for (let round = 0; round < 3; round++) {
    try {
      await fs.mkdir(dir);
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') {
        const why = fsReason(err);
        throw new StoreUnusableError(file, { en: `cannot create its lock ${dir} (${why.en})`, zh: `无法创建锁 ${dir}（${why.zh}）` });
      }
      const seen = await inspect(dir, options);
      if (!seen.takeOver) return { holder: seen.owner, mayBeStale: seen.mayBeStale };
      if (!(await takeOver(dir, seen.owner?.token ?? null, fs))) return { holder: seen.owner, mayBeStale: true };
      continue;
    }
    try {
      const tmp = join(dir, `owner.${me.token}.tmp`);
      await fs.writeFile(tmp, JSON.stringify(me));
      await fs.rename(tmp, join(dir, 'owner.json'));
    } catch (err) {
      await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
      const why = fsReason(err);
      throw new StoreUnusableError(file, { en: `cannot write in its lock ${dir} (${why.en})`, zh: `无法写入锁 ${dir}（${why.zh}）` });
    }
    return null;
  }
  return { holder: null, mayBeStale: true };
}

/** Reads the holder of an existing lock and decides whether it may be taken over. */
async function inspect(dir: string, { fs, staleMs }: LockOptions): Promise<{ owner: Owner | null; takeOver: boolean; mayBeStale: boolean }> {
  const ownerFile = join(dir, 'owner.json');
  const text = await fs.readFile(ownerFile, 'utf8').catch(() => null);
  const owner = text === null ? null : parseOwner(text);
  const state = owner ? holderState(owner) : 'unknown';
  if (state === 'dead') return { owner, takeOver: true, mayBeStale: false };
  if (state === 'alive') return { owner, takeOver: false, mayBeStale: false };
  // Another host, or no owner record (a holder that is just starting, or an older plan-bot): go by age.
  const st = await fs.stat(owner ? ownerFile : dir).catch(() => null);
  const stale = st !== null && Date.now() - st.mtimeMs > staleMs;
  return { owner, takeOver: stale, mayBeStale: true };
}

/**
 * Removes a dead holder's lock without ever removing a live one: move it aside under a unique name,
 * check it is still the lock judged dead (same token), and only then delete it; otherwise put it back.
 */
async function takeOver(dir: string, deadToken: string | null, fs: StoreFs): Promise<boolean> {
  const aside = `${dir}.dead-${randomUUID()}`;
  try {
    await fs.rename(dir, aside);
  } catch (err) {
    return errorCode(err) === 'ENOENT'; // already gone: try to take it again
  }
  const text = await fs.readFile(join(aside, 'owner.json'), 'utf8').catch(() => null);
  const token = text === null ? null : (parseOwner(text)?.token ?? null);
  if (token !== deadToken) {
    await fs.rename(aside, dir).catch(() => {});
    return false;
  }
  await fs.rm(aside, { recursive: true, force: true });
  return true;
}

function parseOwner(text: string): Owner | null {
  try {
    const o = JSON.parse(text) as Owner;
    return typeof o.pid === 'number' && typeof o.hostname === 'string' && typeof o.token === 'string'
      ? { ...o, bootId: o.bootId ?? null, startTime: o.startTime ?? null }
      : null;
  } catch {
    return null;
  }
}
