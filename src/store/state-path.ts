import { dirname } from 'node:path';
import { errorCode, type StoreFs } from './store-fs.js';
import { StoreUnusableError, fsReason } from './store-errors.js';

/** statfs `type` of the kernel's own file systems, where a state file can never live. */
const KERNEL_FS: Record<number, string> = { 0x9fa0: '/proc', 0x62656572: '/sys', 0x1cd1: '/dev/pts', 0x27e0eb: 'cgroup', 0x63677270: 'cgroup2' };

/**
 * Checks, before anything is locked or read, that `file` can be a state file: when it exists it is a
 * regular file; its folder exists or can be made (created one level at a time, which also avoids
 * Node's recursive mkdir looping on /proc), and is not in a kernel file system. Throws
 * StoreUnusableError saying why; never reads the file.
 */
export async function prepareStatePath(file: string, fs: StoreFs): Promise<void> {
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) throw new StoreUnusableError(file, { en: 'it is a folder', zh: '它是一个文件夹' });
    if (!st.isFile()) throw new StoreUnusableError(file, { en: 'it is not a regular file', zh: '它不是普通文件' });
  } catch (err) {
    if (err instanceof StoreUnusableError) throw err;
    if (errorCode(err) !== 'ENOENT') throw new StoreUnusableError(file, fsReason(err));
  }
  const missing: string[] = [];
  let dir = dirname(file);
  for (;;) {
    try {
      const st = await fs.stat(dir);
      if (!st.isDirectory()) throw new StoreUnusableError(file, { en: `${dir} is a file, not a folder`, zh: `${dir} 是文件而不是文件夹` });
      break;
    } catch (err) {
      if (err instanceof StoreUnusableError) throw err;
      if (errorCode(err) !== 'ENOENT') throw new StoreUnusableError(file, fsReason(err));
      missing.unshift(dir);
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  const kind = await fs.statfs(dir).then(
    (s) => KERNEL_FS[Number(s.type)],
    () => undefined,
  );
  if (kind) throw new StoreUnusableError(file, { en: `${dir} is in the kernel's ${kind} file system, not a place for files`, zh: `${dir} 属于内核的 ${kind} 文件系统，不能存放文件` });
  for (const m of missing) {
    try {
      await fs.mkdir(m);
    } catch (err) {
      if (errorCode(err) === 'EEXIST') continue;
      const why = fsReason(err);
      throw new StoreUnusableError(file, { en: `cannot create the folder ${m} (${why.en})`, zh: `无法创建文件夹 ${m}（${why.zh}）` });
    }
  }
}
