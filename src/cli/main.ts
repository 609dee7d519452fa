import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config/load-config.js';
import { PlanDataError, StartupError, UsageError, UserError } from '../errors.js';
import { fixedClock, systemClock } from '../core/clock.js';
import { createLogger } from '../core/logger.js';
import type { EventStore } from '../store/event-store.js';
import type { PostDigest } from '../digest/scheduler.js';
import type { Logger } from '../core/logger.js';
import type { Claims, OnceOnly } from '../store/claims.js';
import type { Lang } from '../core/reply.js';
import type { CliIo } from './io.js';
// Everything else is imported by the command that uses it, so that a one-off command loads only what it
// needs (issue 14: start fast): `ask` loads neither the scheduler nor the digest nor any adapter.
const loadPlan = async (...args: Parameters<typeof import('../plan/load-plan.js').loadPlan>) => (await import('../plan/load-plan.js')).loadPlan(...args);
const findItem = async (...args: Parameters<typeof import('../core/find-item.js').findItem>) => (await import('../core/find-item.js')).findItem(...args);
const openFileStore = async (...args: Parameters<typeof import('../store/file-store.js').openFileStore>) => (await import('../store/file-store.js')).openFileStore(...args);
const openSnapshotStore = async (...args: Parameters<typeof import('../store/open-store.js').openSnapshotStore>) => (await import('../store/open-store.js')).openSnapshotStore(...args);
const openStore = async (...args: Parameters<typeof import('../store/open-store.js').openStore>) => (await import('../store/open-store.js')).openStore(...args);
const openClaims = async (...args: Parameters<typeof import('../store/open-store.js').openClaims>) => (await import('../store/open-store.js')).openClaims(...args);

const USAGE = `Usage: plan-bot <command> [options]

Commands:
  list [--json]                 every plan item
  show ID [--json]              one item with its targets and status
  history ID [--json]           every recorded update of an item, newest first
  ingest FILE [--json] [--save ID]
                                parse a work-plan document; --save keeps it as plan ID
  ask [--json] [QUESTION]       answer a question (no QUESTION: one per stdin line)
  chat [--json] --user USER [--channel C] [--out DIR]
                                chat on the console: each stdin line is a message from USER (files saved in DIR, default exports/)
  digest [--json] [--channel C] the weekly digest as it would be posted at --now
  digest --post-due [--json]    post every subscribed channel's due digest once (for a system cron)
  remind --due [--json]         send the due reminders (催办) of the reporting cycle once (for a system cron)
  chart [--indicator ID] [--lang zh|en] [--format png|svg] --out FILE
                                every quantified target against its pace (or one target week by week) as a picture
  report --year YYYY [--format md|docx] [--lang zh|en] [--out FILE]
                                the year-end report against targets (md to stdout without --out)
  repair [--json]               salvage every complete event of a damaged state file (--db), keeping a copy
  serve [--user NAME]           run the web chat (and Slack when configured), the console (typing as console:NAME) and the digest schedule
  web invite NAME [--json]      print a one-time sign-in link to the web chat for NAME (valid 24 hours)
  export [--format xlsx|csv|md] [--week DATE] [--lang zh|en] [--sheet ledger|history|indicators] [--out FILE]
                                the ledger (台账): one row per item, unit and target (md to stdout without --out)
  migrate --to URL [--json]     copy every event of the state file (--db, journal included) into an empty
                                PostgreSQL database, verified; then set PLANBOT_DATABASE_URL=URL

Global options:
  --db FILE        state file (default: env PLANBOT_DB, else data/state.json)
  --plan ID        which plan to load (default: henan-2021)
  --now ISO-8601   pretend the current time is this
  -h, --help       this text`;

const OPTIONS = {
  json: { type: 'boolean' },
  db: { type: 'string' },
  plan: { type: 'string' },
  now: { type: 'string' },
  save: { type: 'string' },
  user: { type: 'string' },
  channel: { type: 'string' },
  'post-due': { type: 'boolean' },
  due: { type: 'boolean' },
  indicator: { type: 'string' },
  lang: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  year: { type: 'string' },
  week: { type: 'string' },
  sheet: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Runs one plan-bot command line and returns its exit code: 0 success, 1 user error (message on
 * stderr saying how to fix it), 2 bad usage. Everything outside is reached through `io`.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof UserError) {
      io.stderr(`${err.text.en}\n${err.text.zh}`);
      return 1;
    }
    if (err instanceof PlanDataError || err instanceof ConfigError || err instanceof StartupError) {
      io.stderr(err.message);
      return 1;
    }
    throw err;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || !command) {
    io.stdout(USAGE);
    return values.help ? 0 : 2;
  }
  const config = configFrom(io.env, values);
  const json = values.json ?? false;

  switch (command) {
    case 'list': {
      noMoreArgs(command, args, 0);
      const { listCommand } = await import('./commands/list.js');
      io.stdout(listCommand(await loadPlan(config.planId, config.plansDir), json));
      return 0;
    }
    case 'show': {
      noMoreArgs(command, args, 1);
      if (!args[0]) throw new UsageError('show needs an item id, e.g. plan-bot show T9');
      const plan = await loadPlan(config.planId, config.plansDir);
      const item = await findItem(plan, args[0]);
      const store = await openSnapshotStore(config);
      const [{ currentStates, EMPTY_STATE }, { showCommand }, { currentUnits }] = await Promise.all([import('../store/item-state.js'), import('./commands/show.js'), import('../store/unit-state.js')]);
      const state = currentStates(store.events(), plan).get(item.id) ?? EMPTY_STATE;
      io.stdout(showCommand(plan, item.id, state, json, config.timeZone, clockFrom(values.now).now(), currentUnits(store.events(), plan)));
      return 0;
    }
    case 'history': {
      noMoreArgs(command, args, 1);
      if (!args[0]) throw new UsageError('history needs an item id, e.g. plan-bot history T9');
      const plan = await loadPlan(config.planId, config.plansDir);
      const item = await findItem(plan, args[0]);
      const events = (await openSnapshotStore(config)).events();
      const [{ historyJson, itemHistory }, { currentUnits }, { historyLines }, { unitName }] = await Promise.all([import('../store/item-history.js'), import('../store/unit-state.js'), import('../../intents/history.js'), import('../core/resolve-unit.js')]);
      const entries = itemHistory(events, plan.id, item.id);
      // Units by name ("zl for Zhoukou"), as the chat's history shows them.
      const units = currentUnits(events, plan).units;
      io.stdout(json ? JSON.stringify(historyJson(entries), null, 2) : entries.length ? historyLines(entries, item, 'en', config.timeZone, (u) => unitName(units, u, 'en')).join('\n') : `No updates of ${item.id} yet.`);
      return 0;
    }
    case 'ingest': {
      noMoreArgs(command, args, 1);
      if (!args[0]) throw new UsageError('ingest needs a file, e.g. plan-bot ingest plan.txt');
      const source = await readDocument(io, args[0]);
      const { ingestCommand } = await import('./commands/ingest.js');
      const outcome = await ingestCommand(source, { json, save: values.save, plansDir: config.plansDir });
      if (outcome.ok) io.stdout(outcome.output);
      else if (json) io.stdout(outcome.output);
      else io.stderr(outcome.output);
      return outcome.ok ? 0 : 1;
    }
    case 'ask': {
      const app = await openApp(config, values.now, await openSnapshotStore(config));
      const { askOne } = await import('./commands/ask.js');
      const answer = async (q: string) => {
        const r = await askOne(app, q);
        io.stdout(json ? JSON.stringify(r) : `${r.text}\n`);
      };
      if (args.length > 0) await answer(args.join(' '));
      else for await (const line of io.stdinLines()) if (line.trim()) await answer(line);
      return 0;
    }
    case 'chat': {
      noMoreArgs(command, args, 0);
      if (!values.user) throw new UsageError('chat needs --user USER (who is typing), e.g. plan-bot chat --user alice');
      const [{ userOn }, { logAdminEntries }, { runConsoleChat }] = await Promise.all([import('../core/user-ids.js'), import('../core/admins.js'), import('../adapters/console/console-chat.js')]);
      if (!userOn('console', values.user.replace(/^console:/i, ''))) throw new UsageError(`--user ${values.user}: a console user is a name without spaces, e.g. --user alice (the user is console:alice)`);
      const logger = createLogger(config.logLevel);
      if (config.admins.length) logAdminEntries(config.admins, logger);
      const app = await openApp(config, values.now, await openStore(config, logger));
      await runConsoleChat(io.stdinLines(), { bot: app.bot, user: values.user, channel: values.channel, json, write: io.stdout, notice: io.stderr, ...(values.out ? { filesDir: values.out } : {}) });
      await app.store.close();
      return 0;
    }
    case 'digest': {
      noMoreArgs(command, args, 0);
      const [{ digestCommand, postByPlatform, postDueCommand }, { loadReportingSchedule }, { renderPlainText }, { deriveSubscriptions }] = await Promise.all([
        import('../digest/digest-command.js'),
        import('../digest/load-reporting-schedule.js'),
        import('../core/reply.js'),
        import('../digest/subscriptions.js'),
      ]);
      if (values['post-due']) {
        const { consoleText, DEFAULT_EXPORTS_DIR } = await import('../adapters/console/save-files.js');
        return runOneOffTick(config, io, async ({ store, once, logger }) =>
          postDueCommand({
            plan: await loadPlan(config.planId, config.plansDir),
            store,
            once,
            clock: clockFrom(values.now),
            timeZone: config.timeZone,
            cron: config.digestCron,
            options: { reporting: await loadReportingSchedule(config, logger) },
            // Loaded here only: vega and resvg are for posting, not for the other commands.
            files: (await import('../charts/digest-chart.js')).digestChartFiles(logger),
            json,
            // Console channels are this terminal: their digest is printed (in --json, as part of the report).
            // Files the digest carries (a chart) are saved in --out DIR (default exports/), their paths printed.
            post: postByPlatform({ console: async (_c, reply) => (json ? undefined : io.stdout((await consoleText(reply, values.out ?? DEFAULT_EXPORTS_DIR)).text)), ...(await oneOffPosters(config, logger, 'posts')) }),
          }),
        );
      }
      const plan = await loadPlan(config.planId, config.plansDir);
      const store = await openSnapshotStore(config);
      // A bare channel name is a console channel, as `chat --channel NAME` names it.
      const channel = values.channel === undefined ? undefined : values.channel.includes(':') ? values.channel : `console:${values.channel}`;
      if (channel && !deriveSubscriptions(store.events(), plan.id).has(channel)) {
        io.stderr(`${channel} is not subscribed: showing the whole plan in both languages. Subscribe it with /plan subscribe in that channel.`);
      }
      const reporting = await loadReportingSchedule(config, createLogger(config.logLevel));
      io.stdout(digestCommand({ plan, events: store.events(), now: clockFrom(values.now).now(), timeZone: config.timeZone, channel, json, options: { reporting } }));
      return 0;
    }
    case 'remind': {
      noMoreArgs(command, args, 0);
      if (!values.due) throw new UsageError('remind needs --due: plan-bot remind --due [--json] sends the reminders due now, once');
      const [{ remindDueCommand }, { postByPlatform }, { loadReportingSchedule }, { renderPlainText }] = await Promise.all([
        import('../digest/remind-command.js'),
        import('../digest/digest-command.js'),
        import('../digest/load-reporting-schedule.js'),
        import('../core/reply.js'),
      ]);
      return runOneOffTick(config, io, async ({ store, once, logger }) =>
        remindDueCommand({
          plan: await loadPlan(config.planId, config.plansDir),
          store,
          once,
          clock: clockFrom(values.now),
          schedule: await loadReportingSchedule(config, logger),
          json,
          // Console users are at this terminal: their reminder is printed (in --json, as part of the report).
          post: postByPlatform({ console: async (user, reply) => (json ? undefined : io.stdout(`Reminder for ${user}:\n${renderPlainText(reply)}`)), ...(await oneOffPosters(config, logger, 'dms')) }),
        }),
      );
    }
    case 'chart': {
      noMoreArgs(command, args, 0);
      const lang = langOf(values.lang);
      const plan = await loadPlan(config.planId, config.plansDir);
      const events = (await openSnapshotStore(config)).events();
      const { chartCommand } = await import('./commands/chart.js');
      const file = await chartCommand({ plan, events, now: clockFrom(values.now).now(), timeZone: config.timeZone, indicator: values.indicator, lang, format: values.format, out: values.out });
      if (!values.out) {
        io.stdout(new TextDecoder().decode(file.data));
        return 0;
      }
      await writeOut(io, values.out, file.data);
      io.stdout(json ? JSON.stringify({ out: values.out, name: file.name, mediaType: file.mediaType, bytes: file.data.length, title: file.title }) : `${file.title}: ${values.out}`);
      return 0;
    }
    case 'report': {
      noMoreArgs(command, args, 0);
      if (!values.year || !/^\d{4}$/.test(values.year)) throw new UsageError('report needs --year YYYY, e.g. plan-bot report --year 2021');
      const format = (values.format ?? (values.out && /\.docx$/i.test(values.out) ? 'docx' : 'md')).toLowerCase();
      if (format !== 'md' && format !== 'docx') throw new UsageError(`--format ${values.format}: the report is md or docx`);
      if (format === 'docx' && !values.out) throw new UsageError('report --format docx needs --out FILE.docx (a Word file is not written to the terminal)');
      const plan = await loadPlan(config.planId, config.plansDir);
      const events = (await openSnapshotStore(config)).events();
      const { yearReport } = await import('../report/year-report.js');
      const file = await yearReport({ plan, events, year: Number(values.year), now: clockFrom(values.now).now(), timeZone: config.timeZone, lang: langOf(values.lang) }, format);
      if (!values.out) {
        io.stdout(new TextDecoder().decode(file.data).trimEnd());
        return 0;
      }
      await writeOut(io, values.out, file.data);
      io.stdout(json ? JSON.stringify({ out: values.out, name: file.name, mediaType: file.mediaType, bytes: file.data.length }) : `Year-end report ${values.year} (${format}): ${values.out}`);
      return 0;
    }
    case 'repair': {
      noMoreArgs(command, args, 0);
      const { repairStateFile, repairText } = await import('../store/repair-state.js');
      const report = await repairStateFile(config.db);
      if (json) io.stdout(JSON.stringify(report, null, 2));
      else if (report.ok) io.stdout(repairText(report));
      else io.stderr(repairText(report));
      // The store is the database then: say so rather than let "no file" read as the store being gone.
      if (config.databaseUrl && !json) io.stderr('Note: PLANBOT_DATABASE_URL is set, so the store is that PostgreSQL database, which repair does not touch (it mends a state file only); to recover the database, restore a dump (Backups in docs/deploy.md).');
      return report.ok ? 0 : 1;
    }
    case 'serve': {
      noMoreArgs(command, args, 0);
      const logger = createLogger(config.logLevel);
      const { serve } = await import('../main.js');
      const running = await serve(config, logger, { stdout: io.stdout, consoleLines: io.terminalLines(), consoleUser: values.user ?? 'local' }, clockFrom(values.now));
      await io.stopRequested();
      await running.stop();
      return 0;
    }
    case 'web': {
      noMoreArgs(command, args, 2);
      if (args[0] !== 'invite' || !args[1]) throw new UsageError('web needs a sub-command: plan-bot web invite NAME, e.g. plan-bot web invite bob');
      // Imported here only: the web adapter loads Botkit, which no other one-off command needs.
      const { chatUrl, loadWebSecret, webInviteIssuer } = await import('../adapters/web/index.js');
      if (!config.web.secret) {
        // The secret file goes beside the state file: the same check as serve's (a folder that is a file, /proc, …).
        const [{ prepareStatePath }, { nodeFs }] = await Promise.all([import('../store/state-path.js'), import('../store/store-fs.js')]);
        await prepareStatePath(config.db, nodeFs);
      }
      const secret = await loadWebSecret({ secret: config.web.secret, db: config.db });
      const base = config.web.publicUrl ?? chatUrl(config.host, config.port);
      const issued = webInviteIssuer({ secret, mode: config.web.auth, baseUrl: () => base }).issue(args[1]);
      const expiresAt = issued.expiresAt.toISOString();
      io.stdout(json ? JSON.stringify({ url: issued.url, user: issued.userId, expiresAt }) : `${issued.url}\n`);
      if (!json) io.stderr(`One-time sign-in link for ${issued.userId}, valid until ${expiresAt}; whoever opens it first is signed in as ${issued.userId}.`);
      if (config.web.auth === 'local') io.stderr('Note: the web chat listens on this machine only (HOST is loopback) and needs no sign-in; the link matters once HOST or PLANBOT_WEB_AUTH change.');
      else if (!config.web.publicUrl) io.stderr(`Note: PLANBOT_WEB_URL is unset, so the link points at ${base}; set it to the address people open.`);
      return 0;
    }
    case 'export': {
      noMoreArgs(command, args, 0);
      const plan = await loadPlan(config.planId, config.plansDir);
      const store = await openSnapshotStore(config);
      const { exportCommand } = await import('./commands/export.js');
      const outcome = await exportCommand({ plan, events: store.events(), now: clockFrom(values.now).now(), timeZone: config.timeZone, format: values.format, week: values.week, lang: values.lang, sheet: values.sheet, out: values.out }).catch((err: unknown) => {
        // An unknown --format, --lang or --sheet is bad usage (exit 2), as it is for chart and report.
        if (err instanceof UserError && ['export.format', 'export.lang', 'export.sheet'].includes(err.id)) throw new UsageError(`${err.text.en}\n${err.text.zh}`);
        throw err;
      });
      io.stdout(outcome.stdout);
      if (outcome.stderr) io.stderr(outcome.stderr);
      return 0;
    }
    case 'migrate': {
      noMoreArgs(command, args, 0);
      if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) throw new UsageError('migrate needs --to postgres://USER@HOST:PORT/DATABASE, e.g. plan-bot migrate --to "$PLANBOT_DATABASE_URL" --db data/state.json');
      const { migrateFileToPg, migrationText } = await import('./commands/migrate.js');
      const report = await migrateFileToPg(config.db, values.to);
      io.stdout(json ? JSON.stringify(report, null, 2) : migrationText(report));
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** The core over a store: read-only for questions, the locked file store for chat. */
async function openApp(config: Config, now: string | undefined, store: EventStore) {
  const { createApp } = await import('../app.js');
  return createApp(config, { store, clock: clockFrom(now), logger: createLogger(config.logLevel) });
}

function clockFrom(now: string | undefined) {
  if (now === undefined) return systemClock;
  if (Number.isNaN(Date.parse(now))) throw new UsageError(`--now needs an ISO-8601 time such as 2021-06-07T09:00:00+08:00, not "${now}"`);
  return fixedClock(now);
}

/**
 * What a one-off `digest --post-due` (`posts`: channels) or `remind --due` (`dms`: people) can reach:
 * Slack through the Web API and DingTalk through its OpenAPI, when configured. Web chat and WeCom are
 * left to the running `serve` (said, not failed).
 */
async function oneOffPosters(config: Config, logger: Logger, to: 'posts' | 'dms'): Promise<Record<string, PostDigest>> {
  const { dingtalkConfigured, slackConfigured } = await import('../main.js');
  const posters: Record<string, PostDigest> = await oneOffLeftToServe(config);
  if (dingtalkConfigured(config)) {
    const dingtalk = (await import('../adapters/dingtalk/index.js')).dingtalkOneOffPosters(config);
    posters.dingtalk = to === 'posts' ? dingtalk.post : dingtalk.dm;
  }
  if (slackConfigured(config)) {
    posters.slack = to === 'posts' ? (await import('../adapters/slack/post-to-slack.js')).slackPoster(config.slack, logger) : (await import('../adapters/slack/direct-message.js')).slackDirectPoster(config.slack, logger);
  }
  return posters;
}

/**
 * Runs a one-off tick (`digest --post-due`, `remind --due`) over the writable store and its claims,
 * prints what it did and closes both; exit 0 when every post went out (or was left to `serve`).
 */
async function runOneOffTick(config: Config, io: CliIo, tick: (ctx: { store: EventStore; once: OnceOnly; logger: Logger }) => Promise<{ output: string; errors: string[]; ok: boolean }>): Promise<number> {
  const { processHolder } = await import('../store/claims.js');
  const logger = createLogger(config.logLevel);
  const store = await openStore(config, logger);
  let claims: Claims | null = null;
  try {
    claims = await openClaims(config, store);
    const outcome = await tick({ store, once: { claims, holder: processHolder(), ttlMs: config.claimTtlMs }, logger });
    io.stdout(outcome.output);
    for (const e of outcome.errors) io.stderr(e);
    return outcome.ok ? 0 : 1;
  } finally {
    await claims?.close();
    await store.close();
  }
}

/**
 * Platforms a one-off run leaves to the running `serve` (nothing recorded, said in the output): WeCom,
 * whose one live connection per bot `serve` holds (a second would close it), and the web chat.
 */
async function oneOffLeftToServe(config: Config): Promise<Record<string, PostDigest>> {
  const [{ wecomConfigured }, { leaveToServe }] = await Promise.all([import('../main.js'), import('../digest/left-to-serve.js')]);
  return {
    web: leaveToServe('the web chat is reached only through serve, which posts at its own schedule and when it starts'),
    ...(wecomConfigured(config) ? { wecom: leaveToServe('WeCom allows one live connection per bot and serve holds it: serve posts at its own schedule and when it starts') } : {}),
  };
}

/** Command-line flags win over the environment. */
function configFrom(env: Record<string, string | undefined>, values: { db?: string; plan?: string }): Config {
  return loadConfig({
    ...env,
    ...(values.db !== undefined ? { PLANBOT_DB: values.db } : {}),
    ...(values.plan !== undefined ? { PLANBOT_PLAN: values.plan } : {}),
  });
}

/** `--lang`: zh (the default, the plan's own language) or en. */
function langOf(lang: string | undefined): Lang {
  if (lang === undefined) return 'zh';
  if (lang === 'zh' || lang === 'en') return lang;
  throw new UsageError(`--lang ${lang}: use zh or en`);
}

/** Writes an output file, or a user error saying why it could not be written. */
async function writeOut(io: CliIo, path: string, data: Uint8Array | string): Promise<void> {
  try {
    await io.writeFile(path, data);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UserError('file.unwritable', {
      en: `Cannot write ${path} (${code}). Check that its folder exists and can be written.`,
      zh: `无法写入 ${path}（${code}）。请检查目录是否存在且可写。`,
    });
  }
}

function noMoreArgs(command: string, args: string[], max: number): void {
  if (args.length > max) throw new UsageError(`${command}: unexpected argument "${args[max]}"`);
}

async function readDocument(io: CliIo, file: string): Promise<string> {
  try {
    return await io.readFile(file);
  } catch (err) {
    throw new UserError('file.unreadable', {
      en: `Cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the path and permissions.`,
      zh: `无法读取 ${file}（${(err as NodeJS.ErrnoException).code ?? (err as Error).message}）。请检查路径和权限。`,
    });
  }
}
