import type { ProgressBlock, ReplyBlock } from '../core/reply.js';
import { progressBar } from '../core/reply.js';
import type { MessageLimits } from './limits.js';

/** One line of a list section. */
export interface ListEntry {
  id: string;
  text: string;
  /** Users the text mentions as "@id"; collected for the adapters, not rendered. */
  mentions?: string[];
}

/**
 * A titled part of the digest whose entries are rendered only when shown, so a section of 10,000
 * items costs nothing beyond what fits. Entries are never cut: what does not fit is counted.
 */
export type Section = {
  heading: string;
  /** Shown as one line instead of heading and entries when there are no entries; omitted if null. */
  empty: string | null;
  count: number;
  /** The "… and 12 more" line for `n` entries not shown; `none` when no entry could be shown at all. */
  more(n: number, none: boolean): string;
  /** Lower is kept first when blocks run short. */
  priority: number;
} & (
  | { kind: 'progress'; entry(i: number): ProgressBlock }
  /** `maxChars` bounds the entry's whole plain-text line, "• ID text". */
  | { kind: 'list'; entry(i: number, maxChars: number): ListEntry }
);

/** The plain-text length of a list entry as `renderPlainText` prints it ("• ID text"). */
export function entryChars(e: ListEntry): number {
  return 2 + e.id.length + 1 + e.text.length;
}

/** The plain-text length of a progress block ("label bar detail"). */
export function progressChars(b: ProgressBlock): number {
  return b.label.length + 1 + progressBar(b.ratio).length + 1 + b.detail.length;
}

interface Chunk {
  block: ReplyBlock;
  mentions?: string[];
  entries: number;
  /** True when this chunk holds the section's last entry. */
  last: boolean;
}

/** Walks a section's entries one block at a time, each block within the character limit. */
class Chunker {
  private next = 0;
  private carried: ListEntry | null = null;
  private peeked: Chunk | null = null;
  shown = 0;

  /** How many entries may be shown at most. */
  private readonly limit: number;

  constructor(
    private readonly section: Section,
    private readonly maxChars: number,
    maxEntries: number,
    private readonly mentioned: Set<string>,
  ) {
    this.limit = Math.min(section.count, maxEntries);
  }

  get done(): boolean {
    return this.peeked === null && this.carried === null && this.next >= this.limit;
  }

  /** The next block, rendered once and kept until taken. */
  peek(): Chunk | null {
    if (this.peeked || this.done) return this.peeked;
    const s = this.section;
    if (s.kind === 'progress') {
      const b = s.entry(this.next++);
      const over = progressChars(b) - this.maxChars;
      const block = over > 0 ? { ...b, detail: b.detail.slice(0, Math.max(0, b.detail.length - over)) } : b;
      this.peeked = { block, entries: 1, last: this.next >= this.limit };
      return this.peeked;
    }
    const items: ListEntry[] = [];
    const mentions: string[] = [];
    let chars = 0;
    for (;;) {
      const e = this.carried ?? (this.next < this.limit ? fitLine(s.entry(this.next++, this.maxChars), this.maxChars) : null);
      this.carried = null;
      if (!e) break;
      const add = (items.length ? 1 : 0) + entryChars(e);
      if (items.length && chars + add > this.maxChars) {
        this.carried = e;
        break;
      }
      items.push({ id: e.id, text: e.text });
      if (e.mentions) mentions.push(...e.mentions);
      chars += add;
    }
    this.peeked = { block: { type: 'list', items }, entries: items.length, last: this.carried === null && this.next >= this.limit, mentions };
    return this.peeked;
  }

  take(): ReplyBlock | null {
    const c = this.peek();
    this.peeked = null;
    if (c) this.shown += c.entries;
    c?.mentions?.forEach((m) => this.mentioned.add(m));
    return c?.block ?? null;
  }
}

/** A safety net for an entry whose renderer overshot: whole lines are dropped, never half a line. */
function fitLine(e: ListEntry, maxChars: number): ListEntry {
  if (entryChars(e) <= maxChars) return e;
  const lines = e.text.split('\n');
  while (lines.length > 1 && entryChars({ id: e.id, text: `${lines.join('\n')}\n…` }) > maxChars) lines.pop();
  const text = lines.length > 1 || lines[0] !== e.text ? `${lines.join('\n')}\n…` : e.text;
  return { ...e, text: entryChars({ id: e.id, text }) <= maxChars ? text : text.slice(0, Math.max(0, maxChars - e.id.length - 4)) + '…' };
}

interface Placed {
  section: Section;
  chunker: Chunker;
  blocks: ReplyBlock[];
  dropped: boolean;
}

/**
 * Lays out a head and sections within `limits`: every block within the character limit, no more
 * than `maxBlocks` in all, no more than `maxEntries` entries in a section. Blocks are handed out a round at a time, one to each section in priority
 * order, so a long section cannot starve the others; a section that cannot show everything ends
 * with its "… and N more" line. When even the headings do not fit, the lowest-priority sections
 * are left out and named in one closing line (`notShown`). Users mentioned by the entries shown
 * are added to `mentioned`.
 */
export function fitSections(
  head: ReplyBlock[],
  sections: Section[],
  limits: MessageLimits & { maxEntries: number },
  notShown: (left: Section[]) => string,
  mentioned: Set<string> = new Set(),
): ReplyBlock[] {
  const placed: Placed[] = sections
    .filter((s) => s.count > 0 || s.empty !== null)
    .map((section) => ({ section, chunker: new Chunker(section, limits.maxSectionChars, limits.maxEntries, mentioned), blocks: [], dropped: false }));
  const byPriority = [...placed].sort((a, b) => a.section.priority - b.section.priority);
  // Blocks a section takes before any entry: heading and "more" line, or one line when empty.
  const bare = (p: Placed) => (p.dropped ? 0 : p.section.count === 0 ? 1 : 2);
  const leftOutLine = () => (placed.some((p) => p.dropped && p.section.count > 0) ? 1 : 0);
  // A section worth keeping shows at least one block of entries; lowest priority goes first.
  const minimal = () => head.length + placed.reduce((n, p) => n + bare(p) + (p.dropped || p.section.count === 0 ? 0 : 1), 0) + leftOutLine();
  for (const p of [...byPriority].reverse()) {
    if (minimal() <= limits.maxBlocks) break;
    p.dropped = true;
  }
  let used = head.length + placed.reduce((n, p) => n + bare(p), 0) + leftOutLine();
  for (let granted = true; granted; ) {
    granted = false;
    for (const p of byPriority) {
      if (p.dropped || p.section.count === 0) continue;
      const next = p.chunker.peek();
      // The chunk that completes a section also retires its "more" line, so it costs nothing extra.
      const cost = next === null ? Infinity : next.last && p.section.count <= limits.maxEntries ? 0 : 1;
      if (used + cost > limits.maxBlocks) continue;
      p.blocks.push(p.chunker.take()!);
      used += cost;
      granted = true;
    }
  }
  const out = [...head];
  for (const p of placed) {
    if (p.dropped) continue;
    const s = p.section;
    if (s.count === 0) {
      out.push({ type: 'context', text: s.empty ?? '' });
      continue;
    }
    out.push({ type: 'heading', text: s.heading }, ...p.blocks);
    const rest = s.count - p.chunker.shown;
    if (rest > 0) out.push({ type: 'context', text: s.more(rest, rest === s.count) });
  }
  const dropped = placed.filter((p) => p.dropped && p.section.count > 0);
  if (dropped.length) out.push({ type: 'context', text: notShown(dropped.map((p) => p.section)) });
  return out;
}
