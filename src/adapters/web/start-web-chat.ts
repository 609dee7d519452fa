import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join as joinPath } from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import type { App } from '../../app.js';
import { isLoopbackHost } from '../../config/load-config.js';
import type { HealthReport } from '../../core/health.js';
import type { Logger } from '../../core/logger.js';
import type { Reply } from '../../core/reply.js';
import type { WebTurnMessage } from './botkit-web.js';
import { deferredBotkit } from './deferred-botkit.js';
import { hostAllowed, sameOrigin } from './request-guards.js';
import { guardSocket } from './socket-guard.js';
import { createTokenBucket, DEFAULT_RATE_LIMIT, type RateLimit } from './token-bucket.js';
import { toWebReply } from './web-reply.js';
import { RecentDigests, WebSessions, type WebSession } from './web-sessions.js';
import { StartupError } from '../../errors.js';
import { isChatName } from './client-frame.js';
import { proxyBadNameLog, signInRoutes } from './signin-routes.js';
import { createWebAuth, type WebAuth } from './web-auth.js';
import { fileRoutes, WebFiles } from './web-files.js';
import { webUser, type UserId } from '../../core/user-ids.js';
import { PACKAGE_ROOT } from '../../package-root.js';

/** The path of the chat's websocket. */
export const WS_PATH = '/ws';
/**
 * The largest frame a socket may send (bytes); bigger frames close it with 1009. Room for a message
 * of MAX_TEXT_CHARS written as JSON escapes (6 bytes a character) and then some, so a page that
 * sends too much text gets a `too-long` notice rather than a closed socket.
 */
export const MAX_FRAME_BYTES = 256 * 1024;
/** How long after listening the web chat loads Botkit if no socket asked for it first (ms). */
const BOTKIT_WARM_UP_MS = 1000;
/** Refused frames in a row after which a flooding socket is closed. */
const CLOSE_AFTER_REFUSALS = 100;
// From the package root, so that the build in dist/ serves the same assets as the sources.
const PUBLIC_DIR = joinPath(PACKAGE_ROOT, 'src', 'adapters', 'web', 'public');

/** What the web chat needs to start. */
export interface WebChatOptions {
  /** The assembled core; only the bot and the plan are used. */
  app: Pick<App, 'bot' | 'plan'>;
  /**
   * A server to share (created with `http.createServer()` and no handler): the chat installs its
   * Express app as the request handler and takes websocket upgrades on `/ws`, but neither listens
   * nor closes it. Without one, the chat creates a server and listens on `host:port`.
   */
  server?: Server;
  /** Port to listen on (0 for any free port); ignored with `server`. */
  port: number;
  /** Interface to bind; 127.0.0.1 keeps the chat on this machine. */
  host: string;
  logger: Logger;
  /** Adds routes (e.g. Slack's `/slack/events`) to the Express app before the chat's pages. */
  routes?: (app: Express) => void;
  rateLimit?: RateLimit;
  maxFrameBytes?: number;
  /**
   * Who may chat and as whom (`createWebAuth`). Without it the chat is local: only allowed on a
   * loopback `host`, where the person at this machine chooses a name.
   */
  auth?: WebAuth;
  /** Signs the download links of files replies carry (the chat's secret); a random one per process when absent. */
  filesSecret?: string;
  /** Wall-clock milliseconds for download links' expiry (injected for tests). */
  filesNow?: () => number;
  /** What `GET /healthz` answers (status and JSON body); without it, `{ "ok": true }` while the chat runs. */
  health?: () => Promise<HealthReport>;
}

/** A running web chat. */
export interface WebChat {
  /** Where a person opens the chat, e.g. http://localhost:3000/. */
  url: string;
  server: Server;
  /** The Express app that serves the page; add routes to it (it has no body parser, so Slack can verify signatures). */
  express: Express;
  /**
   * Pushes a reply (a digest) to every open page in a web channel (`web:general`), and keeps it to show
   * pages that join later. Has the digest scheduler's poster type, so it can be passed as is.
   */
  postToWeb(channel: string, reply: Reply): Promise<void>;
  /**
   * A direct message (a reminder) to one person (`web:bob`): shown at once on each page they have open,
   * else kept (in memory, the last few) and shown when they next open the chat.
   */
  postToWebUser(user: UserId, reply: Reply): Promise<void>;
  /** How many open pages have joined a web channel (`web:general`), or all of them with no channel. */
  openPages(channel?: string): number;
  /** True once the chat accepts sockets (Botkit is loaded on the first socket, or shortly after start). */
  readonly chatReady: boolean;
  /** Closes every socket (pages reconnect when the server is back), then the server if the chat created it. */
  stop(): Promise<void>;
}

/** The core user id of a web chat name: `web:alice` (the identity model's `webUser`). */
export function webUserId(name: string): UserId {
  return webUser(name);
}

/** The name a local page chose, given at connect: `/ws?name=alice`. */
function nameInQuery(url: string | undefined): string | null {
  const name = new URL(url ?? '/', 'http://localhost').searchParams.get('name')?.normalize('NFKC').trim() ?? '';
  return isChatName(name) ? name : null;
}

/**
 * Starts the local web chat: a page and a websocket served by Botkit with `botbuilder-adapter-web`,
 * on one node http server bound to `host`. Each chat message goes to `app.bot.handle` and the reply
 * comes back with its plain text and its blocks.
 */
export async function startWebChat(opts: WebChatOptions): Promise<WebChat> {
  const logger = opts.logger.child({ adapter: 'web' });
  const rate = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  const { bot, plan } = opts.app;
  const auth = opts.auth ?? createWebAuth({ mode: 'local' });
  const local = auth.mode === 'local';
  if (local && !isLoopbackHost(opts.host)) {
    throw new StartupError(`The web chat on ${opts.host} would let anyone who reaches it choose any name: keep HOST=127.0.0.1, or set up sign-in (PLANBOT_WEB_AUTH, see docs/web.md).`);
  }

  const web = express();
  web.disable('x-powered-by');
  opts.routes?.(web);
  web.use(chatPages(local ? opts.host : null, opts.health));
  web.use(signInRoutes(auth, logger));
  // Files replies carry (a ledger, a chart), behind short-lived signed links (web-files.ts).
  const files = new WebFiles({ ...(opts.filesSecret ? { secret: opts.filesSecret } : {}), ...(opts.filesNow ? { now: opts.filesNow } : {}) });
  web.use(fileRoutes(files, auth, logger));
  /** A reply for the page, with links to its files for `owner` (null: anyone who may use the chat). */
  const forPage = (reply: Reply, owner: UserId | null, o?: { statusButtons?: boolean }) => {
    const out = toWebReply(reply, plan, o);
    if (reply.files?.length) out.files = files.offer(reply.files, owner);
    return out;
  };

  const server = opts.server ?? createServer();
  const ownsServer = opts.server === undefined;
  const servesRequests = server.listenerCount('request') === 0;
  if (servesRequests) server.on('request', web);

  // Botkit is imported when first needed, not above: the server answers HTTP before it is loaded (issue 14).
  const botkit = deferredBotkit(async () => {
    const { createBotkitWeb } = await import('./botkit-web.js');
    const loaded = createBotkitWeb({ maxPayload: opts.maxFrameBytes ?? MAX_FRAME_BYTES, logger });
    logger.info('web chat ready: Botkit loaded, sockets accepted');
    return loaded;
  });
  const sessions = new WebSessions();
  const digests = new RecentDigests<Record<string, unknown>>();
  /** Direct messages by user id, newest first, shown again when the person opens the chat. */
  const directs = new RecentDigests<Record<string, unknown>>();

  /** Runs a turn of an open page, in order with its other turns; a failure is logged and the page told. */
  const turn =
    (fn: (session: WebSession, message: WebTurnMessage, send: (frame: Record<string, unknown>) => Promise<void>) => Promise<void>) =>
    async (message: WebTurnMessage, send: (frame: Record<string, unknown>) => Promise<void>) => {
      const session = sessions.get(message.user);
      if (!session) return;
      session.reference = message.reference;
      await session.serially(async () => {
        if (!session.isOpen) return;
        try {
          await fn(session, message, send);
        } catch (err) {
          logger.error({ err, socket: session.key, type: message.type }, 'web chat turn failed');
          if (session.isOpen) session.socket.send(JSON.stringify({ type: 'notice', id: 'internal', text: 'Sorry, something went wrong; please try again. 抱歉，出了点问题，请重试。' }));
        }
      });
    };

  const join = turn(async (session, _message, send) => {
    const mine = session.name ? directs.recent(webUserId(session.name)) : [];
    await send({ type: 'welcome', user: session.name, mode: auth.mode, channel: `web:${session.room}`, digests: [...mine, ...digests.recent(session.room)] });
  });
  botkit.on('hello', join);
  botkit.on('welcome_back', join);
  botkit.on(
    'message',
    turn(async (session, message, send) => {
      // The name the server bound to the socket (the guard put it there), never the page's claim.
      const name = String(session.name);
      // The page's language answers a message with no words of its own (`T9`); a button answers in its card's.
      const lang = message.lang === 'zh' || message.lang === 'en' ? message.lang : undefined;
      const reply = await bot.handle({
        text: String(message.text ?? ''),
        user: { id: webUserId(name), name },
        platform: 'web',
        channel: `web:${String(message.room)}`,
        ...(message.button === true ? { lang } : { defaultLang: lang }),
      });
      if (session.isOpen) await send({ type: 'message', ...forPage(reply, webUserId(name)) });
    }),
  );

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH) {
      // Leave other paths to other upgrade listeners, if the server is shared with any.
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    if ((local && !hostAllowed(req.headers.host, opts.host)) || !sameOrigin(req.headers.origin, req.headers.host)) {
      logger.warn({ host: req.headers.host, origin: req.headers.origin }, 'refused a websocket from another origin');
      refuse(socket, 403, 'Forbidden');
      return;
    }
    // Who this socket is comes from the request: a session cookie or a trusted proxy's header; on
    // loopback, the name the page chose at connect (or its first frame).
    const signedIn = auth.identify(req);
    if (!local && signedIn === null) {
      const claimed = auth.proxyNameRefused(req);
      if (claimed !== null) logger.warn(...proxyBadNameLog(claimed));
      else logger.info({ address: req.socket.remoteAddress }, 'refused a websocket that is not signed in');
      refuse(socket, 401, 'Unauthorized');
      return;
    }
    const boundName = signedIn ?? nameInQuery(req.url);
    botkit.accept(req, socket, head, (ws) => {
      const key = randomUUID();
      const session = sessions.open(key, ws);
      session.name = boundName;
      ws.on('close', () => sessions.close(key));
      try {
        guardSocket(ws, {
          key,
          bucket: createTokenBucket(rate),
          closeAfterRefusals: CLOSE_AFTER_REFUSALS,
          logger,
          accept(frame) {
            // A local page that named no one at connect is bound by its first named frame; after
            // that, and always when signed in, a frame claiming another user is ignored.
            if (session.name === null && local) session.name = frame.name;
            else if (frame.name !== null && frame.name !== session.name) logger.debug({ socket: key, claimed: frame.name }, 'ignored the user a frame claimed');
            session.room = frame.room;
            return session.name;
          },
        });
      } catch (err) {
        logger.error({ err }, 'could not guard a web chat socket');
        ws.close(1011, 'internal error');
      }
    });
  };
  server.on('upgrade', onUpgrade);

  if (ownsServer) {
    try {
      await listen(server, opts.port, opts.host);
    } catch (err) {
      server.off('upgrade', onUpgrade);
      await botkit.close();
      throw err;
    }
  }
  // Botkit is loaded by the first websocket, or once the server has been up a moment with none; a
  // failure to load it is logged (the page is served, every socket refused) and /healthz shows the chat not started.
  const warmUp = setTimeout(() => void botkit.load().catch((err: unknown) => logger.error({ err }, 'the web chat could not load Botkit: pages are served, chats refused')), BOTKIT_WARM_UP_MS);
  warmUp.unref();
  const url = urlOf(server, opts.port, opts.host);
  logger.info({ url }, 'web chat listening (Botkit loads on the first socket)');

  let stopped = false;
  return {
    url,
    server,
    express: web,
    async postToWeb(channel, reply) {
      if (!channel.startsWith('web:')) throw new Error(`postToWeb: "${channel}" is not a web channel; web channels look like web:general`);
      const room = channel.slice('web:'.length);
      const frame = { type: 'digest', channel, ...forPage(reply, null, { statusButtons: false }) };
      digests.remember(room, frame);
      for (const session of sessions.inRoom(room)) {
        const reference = session.reference;
        if (!reference) continue;
        try {
          await session.serially(() => botkit.say(reference, frame));
        } catch (err) {
          // One page that went away must not stop the others from getting the digest.
          logger.warn({ err, socket: session.key, channel }, 'could not post a digest to a web page');
        }
      }
    },
    async postToWebUser(user, reply) {
      const frame = { type: 'digest', channel: user, ...forPage(reply, user, { statusButtons: false }) };
      directs.remember(user, frame);
      for (const session of sessions.all()) {
        const reference = session.reference;
        if (!reference || !session.name || webUserId(session.name) !== user) continue;
        try {
          await session.serially(() => botkit.say(reference, frame));
        } catch (err) {
          logger.warn({ err, socket: session.key, user }, 'could not show a direct message on a web page; it is shown when the page reconnects');
        }
      }
    },
    openPages(channel) {
      if (channel === undefined) return sessions.size;
      return channel.startsWith('web:') ? sessions.inRoom(channel.slice('web:'.length)).filter((s) => s.reference).length : 0;
    },
    get chatReady() {
      return botkit.ready;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(warmUp);
      server.off('upgrade', onUpgrade);
      await botkit.close();
      if (servesRequests) server.off('request', web);
      if (ownsServer && server.listening) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
    },
  };
}

/** The chat's page and health check, with headers that keep the page to its own origin. */
function chatPages(loopbackHost: string | null, health?: () => Promise<HealthReport>): express.Router {
  const router = express.Router();
  const guard: RequestHandler = (req, res, next) => {
    // Only the chat's own GETs are checked; other routes (a Slack webhook via a tunnel) pass.
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (loopbackHost !== null && !hostAllowed(req.headers.host, loopbackHost)) {
      res.status(403).type('text/plain').send('This chat only answers on localhost.\n');
      return;
    }
    res.set({
      'Content-Security-Policy': `default-src 'self'; connect-src 'self' ws://${req.headers.host ?? 'localhost'} wss://${req.headers.host ?? 'localhost'}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    next();
  };
  router.use(guard);
  router.get('/healthz', async (_req, res) => {
    if (!health) return void res.json({ ok: true });
    const report = await health();
    res.status(report.status).set('Cache-Control', 'no-store').json(report.body);
  });
  router.use(express.static(PUBLIC_DIR, { index: 'index.html', extensions: ['html'], maxAge: 0 }));
  return router;
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function listen(server: Server, port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new StartupError(`Port ${port} on ${host} is already in use: stop the program using it, or set PORT to a free port (e.g. PORT=3001 npm start).`, { cause: err }));
      else if (err.code === 'EADDRNOTAVAIL') reject(new Error(`Cannot listen on ${host}: no such address on this machine; set HOST to 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).`, { cause: err }));
      else reject(err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function urlOf(server: Server, port: number, host: string): string {
  const address = server.address() as AddressInfo | null;
  return chatUrl(host, address?.port ?? port);
}

/** Where the chat listening on `host:port` is opened from this machine: `http://localhost:3000/`. */
export function chatUrl(host: string, port: number): string {
  // `localhost` reaches 127.0.0.1 (and ::1), not another loopback address such as 127.0.0.2: show that one as it is.
  const shown = host === 'localhost' || host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}
