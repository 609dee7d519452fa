/** What a CLI command may touch of the outside world, injected so tests can run commands in process. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Lines of standard input, read lazily. */
  stdinLines(): AsyncIterable<string>;
  /** Lines typed at a terminal for `serve`'s console, or null when standard input is not a terminal. */
  terminalLines(): AsyncIterable<string> | null;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
  stopRequested(): Promise<void>;
  /** Reads a whole file as text; the CLI reads files only through this. */
  readFile(path: string): Promise<string>;
  /** Writes a whole file (a chart, a report); the CLI writes files only through this. */
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
}
