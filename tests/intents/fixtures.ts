import { allIntents } from '../../intents/index.js';
import { assignIntent, unassignIntent } from '../../intents/assign.js';
import { historyIntent } from '../../intents/history.js';
import { undoIntent } from '../../intents/undo.js';
import { updateStatusIntent } from '../../intents/update-status.js';
import { createBot, type BotDeps, type Incoming } from '../../src/core/bot.js';
import type { Clock } from '../../src/core/clock.js';
import type { Intent } from '../../src/core/intent.js';
import { silentLogger } from '../../src/core/logger.js';
import { createPlanSearch } from '../../src/core/plan-search.js';
import { renderPlainText } from '../../src/core/reply.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { platformOf } from '../../src/core/user-ids.js';
import { asUser } from '../support/make-bot.js';

/** The status-update intents, in the order intents/index.ts should list them (before list/show/ask). */
export const statusIntents = [updateStatusIntent, undoIntent, historyIntent, assignIntent, unassignIntent] as Intent[];

/** A clock the test moves forward: starts at 2021-06-07 09:00 Shanghai time. */
export function steppingClock(start = '2021-06-07T09:00:00+08:00'): Clock & { advance(minutes: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (m) => (now += m * 60_000) };
}

/** The real bot core over an in-memory store, admins ['alice']; override what a test is about. */
export async function testBot(overrides: Partial<BotDeps> = {}) {
  const plan = await loadPlan();
  const store = overrides.store ?? new MemoryStore();
  const clock = overrides.clock ?? steppingClock();
  const intents = [...statusIntents, ...allIntents.filter((i) => !statusIntents.some((s) => s.id === i.id))];
  const bot = createBot({ plan, search: createPlanSearch(plan), store, clock, timeZone: 'Asia/Shanghai', admins: ['alice'], logger: silentLogger, intents, ...overrides });
  /** Sends one message as `user` (a qualified id: its platform is the door) and returns the reply with its plain text. */
  const say = async (text: string, user = 'web:alice', extra: Partial<Incoming> = {}) => {
    const id = asUser(user);
    const r = await bot.handle({ text, user: { id }, platform: platformOf(id), ...extra });
    return { ...r, text: renderPlainText(r) };
  };
  return { bot, plan, store, clock, say };
}
