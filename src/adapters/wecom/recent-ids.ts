/**
 * Ids seen lately (WeCom's `msgid`s), so a callback delivered twice is handled once. Bounded: the
 * oldest are forgotten first past `max` or after `ttlMs`. After a restart it is empty; then the
 * message's request key (`wecom:msg:<msgid>`) keeps its writes from happening twice.
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the id; true when it was already recorded and has not expired. */
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
