import type { ChatSocket, WebReference } from './botkit-web.js';
import { DEFAULT_ROOM } from './client-frame.js';

/** One open chat page: its socket, who is typing there, and which web channel it is in. */
export interface WebSession {
  readonly key: string;
  readonly socket: ChatSocket;
  name: string | null;
  room: string;
  /** Botkit's reference to this socket's conversation, known after its first frame; used for digests. */
  reference: WebReference | null;
  /** Runs the socket's turns one after another, so replies keep the order of the messages. */
  serially(task: () => Promise<void>): Promise<void>;
  readonly isOpen: boolean;
}

/** The open chat pages, by socket key. */
export class WebSessions {
  private readonly byKey = new Map<string, WebSession>();

  open(key: string, socket: ChatSocket): WebSession {
    let tail: Promise<void> = Promise.resolve();
    const session: WebSession = {
      key,
      socket,
      name: null,
      room: DEFAULT_ROOM,
      reference: null,
      serially(task) {
        const run = tail.then(task);
        tail = run.catch(() => {});
        return run;
      },
      get isOpen() {
        return socket.readyState === 1;
      },
    };
    this.byKey.set(key, session);
    return session;
  }

  get(key: string): WebSession | undefined {
    return this.byKey.get(key);
  }

  close(key: string): void {
    this.byKey.delete(key);
  }

  /** The open pages in one web channel (`general` for `web:general`). */
  inRoom(room: string): WebSession[] {
    return [...this.byKey.values()].filter((s) => s.room === room && s.isOpen);
  }

  /** Every open page. */
  all(): WebSession[] {
    return [...this.byKey.values()].filter((s) => s.isOpen);
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** The last few digests posted to each web channel, shown to a page when it joins. */
export class RecentDigests<T> {
  private readonly byRoom = new Map<string, T[]>();

  constructor(private readonly keep = 5) {}

  remember(room: string, digest: T): void {
    const list = [digest, ...(this.byRoom.get(room) ?? [])].slice(0, this.keep);
    this.byRoom.set(room, list);
  }

  /** Newest first. */
  recent(room: string): T[] {
    return this.byRoom.get(room) ?? [];
  }
}
