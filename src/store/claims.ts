import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * What a claim attempt found: `claimed` (the work is this holder's to do now), `held` (another holder
 * claimed it and its claim has not expired: it may still be doing it), `done` (it was done).
 */
export type ClaimOutcome = 'claimed' | 'held' | 'done';

/**
 * Once-only work shared by processes (a digest per channel and week, a reminder, a Slack event): a key
 * is claimed before the work, completed after it. A claim that is neither completed nor released
 * expires after its ttl, so another holder takes the work over when the first one died.
 */
export interface Claims {
  /** Claims `key` for `holder` for `ttlMs` (a holder may renew its own claim). */
  claim(key: string, holder: string, ttlMs: number): Promise<ClaimOutcome>;
  /** The work is done: the key can never be claimed again. */
  complete(key: string): Promise<void>;
  /** The work failed: the key is free at once (only the holder's own unfinished claim is released). */
  release(key: string, holder: string): Promise<void>;
  close(): Promise<void>;
}

/** Who this process is, as a claim holder: host, pid and a random part (a pid can be reused). */
export function processHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** One claim's state, as the in-process table keeps it. */
export interface ClaimRecord {
  holder: string;
  /** Wall-clock ms when an unfinished claim expires. */
  expiresAt: number;
  /** Wall-clock ms when it was completed; null while unfinished. */
  completedAt: number | null;
}

/**
 * The claim rules over a map, shared by the memory and file implementations; `now` is the wall clock
 * (claims expire in real time, whatever time the plan's clock tells).
 */
export class ClaimTable {
  readonly records = new Map<string, ClaimRecord>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Applies a claim attempt; the record to persist when the claim was granted. */
  claim(key: string, holder: string, ttlMs: number): { outcome: ClaimOutcome; record?: ClaimRecord } {
    const r = this.records.get(key);
    if (r?.completedAt != null) return { outcome: 'done' };
    if (r && r.holder !== holder && r.expiresAt > this.now()) return { outcome: 'held' };
    const record = { holder, expiresAt: this.now() + ttlMs, completedAt: null };
    this.records.set(key, record);
    return { outcome: 'claimed', record };
  }

  complete(key: string): ClaimRecord {
    const record = { holder: this.records.get(key)?.holder ?? '', expiresAt: 0, completedAt: this.now() };
    this.records.set(key, record);
    return record;
  }

  /** True when a claim was released. */
  release(key: string, holder: string): boolean {
    const r = this.records.get(key);
    if (!r || r.completedAt != null || r.holder !== holder) return false;
    this.records.delete(key);
    return true;
  }
}

/** Claims in this process only: for tests, and for a single process with nothing to share. */
export function memoryClaims(now: () => number = Date.now): Claims {
  const table = new ClaimTable(now);
  return {
    claim: async (key, holder, ttlMs) => table.claim(key, holder, ttlMs).outcome,
    complete: async (key) => void table.complete(key),
    release: async (key, holder) => void table.release(key, holder),
    close: async () => {},
  };
}

/** What a tick needs to do its work once across processes: the claims, who it is, how long a claim lasts. */
export interface OnceOnly {
  claims: Claims;
  holder: string;
  ttlMs: number;
}

/** Claims kept alive while their holder works (`keepClaims`). */
export interface HeldClaims {
  /** Aborted once a renewal fails or finds a claim no longer this holder's: stop the work. */
  readonly signal: AbortSignal;
  /** Stops renewing (the claims stay until completed, released or expired). */
  stop(): void;
}

/**
 * Renews `keys` (claimed by `once.holder`) every third of their ttl while the work runs, so a post
 * that outlasts PLANBOT_CLAIM_TTL is not taken over by another process while it is still going on.
 * When a renewal fails (the database is unreachable) or finds a claim taken over or done, `signal`
 * aborts: the work should stop, since another process may now do it.
 */
export function keepClaims(once: OnceOnly, keys: readonly string[], everyMs = Math.max(50, Math.floor(once.ttlMs / 3))): HeldClaims {
  const control = new AbortController();
  let renewing = false;
  const timer = setInterval(() => {
    if (renewing || control.signal.aborted) return;
    renewing = true;
    void (async () => {
      for (const key of keys) {
        const outcome = await once.claims.claim(key, once.holder, once.ttlMs);
        if (outcome !== 'claimed') throw new Error(`the claim on ${key} was lost (${outcome === 'held' ? 'another process holds it' : 'it was done elsewhere'})`);
      }
    })()
      .catch((err: unknown) => {
        clearInterval(timer);
        control.abort(err instanceof Error && err.message.startsWith('the claim on') ? err : new Error(`could not renew the claim on ${keys.join(', ')}: ${(err as Error).message}`, { cause: err }));
      })
      .finally(() => (renewing = false));
  }, everyMs);
  timer.unref();
  return { signal: control.signal, stop: () => clearInterval(timer) };
}

/**
 * Does `work` under `keys` (already claimed by `once.holder`): renews them while it runs
 * (`keepClaims`), releases them when it fails (another attempt may do it) and completes them when it
 * succeeds. Returns the work's error, or null; without `once` the work simply runs.
 */
export async function workUnderClaims(once: OnceOnly | undefined, keys: readonly string[], work: (signal?: AbortSignal) => Promise<void>): Promise<{ error: unknown } | null> {
  const held = once ? keepClaims(once, keys) : null;
  try {
    await work(held?.signal);
  } catch (error) {
    if (once) for (const key of keys) await once.claims.release(key, once.holder);
    return { error };
  } finally {
    held?.stop();
  }
  if (once) for (const key of keys) await once.claims.complete(key);
  return null;
}
