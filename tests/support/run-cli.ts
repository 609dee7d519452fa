import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

/** A fresh state file path in a temporary folder. */
export const freshDb = (): string => join(mkdtempSync(join(tmpdir(), 'planbot-state-')), 'state.json');

/**
 * Runs the CLI in process with captured output: logs silenced, a fresh state file unless the env
 * names one, stdin from `stdin`, and `serve` stopping when `stop` resolves.
 */
export async function runCli(argv: string[], opts: { env?: Record<string, string>; stdin?: string[]; stop?: Promise<void>; out?: string[]; terminal?: string[] } = {}) {
  const out = opts.out ?? [];
  const err: string[] = [];
  const stdin = opts.stdin ?? [];
  const code = await main(argv, {
    env: { PLANBOT_DB: freshDb(), LOG_LEVEL: 'silent', ...opts.env },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stdinLines: async function* () {
      yield* stdin;
    },
    readFile: (p) => readFile(p, 'utf8'),
    writeFile: (p, data) => writeFile(p, data),
    // `terminal`: lines typed at the terminal `serve` runs in (none: not a terminal, as in CI).
    terminalLines: () =>
      opts.terminal
        ? (async function* () {
            yield* opts.terminal!;
          })()
        : null,
    stopRequested: () => opts.stop ?? Promise.resolve(),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
