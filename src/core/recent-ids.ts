/**
 * Ids seen within `ttlMs`, so an id seen twice is recognised: a Slack event, a DingTalk `msgId` or a
 * WeCom `msgid` delivered twice is handled once. Bounded by `max` (oldest forgotten first), so a flood
 * of ids cannot grow memory. Memory only: after a restart, the request key of each message
 * (`slack:…`, `dingtalk:msg:<msgId>`, `wecom:msg:<msgid>`) keeps what it writes from being written twice.
 * The ids are kept in a set and, in the order seen, in a queue that the oldest are forgotten from:
 * a check costs the same however many ids are remembered (taking the oldest from a Map's iterator
 * instead cost ~20 µs a check once a busy door's window was full, skipping the holes deletions leave).
 */
export class RecentIds {
  private readonly seen = new Set<string>();
  /** The remembered ids in the order seen (from `head` on), and when each was seen. */
  private order: string[] = [];
  private at: number[] = [];
  private head = 0;

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the id; true when it was already recorded and has not expired. */
  check(id: string): boolean {
    const t = this.now();
    while (this.head < this.order.length && (t - this.at[this.head]! >= this.ttlMs || this.seen.size >= this.max)) {
      this.seen.delete(this.order[this.head]!);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) this.compact();
    if (this.seen.has(id)) return true;
    this.seen.add(id);
    this.order.push(id);
    this.at.push(t);
    return false;
  }

  /** Drops the forgotten ids from the front of the queue (amortised: at most once per `head` checks). */
  private compact(): void {
    this.order = this.order.slice(this.head);
    this.at = this.at.slice(this.head);
    this.head = 0;
  }
}
