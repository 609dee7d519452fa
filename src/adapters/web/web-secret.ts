import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StartupError } from '../../errors.js';

/** The file beside the state file that keeps the generated signing secret (`data/state.json.web-secret`). */
export function webSecretFile(db: string): string {
  return `${db}.web-secret`;
}

/**
 * The secret that signs web sessions and invite links: PLANBOT_WEB_SECRET when set, else a random
 * secret generated once into a file beside the state file (mode 0600), so links and sign-ins
 * survive restarts. `serve` and `plan-bot web invite` read the same file.
 */
export async function loadWebSecret(opts: { secret?: string; db: string }): Promise<string> {
  if (opts.secret) return opts.secret;
  const file = webSecretFile(opts.db);
  const cannot = (err: unknown) => new StartupError(`Cannot create the web chat's signing secret ${file} (${(err as Error).message}): make its folder writable, or set PLANBOT_WEB_SECRET.`, { cause: err });
  // A part of the path that is a file (`--db notes.txt/state.json`) fails here with EEXIST: not "the secret exists".
  await mkdir(dirname(file), { recursive: true }).catch((err: unknown) => {
    throw cannot(err);
  });
  try {
    // 'wx' fails when the file exists, so two processes starting together keep one secret.
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw cannot(err);
  }
  const secret = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    (err: unknown) => {
      throw new StartupError(`Cannot read the web chat's signing secret ${file} (${(err as Error).message}): make it a readable file, or set PLANBOT_WEB_SECRET.`, { cause: err });
    },
  );
  if (secret.length < 32) throw new StartupError(`The web chat's signing secret ${file} is too short: delete it (a new one is generated; sign-in links issued so far stop working) or set PLANBOT_WEB_SECRET.`);
  return secret;
}
