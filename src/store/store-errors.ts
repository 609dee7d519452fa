import { UserError } from '../errors.js';
import type { Bilingual } from '../plan/schema.js';
import type { ProcessIdentity } from './process-identity.js';

/** What the holder of a lock is known to be, for the message. */
export interface LockHolderInfo {
  holder: ProcessIdentity | null;
  /** True when the holder may have crashed without us being able to tell (another host, no owner record). */
  mayBeStale: boolean;
}

/**
 * Another process holds the state file. Extends UserError so the CLI prints it (both languages) and
 * exits 1: the operator fixes it by stopping the other process or choosing another `--db`.
 */
export class StoreLockedError extends UserError {
  constructor(
    readonly file: string,
    staleMs: number,
    info: LockHolderInfo = { holder: null, mayBeStale: true },
  ) {
    const secs = Math.ceil(staleMs / 1000);
    const who = info.holder ? { en: ` (pid ${info.holder.pid} on ${info.holder.hostname})`, zh: `（主机 ${info.holder.hostname} 上的进程 ${info.holder.pid}）` } : { en: '', zh: '' };
    const stale = info.mayBeStale
      ? { en: ` If it crashed, its lock goes stale within ${secs} s; try again then.`, zh: `若该进程已崩溃，锁会在 ${secs} 秒内失效，届时再试。` }
      : { en: '', zh: '' };
    super(
      'store.locked',
      {
        en: `The state file ${file} is in use by another plan-bot process${who.en} (lock ${file}.lock). Stop that process or use another --db; to run commands (a cron tick, a chat) beside a running serve, put the store in PostgreSQL (PLANBOT_DATABASE_URL, docs/deploy.md).${stale.en}`,
        zh: `状态文件 ${file} 正被另一个 plan-bot 进程${who.zh}使用（锁 ${file}.lock）。请先停止该进程，或用 --db 指定其他文件；若要在运行中的 serve 旁执行命令（定时任务、对话），请把存储放到 PostgreSQL（PLANBOT_DATABASE_URL，见 docs/deploy.md）。${stale.zh}`,
      },
      { file, holder: info.holder },
    );
    this.name = 'StoreLockedError';
  }
}

/** The state file cannot be read as a plan-bot log; it is left untouched and the message says how to recover. */
export class StoreDamagedError extends UserError {
  constructor(
    readonly file: string,
    readonly reason: string,
    backup: { file: string; events: number | null; journal?: string | null } | null,
    /** False for a file that is not a plan-bot state file at all: nothing to repair, the path is wrong. */
    looksLikeState = true,
  ) {
    // The journal continues the current file, not the backup: it goes aside too when going back.
    const journalAside = backup?.journal ? ` && mv "${backup.journal}" "${backup.journal}.damaged"` : '';
    const repair = looksLikeState
      ? { en: ` To salvage every complete event: plan-bot repair --db "${file}" (it keeps a copy of the file first).`, zh: `要找回其中每条完整的事件：plan-bot repair --db "${file}"（会先保留原文件的副本）。` }
      : { en: ' It does not look like a plan-bot state file: check --db / PLANBOT_DB.', zh: '它看起来不是 plan-bot 的状态文件：请检查 --db / PLANBOT_DB。' };
    const restore = backup
      ? backup.events === null
        ? { en: ` A backup exists at ${backup.file} but it cannot be read either; inspect both files by hand.`, zh: `备份 ${backup.file} 同样无法读取，请手动检查这两个文件。` }
        : {
            en: ` Or, to go back to the backup (${backup.events} event${backup.events === 1 ? '' : 's'}, from before the last compaction: recent updates are lost): mv "${file}" "${file}.damaged"${journalAside} && cp "${backup.file}" "${file}", then start again.`,
            zh: `或者恢复到备份（${backup.events} 条事件，为上一次合并之前的状态，最近的更新会丢失）：mv "${file}" "${file}.damaged"${journalAside} && cp "${backup.file}" "${file}"，然后重新启动。`,
          }
      : looksLikeState
        ? { en: ` There is no backup (${file}.bak).`, zh: `没有备份（${file}.bak）。` }
        : { en: '', zh: '' };
    super(
      'store.damaged',
      {
        en: `${looksLikeState ? `The state file ${file} is damaged` : `${file} cannot be read as a state file`} (${reason}); it was left untouched and nothing was written.${repair.en}${restore.en}`,
        zh: `${looksLikeState ? `状态文件 ${file} 已损坏` : `${file} 无法作为状态文件读取`}（${reason}），未作任何改动，也未写入任何内容。${repair.zh}${restore.zh}`,
      },
      { file, reason },
    );
    this.name = 'StoreDamagedError';
  }
}

/** What the chat user reads when an update could not be recorded because of the server's disk. */
export const NOT_RECORDED: Bilingual = {
  en: 'Not recorded: the server cannot write its state file; tell the operator.',
  zh: '未记录：服务器无法写入其状态文件，请告知管理员。',
};

/** What the chat user reads when an update could not be recorded because the database did not take it. */
export const NOT_RECORDED_DATABASE: Bilingual = {
  en: 'Not recorded: the server cannot reach its database; try again in a moment, or tell the operator.',
  zh: '未记录：服务器无法连接其数据库，请稍后重试，或告知管理员。',
};

/**
 * An update was not recorded because the state file cannot be written (disk full, read-only file or
 * folder, a write in doubt, the lock lost, the store closed). The chat user gets NOT_RECORDED (id
 * `store.unwritable`); `reason` (in `message` too) is for the operator's log.
 */
export class StoreUnavailableError extends UserError {
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown; database?: boolean },
  ) {
    super('store.unwritable', options?.database ? NOT_RECORDED_DATABASE : NOT_RECORDED, { file, reason });
    this.name = 'StoreUnavailableError';
    this.message = `${options?.database ? 'The database' : 'The state file'} ${file} cannot be written (${reason}); nothing was recorded.`;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * The state file cannot be used at all (start-up): its folder cannot be created or written, the path
 * runs through a file, or it is in /proc or /sys. The CLI prints it and exits 1; no stack trace.
 */
export class StoreUnusableError extends UserError {
  constructor(
    readonly file: string,
    what: Bilingual,
  ) {
    super(
      'store.unusable',
      {
        en: `Cannot use ${file} as the state file: ${what.en}. Give a path in a folder plan-bot can write, with --db or PLANBOT_DB (e.g. --db data/state.json).`,
        zh: `无法将 ${file} 用作状态文件：${what.zh}。请用 --db 或 PLANBOT_DB 指定 plan-bot 可写的文件夹中的路径（例如 --db data/state.json）。`,
      },
      { file },
    );
    this.name = 'StoreUnusableError';
  }
}

const REASONS: Record<string, Bilingual> = {
  EACCES: { en: 'permission denied', zh: '没有权限' },
  EPERM: { en: 'operation not permitted', zh: '不允许该操作' },
  EROFS: { en: 'read-only file system', zh: '只读文件系统' },
  ENOSPC: { en: 'no space left on the device', zh: '磁盘空间已满' },
  EDQUOT: { en: 'disk quota exceeded', zh: '超出磁盘配额' },
  ENOTDIR: { en: 'a part of the path is a file, not a folder', zh: '路径中有一部分是文件而不是文件夹' },
  EISDIR: { en: 'it is a folder', zh: '它是一个文件夹' },
  ENOENT: { en: 'no such file or folder, and it cannot be created there', zh: '不存在，且无法在该处创建' },
  EIO: { en: 'input/output error', zh: '输入/输出错误' },
  EMFILE: { en: 'too many open files', zh: '打开的文件过多' },
};

/** A failed fs call's cause in words, without quoting any file's content. */
export function fsReason(err: unknown): Bilingual {
  const own = (err as { reason?: Bilingual } | null)?.reason;
  if (own && typeof own.en === 'string') return own;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return (code && REASONS[code]) || { en: code ?? (err as Error)?.message ?? String(err), zh: code ?? (err as Error)?.message ?? String(err) };
}
