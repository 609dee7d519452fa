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
