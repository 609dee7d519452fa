import * as fsp from 'node:fs/promises';

/**
 * The file-system operations the store uses. Injectable so that tests can fake what a real disk does
 * rarely (ENOSPC, EROFS, EACCES) without needing a full disk or a non-root user.
 */
export interface StoreFs {
  open: typeof fsp.open;
  readFile: typeof fsp.readFile;
  writeFile: typeof fsp.writeFile;
  link: typeof fsp.link;
  copyFile: typeof fsp.copyFile;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
  mkdir: typeof fsp.mkdir;
  rm: typeof fsp.rm;
  stat: typeof fsp.stat;
  access: typeof fsp.access;
  utimes: typeof fsp.utimes;
  statfs: typeof fsp.statfs;
}

/** The real file system. */
export const nodeFs: StoreFs = {
  open: fsp.open,
  readFile: fsp.readFile,
  writeFile: fsp.writeFile,
  link: fsp.link,
  copyFile: fsp.copyFile,
  rename: fsp.rename,
  unlink: fsp.unlink,
  mkdir: fsp.mkdir,
  rm: fsp.rm,
  stat: fsp.stat,
  access: fsp.access,
  utimes: fsp.utimes,
  statfs: fsp.statfs,
};

/** The error code of a failed fs call (`ENOSPC`, `EROFS` …), or undefined. */
export const errorCode = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;
