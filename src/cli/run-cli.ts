import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { main } from './main.js';

/**
 * Runs the CLI against the real process: its environment (with `.env` from the working folder
 * loaded first, never overriding variables already set), standard streams and files.
 */
export async function runCli(argv: string[]): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  // A reader that stops early (`plan-bot history T9 | head`) closes the pipe: the rest of the output has
  // nowhere to go, which is no error of the command's (without this, Node crashes with an EPIPE trace).
  for (const stream of [process.stdout, process.stderr]) stream.on('error', ignoreClosedPipe);
  return main(argv, {
    env: process.env,
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, data) => writeFile(path, data),
    terminalLines,
    stopRequested: () => new Promise((resolve) => ['SIGINT', 'SIGTERM'].forEach((sig) => process.once(sig, () => resolve()))),
  });
}

function ignoreClosedPipe(err: NodeJS.ErrnoException): void {
  if (err.code !== 'EPIPE') throw err;
}

/** Lines from a terminal, or null when standard input is not one (a service, CI). */
export function terminalLines(): AsyncIterable<string> | null {
  if (!process.stdin.isTTY) return null;
  return createInterface({ input: process.stdin, crlfDelay: Infinity });
}
