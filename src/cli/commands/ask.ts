import { renderPlainText } from '../../core/reply.js';
import { consoleUser } from '../../core/user-ids.js';
import type { App } from '../../app.js';

/** One answer in the contract's JSON shape. */
export interface AskResult {
  question: string;
  lang: 'en' | 'zh';
  intent: string;
  matches: { id: string; score: number }[];
  text: string;
}

/** Answers one question as `plan-bot ask` does: through the bot core, as the console user. */
export async function askOne(app: App, question: string, user = 'cli'): Promise<AskResult> {
  const r = await app.bot.handle({ text: question, user: { id: consoleUser(user) }, platform: 'cli' });
  return { question, lang: r.lang, intent: r.intent, matches: r.matches, text: renderPlainText(r) };
}
