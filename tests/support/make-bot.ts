import { allIntents } from '../../intents/index.js';
import { createBot, type Bot, type BotDeps } from '../../src/core/bot.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { createPlanSearch } from '../../src/core/plan-search.js';
import { renderPlainText } from '../../src/core/reply.js';
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

/** Sends one message as `user` and returns the reply with its plain text. */
export async function say(bot: Bot, text: string, user = 'alice', extra: { command?: boolean; channel?: string } = {}) {
  const r = await bot.handle({ text, user: { id: user }, platform: 'test', channel: extra.channel ?? 'test:general', command: extra.command });
  return { ...r, text: renderPlainText(r) };
}
