import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { terminalLines } from '../main.js';
import { main } from './main.js';

/** Runs the CLI against the real process: its environment, standard streams and files. */
export async function runCli(argv: string[]): Promise<number> {
  return main(argv, {
    env: process.env,
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
    readFile: (path) => readFile(path, 'utf8'),
    terminalLines,
    stopRequested: () => new Promise((resolve) => ['SIGINT', 'SIGTERM'].forEach((sig) => process.once(sig, () => resolve()))),
  });
}
