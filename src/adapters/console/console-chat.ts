import type { Bot } from '../../core/bot.js';
import { renderPlainText } from '../../core/reply.js';
import { consoleUser } from '../../core/user-ids.js';

/** Options of the console adapter: who is typing, in which channel, and how replies are printed. */
export interface ConsoleChatOptions {
  bot: Bot;
  /** Who is typing, as given (`--user Bob`): the user is `console:bob`. */
  user: string;
  channel?: string;
  json?: boolean;
  write(text: string): void;
}

/** One console exchange in the contract's JSON shape. */
export interface ConsoleLine {
  input: string;
  ok: boolean;
  text: string;
}

/**
 * The console adapter: each input line is a chat message from the user (slash commands typed as
 * `/plan …`); each reply is printed in turn, as plain text or as one JSON object a line.
 */
export async function runConsoleChat(lines: AsyncIterable<string>, opts: ConsoleChatOptions): Promise<number> {
  let count = 0;
  const user = consoleUser(opts.user.replace(/^console:/i, ''));
  for await (const raw of lines) {
    const input = raw.replace(/\r$/, '');
    if (input.trim() === '') continue;
    const reply = await opts.bot.handle({
      text: input,
      user: { id: user, name: opts.user },
      platform: 'console',
      channel: `console:${opts.channel ?? 'local'}`,
    });
    const out: ConsoleLine = { input, ok: !reply.error, text: renderPlainText(reply) };
    opts.write(opts.json ? JSON.stringify(out) : `${out.text}\n`);
    count++;
  }
  return count;
}
