import { dirname } from 'node:path';
import { syncDir } from './state-file.js';
import { journalPath, parseJournal, type JournalContent } from './state-journal.js';
import { StoreUnusableError, fsReason } from './store-errors.js';
import { errorCode, type StoreFs } from './store-fs.js';

/** Whose a file is and who may use it: what a new journal takes from its state file. */
export interface FileOwnership {
  mode: number;
  uid: number;
  gid: number;
}

/** An append whose failure could not be undone: part of it may be in the journal, so nothing more may be appended after it. */
export class JournalInDoubtError extends Error {
  override name = 'JournalInDoubtError';
}

/**
 * The journal file as the store writes it: appends of whole lines, each flushed (fdatasync) before
 * it counts, and truncation after a compaction. A failed append is cut back to the length before it,
 * so a half-written line never stays in front of later ones.
 */
export class JournalFile {
  /** Bytes in the file as this process knows it. */
  size = 0;

  constructor(
    readonly path: string,
    private readonly fs: StoreFs,
  ) {}

  /** Learns the current size (0 when there is no journal yet). */
  async init(): Promise<void> {
    this.size = await this.fs.stat(this.path).then(
      (st) => st.size,
      (err: unknown) => {
        if (errorCode(err) === 'ENOENT') return 0;
        throw err;
      },
    );
  }

  /**
   * Appends `text` (whole lines) and resolves once it is on disk. A new journal takes the state
   * file's mode (and owner, when run as root), and its folder is flushed so the file itself survives
   * a crash. On failure the file is cut back to its previous length; if even that fails, throws
   * JournalInDoubtError.
   */
  async append(text: string, like: FileOwnership | null): Promise<void> {
    const data = Buffer.from(text, 'utf8');
    const before = this.size;
    const fh = await this.fs.open(this.path, 'a', like?.mode ?? 0o666);
    try {
      if (before === 0 && like) {
        // Best effort, as for the state file itself: a journal someone else owns is still written.
        await fh.chmod(like.mode).catch(() => {});
        if (process.getuid?.() === 0 && (like.uid !== 0 || like.gid !== 0)) await fh.chown(like.uid, like.gid).catch(() => {});
      }
      try {
        await fh.writeFile(data);
        await fh.datasync();
      } catch (err) {
        try {
          await fh.truncate(before);
          await fh.sync();
        } catch (undo) {
          throw new JournalInDoubtError(`an append to ${this.path} failed (${(err as Error).message}) and could not be undone (${(undo as Error).message})`, { cause: err });
        }
        throw err;
      }
    } finally {
      await fh.close().catch(() => {});
    }
    this.size = before + data.length;
    if (before === 0) {
      // The lines are on disk; a journal file whose name may not survive a crash is in doubt, not "not recorded".
      await syncDir(dirname(this.path), this.fs).catch((err: unknown) => {
        throw new JournalInDoubtError(`could not flush the folder of the new journal ${this.path}: ${(err as Error).message}`, { cause: err });
      });
    }
  }

  /** Cuts the journal to `length` bytes, durably (0 after a compaction; the end of the last whole line after a torn write). */
  async truncate(length: number): Promise<void> {
    let fh;
    try {
      fh = await this.fs.open(this.path, 'r+');
    } catch (err) {
      if (errorCode(err) === 'ENOENT' && length === 0) return void (this.size = 0);
      throw err;
    }
    try {
      await fh.truncate(length);
      this.size = length;
      await fh.sync();
    } finally {
      await fh.close().catch(() => {});
    }
  }
}

/** A journal as read from disk: its content, and a description of its first damaged line (null when none). */
export interface JournalRead {
  content: JournalContent;
  damaged: string | null;
}

/** Reads and parses the journal of the state file `file` (empty when there is none); one that cannot be read is StoreUnusableError. */
export async function readJournal(file: string, fs: StoreFs): Promise<JournalRead> {
  const path = journalPath(file);
  let text = '';
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') {
      const why = fsReason(err);
      throw new StoreUnusableError(file, { en: `cannot read its journal ${path} (${why.en})`, zh: `无法读取其日志 ${path}（${why.zh}）` });
    }
  }
  const content = parseJournal(text);
  const first = content.damaged[0];
  const damaged = first ? `line ${first.index} of its journal ${path} ${first.reason}${content.damaged.length > 1 ? ` (and ${content.damaged.length - 1} more line${content.damaged.length > 2 ? 's' : ''})` : ''}` : null;
  return { content, damaged };
}
