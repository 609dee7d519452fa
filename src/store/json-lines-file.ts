import { open, readFile, rename, type FileHandle } from 'node:fs/promises';

/** An append-only file of JSON lines, each flushed before its write resolves. */
export interface JsonLinesFile<L> {
  /** Appends one line; resolves once it is flushed (`datasync`). Writes are serialised in call order. */
  write(line: L): Promise<void>;
  close(): Promise<void>;
}

/**
 * Reads back the lines of such a file (none when it does not exist). A line that is not a JSON object
 * is skipped: a torn last line is a write that was never acknowledged.
 */
export async function readJsonLines<L>(path: string): Promise<L[]> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? '' : Promise.reject(err)));
  const lines: L[] = [];
  for (const raw of text.split('\n')) {
    let line: unknown;
    try {
      line = JSON.parse(raw);
    } catch {
      continue;
    }
    if (typeof line === 'object' && line !== null) lines.push(line as L);
  }
  return lines;
}

/**
 * Replaces the file at `path` with `lines` (written to `<path>.tmp`, flushed, renamed over it), then
 * opens it for appending. The small durable logs beside the state file (claims, the Slack inbox) are
 * compacted this way when opened and appended to afterwards.
 */
export async function rewriteJsonLines<L>(path: string, lines: Iterable<L>): Promise<JsonLinesFile<L>> {
  const tmp = `${path}.tmp`;
  const compact = await open(tmp, 'w');
  await compact.writeFile([...lines].map((l) => `${JSON.stringify(l)}\n`).join(''));
  await compact.sync();
  await compact.close();
  await rename(tmp, path);
  const file: FileHandle = await open(path, 'a');
  let queue: Promise<void> = Promise.resolve();
  return {
    write(line) {
      const next = queue.then(async () => {
        await file.appendFile(`${JSON.stringify(line)}\n`);
        await file.datasync();
      });
      queue = next.catch(() => {});
      return next;
    },
    async close() {
      await queue;
      await file.close();
    },
  };
}
