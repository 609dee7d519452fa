import { readJsonLines, rewriteJsonLines } from '../../store/json-lines-file.js';
import type { Incoming } from '../../core/bot.js';

/** Where the answer to an accepted command goes once it is ready. */
export interface AnswerTo {
  /** The command's or card's response_url (Slack accepts posts to it for 30 minutes). */
  responseUrl?: string;
  /** Else a direct message to this Slack user (`U…`). */
  user?: string;
  /** The conversation (`C…`, `D…`) the files a reply carries are uploaded to; else the user's direct messages. */
  channel?: string;
}

/** A command acknowledged before its answer was ready: what to carry out, and where to answer. */
export interface InboxEntry {
  key: string;
  msg: Incoming & { requestKey: string };
  answerTo: AnswerTo;
  at: string;
}

/**
 * Commands acknowledged before they were carried out. `accept` resolves once the entry is durable,
 * before the acknowledgement is sent; `done` once answered. On start, `pending()` lists the accepted
 * commands a crash left unanswered, to be carried out again (idempotently, by their request key).
 */
export interface CommandInbox {
  accept(entry: InboxEntry): Promise<void>;
  done(key: string): Promise<void>;
  pending(): InboxEntry[];
  /**
   * Replicas only: takes over the entries that replicas which died since left unanswered; the
   * entries newly taken, to carry out (each is taken by one replica).
   */
  sweep?(): Promise<InboxEntry[]>;
  close(): Promise<void>;
}

/** An inbox in memory: enough for tests and when no state file is at hand. */
export function memoryInbox(): CommandInbox {
  const entries = new Map<string, InboxEntry>();
  return {
    accept: async (e) => void entries.set(e.key, e),
    done: async (key) => void entries.delete(key),
    pending: () => [...entries.values()],
    close: async () => {},
  };
}

type Line = { accept: InboxEntry } | { done: string };

/**
 * An inbox in a JSON-lines file beside the state file: each accept and done is one appended line,
 * flushed to disk (`datasync`) before it resolves. Opening it reads what is pending (a torn last line
 * is ignored) and rewrites the file with only that, so it never grows beyond the unanswered commands.
 */
export async function openFileInbox(path: string): Promise<CommandInbox> {
  const entries = new Map<string, InboxEntry>();
  for (const line of await readJsonLines<Line>(path)) {
    if ('accept' in line && line.accept?.key) entries.set(line.accept.key, line.accept);
    else if ('done' in line) entries.delete(line.done);
  }
  const file = await rewriteJsonLines<Line>(path, [...entries.values()].map((e) => ({ accept: e })));
  const write = (line: Line) => file.write(line);
  return {
    async accept(e) {
      await write({ accept: e });
      entries.set(e.key, e);
    },
    async done(key) {
      if (!entries.delete(key)) return;
      await write({ done: key });
    },
    pending: () => [...entries.values()],
    close: () => file.close(),
  };
}
