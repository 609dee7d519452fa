import { pino, type Logger } from 'pino';

export type { Logger };

/** A structured JSON logger on stderr (stdout belongs to command output). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'plan-bot' }, redact: ['*.token', '*.botToken', '*.signingSecret', '*.appToken', 'token'] }, pino.destination(2));
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = pino({ level: 'silent' });
