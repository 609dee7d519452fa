import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

const TOKEN = /\b(xox[abprse]|xapp)-[A-Za-z0-9-]+/g;

/** Replaces anything that looks like a Slack token, so no log line carries one. */
export function scrubTokens(text: string): string {
  return text.replace(TOKEN, '$1-[redacted]');
}

/** An error as it is logged: its name, code and message, the message scrubbed of tokens. */
export function scrubbedError(error: unknown) {
  const e = error as { name?: string; code?: string; message?: string } | undefined;
  return { name: e?.name, code: e?.code, message: scrubTokens(String(e?.message ?? error)) };
}

/** Logs an error a listener (or the code that hands it a request) threw, its message scrubbed of tokens. */
export function logListenerError(logger: Logger, error: unknown): void {
  logger.error({ err: scrubbedError(error) }, 'a Slack listener failed');
}

function line(parts: unknown[]): string {
  return scrubTokens(parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : safeJson(p))).join(' '));
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** Bolt's and the Web API client's log lines, sent to the project's structured logger with tokens scrubbed. */
export function boltLogger(logger: Logger, name = 'slack'): BoltLogger {
  const log = logger.child({ adapter: name });
  return {
    // A line is built (and scrubbed) only at a level that is logged: Bolt logs at debug on every request.
    debug: (...m: unknown[]) => void (log.isLevelEnabled('debug') && log.debug(line(m))),
    info: (...m: unknown[]) => void (log.isLevelEnabled('info') && log.info(line(m))),
    warn: (...m: unknown[]) => void (log.isLevelEnabled('warn') && log.warn(line(m))),
    error: (...m: unknown[]) => void (log.isLevelEnabled('error') && log.error(line(m))),
    setLevel: () => {},
    getLevel: () => (log.isLevelEnabled('debug') ? LogLevel.DEBUG : log.isLevelEnabled('info') ? LogLevel.INFO : log.isLevelEnabled('warn') ? LogLevel.WARN : LogLevel.ERROR),
    setName: () => {},
  };
}
