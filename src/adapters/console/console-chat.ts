import type { Bot } from '../../core/bot.js';
import type { Reply } from '../../core/reply.js';
import { consoleUser } from '../../core/user-ids.js';
import { consoleText, DEFAULT_EXPORTS_DIR } from './save-files.js';

/** Options of the console adapter: who is typing, in which channel, and how replies are printed. */
export interface ConsoleChatOptions {
  bot: Bot;
  /** Who is typing, as given (`--user Bob`): the user is `console:bob`. */
  user: string;
  channel?: string;
  json?: boolean;
  write(text: string): void;
  /** Where to say that a proposal was left waiting when the input ended (stderr); not said when absent. */
  notice?(text: string): void;
  /** The folder where files carried by replies (a ledger, a chart) are saved; default `exports`. */
  filesDir?: string;
}

/** One console exchange in the contract's JSON shape. */
export interface ConsoleLine {
  input: string;
  ok: boolean;
  text: string;
  /** Paths of the files the reply carried, as saved (only when there were any). */
  files?: string[];
}

/**
 * The console adapter: each input line is a chat message from the user (slash commands typed as
 * `/plan …`); each reply is printed in turn, as plain text or as one JSON object a line. Files a reply
 * carries are saved in `filesDir` and their paths printed.
 */
export async function runConsoleChat(lines: AsyncIterable<string>, opts: ConsoleChatOptions): Promise<number> {
  let count = 0;
  let waiting: { lang: Reply['lang']; item: string | null } | null = null;
  const user = consoleUser(opts.user.replace(/^console:/i, ''));
  for await (const raw of lines) {
    const input = raw.replace(/\r$/, '');
    if (input.trim() === '') continue;
    const reply = await opts.bot.handle({
      text: input,
      user: { id: user, name: opts.user },
      platform: 'console',
      // "--channel general" and "--channel console:general" are the same channel (as --user is).
      channel: `console:${(opts.channel ?? 'local').replace(/^console:/i, '')}`,
    });
    if (isProposal(reply)) waiting = { lang: reply.lang, item: reply.matches[0]?.id ?? null };
    else if (reply.intent === 'confirm-proposal' || reply.intent === 'cancel-proposal') waiting = null;
    const shown = await consoleText(reply, opts.filesDir ?? DEFAULT_EXPORTS_DIR);
    const out: ConsoleLine = { input, ok: !reply.error, text: shown.text, ...(shown.files.length ? { files: shown.files } : {}) };
    opts.write(opts.json ? JSON.stringify(out) : `${out.text}\n`);
    count++;
  }
  // A proposal lives in this process only: once the input ends, nobody can confirm it.
  if (waiting && opts.notice) opts.notice(endedNotice(waiting.lang, waiting.item));
  return count;
}

/** A reply that proposes a write: it offers `/plan confirm TOKEN`. */
function isProposal(reply: Reply): boolean {
  return reply.blocks.some((b) => b.type === 'actions' && b.buttons.some((x) => x.command.startsWith('/plan confirm ')));
}

function endedNotice(lang: Reply['lang'], item: string | null): string {
  return lang === 'zh'
    ? `对话已结束，待确认的报告未记录。如需直接记录，请以“更新”开头重新发送：/plan 更新 ${item ?? 'ID'} …`
    : `The report waiting for confirmation was not recorded: the chat ended. To record at once, send it again starting with “update”: /plan update ${item ?? 'ID'} …`;
}
