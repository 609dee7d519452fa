import { open } from 'node:fs/promises';
import { makeFolders } from '../../core/make-folders.js';
import { basename, extname, join, resolve } from 'node:path';
import { t } from '../../core/i18n.js';
import { renderPlainText, type Reply, type ReplyFile } from '../../core/reply.js';

/** Where the console saves the files replies carry unless told otherwise (`--out DIR`). */
export const DEFAULT_EXPORTS_DIR = 'exports';

/**
 * Writes each file into `dir` (created when missing) under its own name, never over an existing file
 * (`台账-2021-06-13-2.xlsx` then), and returns the absolute paths written.
 */
export async function saveFiles(dir: string, files: readonly ReplyFile[]): Promise<string[]> {
  await makeFolders(dir);
  const paths: string[] = [];
  for (const file of files) {
    // The name is the core's, but a name is never allowed to leave the folder.
    const name = basename(file.name.replace(/\\/g, '/')) || 'file';
    const ext = extname(name);
    const stem = name.slice(0, name.length - ext.length);
    for (let n = 1; ; n++) {
      const path = resolve(join(dir, n === 1 ? name : `${stem}-${n}${ext}`));
      try {
        const handle = await open(path, 'wx');
        try {
          await handle.writeFile(file.data);
        } finally {
          await handle.close();
        }
        paths.push(path);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  }
  return paths;
}

/** A reply as the console shows it: its plain text, and for each file it carries, where it was saved. */
export async function consoleText(reply: Reply, dir: string): Promise<{ text: string; files: string[] }> {
  const text = renderPlainText(reply);
  if (!reply.files?.length) return { text, files: [] };
  const files = await saveFiles(dir, reply.files);
  const lines = files.map((p) => t(reply.lang, `File saved: ${p}`, `文件已保存：${p}`));
  return { text: [text, ...lines].filter(Boolean).join('\n'), files };
}
