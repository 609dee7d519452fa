import { createBot, type BotDeps } from '../../src/core/bot.js';
import { renderPlainText } from '../../src/core/reply.js';
import { asUser, makeBot } from '../support/make-bot.js';

/** The admin of these tests, as the web adapter names them. */
export const ADMIN = 'web:admin';

/** A bot over the real plan with an empty store, where `web:admin` is admin; override what a test needs. */
export function recordsBot(overrides: Partial<BotDeps> = {}) {
  const base = makeBot({ admins: [ADMIN], ...overrides });
  const bot = createBot(base.deps);
  return { bot, deps: base.deps, store: base.deps.store };
}

/** Sends one message from a qualified user on the web platform (typed text, as a button's command arrives too). */
export async function talk(bot: ReturnType<typeof createBot>, text: string, user = ADMIN, channel = 'web:room-1') {
  const r = await bot.handle({ text, user: { id: asUser(user) }, platform: user.split(':')[0]!, channel });
  return { ...r, text: renderPlainText(r) };
}

/** The token of a proposal's Record button (`/plan confirm TOKEN`), or null when the reply proposes nothing. */
export function proposalToken(r: { blocks: { type: string; buttons?: { command: string }[] }[] }): string | null {
  for (const b of r.blocks) {
    for (const button of b.buttons ?? []) {
      const m = /^\/plan confirm ([0-9a-f]{8})$/.exec(button.command);
      if (m) return m[1]!;
    }
  }
  return null;
}
