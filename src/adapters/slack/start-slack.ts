import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App as PlanApp } from '../../app.js';
import type { Config } from '../../config/load-config.js';
import type { Logger } from '../../core/logger.js';
import { checkSlackAuth, SlackStartError, type SlackIdentity } from './check-auth.js';
import { memoryInbox, openFileInbox, type CommandInbox } from './command-inbox.js';
import type { EventGate } from './event-dedupe.js';
import type { OnceKeys } from '../../store/once-keys.js';
import { createSlackApp, type SlackClientOptions, type SlackRequestHandler } from './create-slack-app.js';
import { postToSlack, type PostReply } from './post-to-slack.js';
import { directToSlack, type PostDirectToSlack } from './direct-message.js';

/** How the HTTP endpoint is served. */
export type SlackListen =
  /** Listen on `config.port`/`config.host` with a server of our own (Slack alone on that port). */
  | 'own'
  /** Share an existing server: `/slack/events` is taken off it, every other request goes to its handlers as before. */
  | { server: Server }
  /** Do not listen: the caller mounts `handler` itself. */
  | 'none';

/** What `serve` hands over: the assembled core, the validated configuration and the logger. */
export interface StartSlackOptions {
  app: PlanApp;
  config: Pick<Config, 'slack' | 'port' | 'host'>;
  logger: Logger;
  /** HTTP mode only; default 'own'. Ignored in Socket Mode. */
  listen?: SlackListen;
  clientOptions?: SlackClientOptions;
  /**
   * Where commands acknowledged before their answer was ready are kept (a JSON-lines file; `serve`
   * puts it beside the state file), so a restart carries them out. Default: in memory.
   */
  inboxFile?: string;
  /** An inbox opened by the caller (replicas: rows in the shared database); wins over `inboxFile`. */
  inbox?: CommandInbox;
  /** Which Events API deliveries this process handles (replicas: claims in the shared database). */
  eventGate?: EventGate;
  /** Where Slack requests already seen are remembered (replicas: the shared database); default memory. */
  replays?: OnceKeys;
  /** How often a shared inbox is swept for commands replicas that died left unanswered (ms); default 30,000. */
  inboxSweepMs?: number;
}

/** How often a shared Slack inbox is swept for commands that replicas which died left unanswered. */
export const INBOX_SWEEP_MS = 30_000;

/** A running Slack adapter. */
export interface SlackRuntime {
  mode: 'http' | 'socket';
  identity: SlackIdentity;
  /** The HTTP endpoint (HTTP mode), to mount when `listen` is 'none'. */
  handler: SlackRequestHandler | null;
  /** Where our own server listens (listen 'own'), else null. */
  address: { host: string; port: number } | null;
  /** Posts a reply to `slack:C…` with spacing per channel: hand it to the digest scheduler. */
  post: PostReply;
  /** Sends a direct message to `slack:U…` (reminders). */
  dm: PostDirectToSlack;
  stop(): Promise<void>;
}

/**
 * Starts the Slack adapter as `config.slack` says: checks the token with `auth.test` first (throws
 * SlackStartError with a fix on failure), then Socket Mode when an app token is set, else HTTP on
 * `POST /slack/events`.
 */
export async function startSlack(o: StartSlackOptions): Promise<SlackRuntime> {
  const { botToken, signingSecret, appToken, apiUrl, teamId, appId } = o.config.slack;
  const identity = await checkSlackAuth({ botToken, signingSecret, appToken, apiUrl }, { logger: o.logger });
  const inbox = o.inbox ?? (o.inboxFile ? await openFileInbox(o.inboxFile) : memoryInbox());
  const slack = createSlackApp({
    core: o.app,
    logger: o.logger,
    identity,
    botToken: botToken!,
    ...(signingSecret ? { signingSecret } : {}),
    ...(appToken ? { appToken } : {}),
    ...(apiUrl ? { apiUrl } : {}),
    ...(o.clientOptions ? { clientOptions: o.clientOptions } : {}),
    ...(teamId ? { teamId } : {}),
    ...(appId ? { appId } : {}),
    inbox,
    ...(o.eventGate ? { eventGate: o.eventGate } : {}),
    ...(o.replays ? { replays: o.replays } : {}),
  });
  const log = o.logger.child({ adapter: 'slack' });
  const post = postToSlack(slack.bolt.client, { logger: log });
  const dm = directToSlack(slack.bolt.client, post);
  const resumed = await slack.resume();
  if (resumed > 0) log.info({ commands: resumed }, 'carrying out Slack commands acknowledged before the last stop');
  // A shared inbox: what a replica that died leaves is carried out by one of the others within a sweep.
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweeper = inbox.sweep
    ? setInterval(() => {
        sweeping = sweeping.then(() => slack.sweep()).then(
          (n) => n > 0 && log.info({ commands: n }, 'carrying out Slack commands a stopped replica left unanswered'),
          (err: unknown) => log.warn({ err }, 'could not sweep the shared Slack inbox; will retry'),
        );
      }, o.inboxSweepMs ?? INBOX_SWEEP_MS)
    : null;
  sweeper?.unref();
  const close = async () => {
    if (sweeper) clearInterval(sweeper);
    await sweeping;
    await slack.close();
    await inbox.close();
  };

  if (slack.mode === 'socket') {
    try {
      await slack.bolt.start();
    } catch (err) {
      await close();
      throw new SlackStartError(`Socket Mode could not connect (${(err as Error).message}). Check SLACK_APP_TOKEN (xapp-…, scope connections:write) and that Socket Mode is enabled for the app.`, { cause: err });
    }
    log.info({ team: identity.team }, 'Slack connected in Socket Mode');
    return { mode: 'socket', identity, handler: null, address: null, post, dm, stop: async () => { await slack.bolt.stop(); await close(); } };
  }

  const handler = slack.handler!;
  const listen = o.listen ?? 'own';
  if (listen === 'none') return { mode: 'http', identity, handler, address: null, post, dm, stop: close };
  if (listen !== 'own') {
    const unmount = mountOnServer(listen.server, handler);
    return { mode: 'http', identity, handler, address: null, post, dm, stop: async () => { unmount(); await close(); } };
  }
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', () => void close());
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new SlackStartError(err.code === 'EADDRINUSE' ? `Port ${o.config.port} on ${o.config.host} is already in use; set PORT to a free port, or share the web chat's server.` : `Cannot listen on ${o.config.host}:${o.config.port} (${err.message}).`)),
    );
    server.listen(o.config.port, o.config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  log.info({ host: o.config.host, port, path: '/slack/events' }, 'Slack listening over HTTP');
  return {
    mode: 'http',
    identity,
    handler,
    address: { host: o.config.host, port },
    post,
    dm,
    stop: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))).finally(async () => { server.closeAllConnections(); await close(); }),
  };
}

/**
 * Puts the Slack endpoint in front of an existing server's request handlers (the web chat's), so both
 * share one port; returns a function that puts the server back as it was.
 */
export function mountOnServer(server: Server, handler: SlackRequestHandler): () => void {
  const previous = server.listeners('request') as ((...args: unknown[]) => void)[];
  server.removeAllListeners('request');
  const dispatch = (req: Parameters<SlackRequestHandler>[0], res: Parameters<SlackRequestHandler>[1]) =>
    handler(req, res, () => {
      for (const l of previous) l.call(server, req, res);
    });
  server.on('request', dispatch);
  return () => {
    server.removeListener('request', dispatch);
    for (const l of previous) server.on('request', l);
  };
}
