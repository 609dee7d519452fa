import { describe, expect, it } from 'vitest';
import { RecentIds } from '../../src/core/recent-ids.js';

/** The reference: the former implementation, oldest taken from a Map's iterator. */
class MapRecentIds {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number,
  ) {}
  check(id: string): boolean {
    const t = this.now();
    for (const [old, at] of this.seen) {
      if (t - at < this.ttlMs && this.seen.size < this.max) break;
      this.seen.delete(old);
    }
    if (this.seen.has(id)) return true;
    this.seen.set(id, t);
    return false;
  }
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('RecentIds answers as the Map-based reference', () => {
  it.each([
    [1, 50, 100],
    [2, 1000, 40],
    [3, 200, 5000],
  ])('seed %i: ttl %i ms, max %i, 20,000 checks of repeated, expired and evicted ids', (seed, ttlMs, max) => {
    const next = random(seed);
    let now = 0;
    const clock = () => now;
    const fast = new RecentIds(ttlMs, max, clock);
    const reference = new MapRecentIds(ttlMs, max, clock);
    for (let i = 0; i < 20_000; i++) {
      now += Math.floor(next() * 3);
      const id = `id${Math.floor(next() * 300)}`;
      expect(fast.check(id)).toBe(reference.check(id));
    }
  });

  it('keeps working across many compactions of its queue', () => {
    let now = 0;
    const ids = new RecentIds(10, 1_000_000, () => now);
    for (let i = 0; i < 50_000; i++) {
      now = i;
      expect(ids.check(`k${i}`)).toBe(false);
      expect(ids.check(`k${i}`)).toBe(true);
      if (i >= 10) expect(ids.check(`k${i - 10}`)).toBe(false);
    }
  });
});
