import { UserError } from '../errors.js';

/**
 * Another process holds the state file. Extends UserError so the CLI prints it (both languages) and
 * exits 1: the operator fixes it by stopping the other process or choosing another `--db`.
 */
export class StoreLockedError extends UserError {
  constructor(
    readonly file: string,
    staleMs: number,
  ) {
    const secs = Math.ceil(staleMs / 1000);
    super(
      'store.locked',
      {
        en: `The state file ${file} is in use by another plan-bot process (lock ${file}.lock). Stop that process or use another --db. If it crashed, its lock goes stale within ${secs} s; try again then.`,
        zh: `状态文件 ${file} 正被另一个 plan-bot 进程使用（锁 ${file}.lock）。请先停止该进程，或用 --db 指定其他文件。若该进程已崩溃，锁会在 ${secs} 秒内失效，届时再试。`,
      },
      { file },
    );
    this.name = 'StoreLockedError';
  }
}

/** The state file cannot be read as a plan-bot log; it is left untouched and the message says how to recover. */
export class StoreDamagedError extends UserError {
  constructor(
    readonly file: string,
    readonly reason: string,
    backup: { file: string; events: number | null } | null,
  ) {
    const restore = backup
      ? backup.events === null
        ? { en: `A backup exists at ${backup.file} but it cannot be read either; inspect both files by hand.`, zh: `备份 ${backup.file} 同样无法读取，请手动检查这两个文件。` }
        : {
            en: `To recover the last good state (${backup.events} event${backup.events === 1 ? '' : 's'}): mv "${file}" "${file}.damaged" && cp "${backup.file}" "${file}", then start again.`,
            zh: `恢复最后一次完好的状态（${backup.events} 条事件）：mv "${file}" "${file}.damaged" && cp "${backup.file}" "${file}"，然后重新启动。`,
          }
      : { en: `There is no backup (${file}.bak); fix the file by hand or move it aside to start empty.`, zh: `没有备份（${file}.bak）；请手动修复，或将其移走后以空状态启动。` };
    super(
      'store.damaged',
      {
        en: `The state file ${file} is damaged (${reason}); it was left untouched and nothing was written. ${restore.en}`,
        zh: `状态文件 ${file} 已损坏（${reason}），未作任何改动，也未写入任何内容。${restore.zh}`,
      },
      { file, reason },
    );
    this.name = 'StoreDamagedError';
  }
}

/** The store can no longer accept updates (a write failed after the file was replaced, or the lock was lost). */
export class StoreUnavailableError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`The state file ${file} no longer accepts updates (${reason}); restart plan-bot once the cause is fixed.`);
    this.name = 'StoreUnavailableError';
  }
}
