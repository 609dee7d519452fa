import { runConsoleChat } from './adapters/console/console-chat.js';
import { consoleText, DEFAULT_EXPORTS_DIR } from './adapters/console/save-files.js';
// The adapters are imported where `serve` starts them, so that `ask`, `list` and the other one-off
// commands never load Botkit or Bolt (issue 14: start fast).
import type { SlackRuntime } from './adapters/slack/index.js';
import type { WeComRuntime } from './adapters/wecom/index.js';
import type { Leadership } from './store/leadership.js';
import type { DingTalkRuntime } from './adapters/dingtalk/index.js';
import { createApp, localAdminPlatforms } from './app.js';
import { isListedAdmin, logAdminEntries, readAdminEntry } from './core/admins.js';
import { consoleUser } from './core/user-ids.js';
import type { Config } from './config/load-config.js';
import { systemClock, type Clock } from './core/clock.js';
import type { Logger } from './core/logger.js';
import { renderPlainText } from './core/reply.js';
import { postByPlatform } from './digest/digest-command.js';
import { startDigestScheduler } from './digest/scheduler.js';
import { startReminderScheduler } from './digest/reminders.js';
import type { UserId } from './core/user-ids.js';
import { processHolder, type OnceOnly } from './store/claims.js';
import type { EventStore } from './store/event-store.js';
import { openClaims, openStore } from './store/open-store.js';
import { healthReport, type AdapterHealth } from './core/health.js';
import { storeHealthProbe } from './serve-health.js';

/** What `serve` needs from outside: where to print, and the console's input when there is one. */
export interface ServeIo {
  stdout(text: string): void;
  /** Lines typed at the console; null when no one is at a terminal. */
  consoleLines: AsyncIterable<string> | null;
  /** Who is at the console. */
  consoleUser: string;
}

/** A running plan-bot: every adapter the environment configures, over one store. */
export interface Running {
  url: string;
  slack: SlackRuntime | null;
  wecom: WeComRuntime | null;
  dingtalk: DingTalkRuntime | null;
  stop(): Promise<void>;
}

/**
 * True when the environment configures the WeCom AI bot (WECOM_BOT_ID or WECOM_BOT_SECRET): one
 * without the other starts the adapter, which stops start-up saying which is missing.
 */
export function wecomConfigured(config: Config): boolean {
  return Boolean(config.wecom.botId || config.wecom.secret);
}

/** True when the environment configures Slack (a bot token, and a signing secret or an app token). */
export function slackConfigured(config: Config): boolean {
  return Boolean(config.slack.botToken && (config.slack.signingSecret || config.slack.appToken));
}

/**
 * True when the environment configures DingTalk (DINGTALK_CLIENT_ID or DINGTALK_CLIENT_SECRET): one
 * without the other starts the adapter, which stops start-up saying both must be set.
 */
export function dingtalkConfigured(config: Config): boolean {
  return Boolean(config.dingtalk.clientId || config.dingtalk.clientSecret);
}

/**
 * The composition root of `plan-bot serve`: config → store → plan and index → adapters (web chat
 * always, Slack when configured, the console when someone is at it) → the digest scheduler.
 * One process, one port, one store.
 */
export async function serve(config: Config, logger: Logger, io: ServeIo, clock: Clock = systemClock, extras: { leadership?: Leadership } = {}): Promise<Running> {
  const store = await openStore(config, logger);
  const stops: (() => Promise<void> | void)[] = [() => store.close()];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    // Digests and reminders are claimed before they are posted, so replicas on one database post each once.
    const claims = await openClaims(config, store);
    stops.push(() => claims.close());
    const once = { claims, holder: processHolder(), ttlMs: config.claimTtlMs };
    const { createWebAuth, fileUsedInvites, loadWebSecret, startWebChat, storeUsedInvites, usedInvitesFile, webInviteIssuer } = await import('./adapters/web/index.js');
    // Sign-in is wall-clock business, not plan time: links expire in real hours even under --now.
    const secret = await loadWebSecret({ secret: config.web.secret, db: config.db });
    let webUrl = config.web.publicUrl ?? '';
    const webInvites = webInviteIssuer({ secret, mode: config.web.auth, baseUrl: () => webUrl, baseUrlGuessed: !config.web.publicUrl });
    const app = await createApp(config, { store, clock, logger, webInvites });
    const auth = createWebAuth({
      mode: config.web.auth,
      secret,
      header: config.web.authHeader,
      trustedProxies: config.web.trustedProxies,
      // Replicas share the used links in the database: a link used on one does not work on another.
      usedInvites: config.databaseUrl ? storeUsedInvites(await sharedOnceKeys(store)) : await fileUsedInvites(usedInvitesFile(config.db), () => Date.now()),
    });
    logAdminEntries(config.admins, logger, localAdminPlatforms(config));
    // What GET /healthz reports: the store, and each adapter as it starts.
    let chat: { readonly chatReady: boolean } | null = null;
    let slackStarted = false;
    let dingtalkStarted = false;
    let wecomState = 'stopped';
    const adapters = (): Record<string, AdapterHealth> => ({
      web: { configured: true, started: chat?.chatReady ?? false },
      slack: { configured: slackConfigured(config), started: slackStarted },
      dingtalk: { configured: dingtalkConfigured(config), started: dingtalkStarted },
      wecom: { configured: wecomConfigured(config), started: wecomState !== 'stopped' },
    });
    const health = () => healthReport({ store: storeHealthProbe(store, { kind: 'file', file: config.db }), adapters });
    const web = await startWebChat({ app, port: config.port, host: config.host, logger, auth, filesSecret: secret, health });
    chat = web;
    stops.push(() => web.stop());
    webUrl ||= web.url;
    const slack = slackConfigured(config) ? await (await import('./adapters/slack/index.js')).startSlack({ app, config, logger, listen: { server: web.server }, ...(await slackOnce(config, store, once)) }) : null;
    if (slack) stops.push(() => slack.stop());
    // One live WeCom connection per bot: with several replicas, `extras.leadership` elects the one holding it.
    const leadership = extras.leadership ?? (config.databaseUrl ? await pgLeadership(config.databaseUrl) : undefined);
    const wecom = wecomConfigured(config) ? await (await import('./adapters/wecom/index.js')).startWeCom({ bot: app.bot, config, logger, ...(leadership ? { leadership } : {}) }) : null;
    if (wecom) stops.push(() => wecom.stop());
    const dingtalk = dingtalkConfigured(config) ? await (await import('./adapters/dingtalk/index.js')).startDingTalk({ app, config, logger }) : null;
    if (dingtalk) stops.push(() => dingtalk.stop());
    slackStarted = slack !== null;
    dingtalkStarted = dingtalk !== null;
    wecomState = wecom ? 'started' : 'stopped';
    const scheduler = startDigestScheduler({
      plan: app.plan,
      store,
      clock,
      timeZone: config.timeZone,
      cron: config.digestCron,
      logger,
      once,
      options: { reporting: app.reporting },
      // Each posted digest carries the progress chart (drawn only when posting).
      files: (await import('./charts/digest-chart.js')).digestChartFiles(logger),
      post: postByPlatform({
        web: web.postToWeb,
        ...(slack ? { slack: slack.post } : {}),
        ...(wecom ? { wecom: wecom.post } : {}),
        ...(dingtalk ? { dingtalk: dingtalk.post } : {}),
        // A digest's files (a chart) are saved in exports/ and their paths printed.
        console: async (_channel, reply) => io.stdout((await consoleText(reply, DEFAULT_EXPORTS_DIR)).text),
      }),
    });
    stops.push(() => scheduler.stop());
    // Reminders (催办) beside the digests: direct messages the working day before and on the due day.
    const reminders = startReminderScheduler({
      plan: app.plan,
      store,
      clock,
      schedule: app.reporting,
      logger,
      once,
      post: postByPlatform({
        web: (user, reply) => web.postToWebUser(user as UserId, reply),
        ...(slack ? { slack: slack.dm } : {}),
        ...(wecom ? { wecom: wecom.dm } : {}),
        ...(dingtalk ? { dingtalk: dingtalk.dm } : {}),
        console: async (user, reply) => io.stdout(`Reminder for ${user}:\n${renderPlainText(reply)}`),
      }),
    });
    stops.push(() => reminders.stop());
    io.stdout(
      `plan-bot is serving “${app.plan.title.en}”.\n` +
        `  Web chat: ${web.url}${config.web.publicUrl && config.web.auth !== 'local' ? ` (people open ${config.web.publicUrl})` : ''}${webSignInNote(config)}\n` +
        (slack ? `  Slack: ${slack.mode === 'socket' ? 'Socket Mode' : `${web.url}slack/events`} as ${slack.identity.botUserId}\n` : '  Slack: not configured (see .env.example)\n') +
        `  WeCom: ${wecom ? (wecom.state() === 'standby' ? `bot ${config.wecom.botId} standing by (another replica holds its connection)` : `connected as bot ${config.wecom.botId}`) : 'not configured (see docs/wecom.md)'}\n` +
        (dingtalk ? `  DingTalk: connected in Stream mode as robot ${dingtalk.robotCode}\n` : '  DingTalk: not configured (see docs/dingtalk.md)\n') +
        `  Digests: "${config.digestCron}" in ${config.timeZone}; next ${scheduler.nextRun()?.toISOString() ?? 'never'}\n` +
        `  Reports due: "${config.reportDue}" in ${config.timeZone} on China's working calendar; reminders at 09:00 the working day before and on the due day\n` +
        (io.consoleLines ? `  Console: ${consoleWho(config, io.consoleUser)}; type a question or /plan help below; Ctrl+C stops.\n` : ''),
    );
    if (io.consoleLines) {
      void runConsoleChat(io.consoleLines, { bot: app.bot, user: io.consoleUser, write: io.stdout }).catch((err) => logger.error({ err }, 'the console stopped'));
    }
    return { url: web.url, slack, dingtalk, wecom, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * Where the Slack adapter keeps what must happen once: beside the state file for the file backend (the
 * command inbox file, event ids in memory); in the shared database for replicas (inbox rows, event claims).
 */
async function slackOnce(config: Config, store: EventStore, once: OnceOnly) {
  if (!config.databaseUrl) return { inboxFile: `${config.db}.slack-inbox` };
  const [{ openPgInbox }, { claimsGate }, { pgPoolOf }] = await Promise.all([import('./adapters/slack/pg-inbox.js'), import('./adapters/slack/event-dedupe.js'), import('./store/pg-store.js')]);
  return { inbox: await openPgInbox(pgPoolOf(store), config.databaseUrl, once.holder), eventGate: claimsGate(once), replays: await sharedOnceKeys(store) };
}

/** The once-keys in the shared database (Slack replays, used sign-in links), for replicas. */
async function sharedOnceKeys(store: EventStore) {
  const [{ pgOnceKeys }, { pgPoolOf }] = await Promise.all([import('./store/pg-once-keys.js'), import('./store/pg-store.js')]);
  return pgOnceKeys(pgPoolOf(store));
}

/** Who the terminal of `serve` types as, and whether that is an admin (else how to become one), for the start-up message. */
function consoleWho(config: Config, user: string): string {
  const id = consoleUser(user.replace(/^console:/i, ''));
  const admin = localAdminPlatforms(config).includes('console') || isListedAdmin(config.admins, id);
  if (admin) return `you are ${id} (an admin)`;
  // --user helps only when some entry can name a console user (a bare name, or console:NAME).
  const forConsole = config.admins.some((e) => {
    const a = readAdminEntry(e);
    return a.kind === 'name' || (a.kind === 'user' && a.id.startsWith('console:'));
  });
  if (forConsole) return `you are ${id}, not an admin: start with --user NAME (plan-bot serve --user NAME) to type as one of PLANBOT_ADMINS`;
  return `you are ${id}, not an admin: PLANBOT_ADMINS (${config.admins.join(',')}) names no console user, so --user cannot make this terminal an admin; add a bare NAME (web and console) or console:NAME to it and start with --user NAME`;
}

/** How people sign in to the web chat, for the start-up message. */
function webSignInNote(config: Config): string {
  if (config.web.auth === 'local') return ' (this machine only; choose a name)';
  if (config.web.auth === 'proxy') return ` (signed in by the proxy's ${config.web.authHeader} header from ${config.web.trustedProxies.join(', ')})`;
  return ` (sign-in links: plan-bot web invite NAME${config.web.publicUrl ? '' : '; set PLANBOT_WEB_URL to the address people open'})`;
}

/** Leadership among replicas sharing one PostgreSQL database: a session advisory lock per name (pg loaded only here). */
async function pgLeadership(url: string): Promise<Leadership> {
  const { tryLead } = await import('./store/pg-leadership.js');
  return { tryLead: (name) => tryLead(url, name) };
}
