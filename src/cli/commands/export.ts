import { writeFile } from 'node:fs/promises';
import { makeFolders } from '../../core/make-folders.js';
import { dirname, resolve } from 'node:path';
import type { Plan } from '../../plan/schema.js';
import type { PlanEvent } from '../../store/events.js';
import { UserError } from '../../errors.js';
import { ledgerFile, readLedgerRequest } from '../../ledger/index.js';

/** What `plan-bot export` prints: the markdown itself, or where the file went. */
export interface ExportOutcome {
  stdout: string;
  stderr?: string;
}

/**
 * `plan-bot export [--format xlsx|csv|md] [--week DATE] [--lang zh|en] [--sheet S] [--out FILE]`: the
 * ledger as a file, written to `--out` or to its own name (`台账-2021-06-13.xlsx`) in the working folder;
 * markdown goes to standard output unless `--out` is given. Reads the log only.
 */
export async function exportCommand(opts: { plan: Plan; events: readonly PlanEvent[]; now: Date; timeZone: string; format?: string; week?: string; lang?: string; sheet?: string; out?: string }): Promise<ExportOutcome> {
  const request = readLedgerRequest(opts);
  const file = await ledgerFile(request, opts);
  if (request.format === 'md' && opts.out === undefined) return { stdout: Buffer.from(file.data).toString('utf8').trimEnd() };
  const path = resolve(opts.out ?? file.name);
  try {
    await makeFolders(dirname(path));
    await writeFile(path, file.data);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UserError('export.unwritable', { en: `Cannot write ${path} (${code}): choose another --out.`, zh: `无法写入 ${path}（${code}）：请换一个 --out 路径。` });
  }
  return { stdout: path, stderr: `${file.title} → ${path}` };
}
