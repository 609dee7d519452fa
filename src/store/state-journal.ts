import { PlanEvent } from './events.js';
import type { DroppedPart } from './salvage-events.js';

/**
 * The journal beside a state file: the events appended since the last compaction, one JSON line
 * each (`<file>.journal`). An update appends a line instead of rewriting the lowdb document; the
 * journal is folded into the document at start-up and once it passes a size.
 */
export const journalPath = (file: string) => `${file}.journal`;

/** The journal lines of `events`, each ending in a newline. */
export function journalText(events: readonly PlanEvent[]): string {
  let text = '';
  for (const e of events) text += `${JSON.stringify(e)}\n`;
  return text;
}

/** What a journal's text holds. */
export interface JournalContent {
  /** Every complete, valid line's event, in file order. */
  events: PlanEvent[];
  /** Length (characters) of the text up to the end of the last complete line. */
  validLength: number;
  /** A torn last write (the text after the last newline, and trailing lines of NUL bytes): never acknowledged, so safe to drop once copied. */
  torn: { offset: number; length: number } | null;
  /** Complete lines that cannot be read or do not fit the schema: real damage, for `plan-bot repair`. */
  damaged: DroppedPart[];
}

/**
 * Reads a journal's text line by line. Pure. The text after the last newline is a torn write (the
 * store writes whole lines and acknowledges an append only once its line is flushed), as are
 * trailing lines of NUL bytes (a file system that grew the file before its data reached the disk).
 * Any other unreadable line is damage.
 */
export function parseJournal(text: string): JournalContent {
  let end = text.lastIndexOf('\n') + 1;
  // Trailing lines of NULs belong to the torn tail.
  for (;;) {
    const prev = text.lastIndexOf('\n', end - 2) + 1;
    if (end === 0 || !/^\0+$/.test(text.slice(prev, end - 1))) break;
    end = prev;
  }
  const events: PlanEvent[] = [];
  const damaged: DroppedPart[] = [];
  let offset = 0;
  let index = 0;
  while (offset < end) {
    const nl = text.indexOf('\n', offset);
    const line = text.slice(offset, nl);
    index++;
    if (line.trim() !== '') {
      const problem = readLine(line, events);
      if (problem) damaged.push({ index, offset, reason: problem });
    }
    offset = nl + 1;
  }
  return { events, validLength: end, torn: end < text.length ? { offset: end, length: text.length - end } : null, damaged };
}

function readLine(line: string, into: PlanEvent[]): string | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return /\0/.test(line) ? 'unreadable (NUL bytes)' : 'unreadable (not a JSON line)';
  }
  const parsed = PlanEvent.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `does not fit the schema${issue.path.length ? ` (field ${issue.path.join('.')})` : ''}: ${issue.message}`;
  }
  into.push(parsed.data);
  return null;
}

/** The log of a document followed by its journal, or why they do not fit together. */
export type Merged = { ok: true; events: PlanEvent[]; duplicates: number } | { ok: false; reason: string };

/**
 * Appends the journal's events to the document's, by seq: an event the document already holds (a
 * compaction that stopped before emptying the journal) is dropped when it is the same event (same id),
 * and the rest must continue the numbering. A different event under a taken seq, or a gap, is damage.
 * Pure; `doc` is not changed.
 */
export function mergeJournal(doc: readonly PlanEvent[], journal: readonly PlanEvent[]): Merged {
  if (journal.length === 0) return { ok: true, events: doc as PlanEvent[], duplicates: 0 };
  const events = doc.slice();
  let duplicates = 0;
  for (let i = 0; i < journal.length; i++) {
    const e = journal[i]!;
    if (e.seq <= events.length) {
      if (events[e.seq - 1]!.id !== e.id) return { ok: false, reason: `journal line ${i + 1} has seq ${e.seq}, which the log already holds as another event (id ${events[e.seq - 1]!.id}, not ${e.id})` };
      duplicates++;
      continue;
    }
    if (e.seq !== events.length + 1) return { ok: false, reason: `journal line ${i + 1} has seq ${e.seq}, but the log before it ends at ${events.length}: events are missing in between` };
    events.push(e);
  }
  return { ok: true, events, duplicates };
}
