import { allIntents } from '../intents/index.js';
import type { Config } from './config/load-config.js';
import { createBot, type Bot } from './core/bot.js';
import type { Clock } from './core/clock.js';
import type { Logger } from './core/logger.js';
import type { WebInviteIssuer } from './core/intent.js';
import type { PlanSearch } from './core/plan-search.js';
import { loadPlanSearch } from './core/plan-cache/cached-plan.js';
import type { Plan } from './plan/schema.js';
import type { EventStore } from './store/event-store.js';
import { loadReportingSchedule } from './digest/load-reporting-schedule.js';
import type { ReportingSchedule } from './digest/reporting-cycle.js';

/** The assembled core: plan, search index, store and bot, shared by every adapter and CLI command. */
export interface App {
  config: Config;
  plan: Plan;
  search: PlanSearch;
  store: EventStore;
  clock: Clock;
  logger: Logger;
  bot: Bot;
  /** When reports are due, on China's working calendar (PLANBOT_REPORT_DUE, PLANBOT_WORKING_DAYS). */
  reporting: ReportingSchedule;
}

/** Loads the plan and its index (from the cache when current) and wires the bot over the given store and clock. */
export async function createApp(config: Config, deps: { store: EventStore; clock: Clock; logger: Logger; webInvites?: WebInviteIssuer }): Promise<App> {
  const { plan, search } = await loadPlanSearch({ planId: config.planId, plansDir: config.plansDir, cacheDir: config.cacheDir, logger: deps.logger });
  const reporting = await loadReportingSchedule(config, deps.logger);
  const bot = createBot({
    plan,
    search,
    store: deps.store,
    clock: deps.clock,
    timeZone: config.timeZone,
    admins: config.admins,
    localAdminPlatforms: localAdminPlatforms(config),
    logger: deps.logger,
    intents: allIntents,
    reporting,
    ...(deps.webInvites ? { webInvites: deps.webInvites } : {}),
  });
  return { config, plan, search, bot, store: deps.store, clock: deps.clock, logger: deps.logger, reporting };
}

/**
 * The embedded default has no credentials and no admin list: then whoever sits at this machine (the
 * console, and the web chat while it listens on loopback only) may do everything. Once PLANBOT_ADMINS
 * is set, only the users it names are admins, on every platform.
 */
export function localAdminPlatforms(config: Pick<Config, 'admins' | 'web'>): string[] {
  if (config.admins.length > 0) return [];
  // The web chat is local only on loopback with no sign-in (a proxy on this machine makes it remote).
  return ['console', 'cli', ...(config.web.auth === 'local' ? ['web'] : [])];
}
