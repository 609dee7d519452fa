/**
 * Ids seen within `ttlMs`, so an id seen twice is recognised: a Slack event, a DingTalk `msgId` or a
 * WeCom `msgid` delivered twice is handled once. Bounded by `max` (oldest forgotten first), so a flood
 * of ids cannot grow memory. Memory only: after a restart, the request key of each message
 * (`slack:…`, `dingtalk:msg:<msgId>`, `wecom:msg:<msgid>`) keeps what it writes from being written twice.
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
