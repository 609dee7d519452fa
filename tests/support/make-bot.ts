import { allIntents } from '../../intents/index.js';
import { createBot, type Bot, type BotDeps } from '../../src/core/bot.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { createPlanSearch } from '../../src/core/plan-search.js';
import { renderPlainText } from '../../src/core/reply.js';
import { parseUserId, platformOf, type UserId } from '../../src/core/user-ids.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { MemoryStore } from '../../src/store/memory-store.js';

const plan = await loadPlan();
const search = createPlanSearch(plan);

/** A bot over the real 2021 plan, an empty in-memory store and a fixed clock; override what a test needs. */
export function makeBot(overrides: Partial<BotDeps> = {}): Bot & { deps: BotDeps } {
  const deps: BotDeps = {
    plan,
    search,
    store: new MemoryStore(),
    clock: fixedClock('2021-06-07T09:00:00+08:00'),
    timeZone: 'Asia/Shanghai',
    admins: ['admin'],
    logger: silentLogger,
    intents: allIntents,
    ...overrides,
  };
  return { ...createBot(deps), deps };
}

/** A qualified user id as an adapter would make it (`web:alice`, `slack:U0123`, `console:erin`); throws on a bare one. */
export function asUser(id: string): UserId {
  const user = parseUserId(id);
  if (!user) throw new Error(`tests speak as real users: write a qualified id such as web:alice, not ${JSON.stringify(id)}`);
  return user;
}

/**
 * Sends one message as `user` (a qualified id; its platform is the door the message comes through)
 * and returns the reply with its plain text.
 */
export async function say(bot: Bot, text: string, user = 'web:alice', extra: { command?: boolean; channel?: string } = {}) {
  const id = asUser(user);
  const platform = platformOf(id);
  const r = await bot.handle({ text, user: { id }, platform, channel: extra.channel ?? `${platform}:general`, command: extra.command });
  return { ...r, text: renderPlainText(r) };
}
