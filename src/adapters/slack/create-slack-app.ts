import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, ExpressReceiver, HTTPModuleFunctions, type webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import type { SlackCore } from './answer.js';
import { DEFAULT_ACK_WITHIN_MS, resumeInbox, sweepInbox, type SlackDeps } from './answer-before-ack.js';
import { Background } from './background.js';
import { boltLogger, logListenerError } from './bolt-logger.js';
import type { SlackIdentity } from './check-auth.js';
import { memoryInbox, type CommandInbox } from './command-inbox.js';
import { dedupeEvents, type EventGate } from './event-dedupe.js';
import { registerListeners } from './listeners/index.js';
import type { PlanCommand } from './listeners/commands.js';
import { directCommand, PLAN_COMMAND } from './direct-command.js';
import { keepAliveFetch } from './keep-alive-fetch.js';
import { MAX_BODY_BYTES, slackDoor, type CheckedRequest } from './slack-door.js';
import { answerUnknownRequests } from './unknown-requests.js';
import type { OnceKeys } from '../../store/once-keys.js';

/** How long a stop waits for the work started after acknowledgements (follow-ups, App Home) before going on without it. */
export const STOP_WAIT_MS = 5000;

/** The one path Slack posts everything to (events, slash commands, interactivity). */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * A Node request handler for Slack's HTTP endpoint: it serves `POST /slack/events` and passes every
 * other request to `next` (or answers 404 without one). Mount it on a plain `http.Server`, or in an
 * express/connect app *before* any body parser (the signature is computed over the raw body).
 */
export type SlackRequestHandler = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

/** Web API client settings a caller may tune (tests: fast retries; production: the defaults). */
export type SlackClientOptions = Pick<webApi.WebClientOptions, 'retryConfig' | 'rejectRateLimitedCalls' | 'timeout' | 'fetch'>;

/** Everything needed to build the Slack app; no environment is read here. */
export interface SlackAppOptions {
  core: SlackCore;
  logger: Logger;
  identity: SlackIdentity;
  botToken: string;
  /** HTTP mode: verifies every request (HMAC-SHA256, within 5 minutes of now either way). */
  signingSecret?: string;
  /** HTTP mode: refuse requests from another workspace / for another app (403). */
  teamId?: string;
  appId?: string;
  /** Socket Mode when set (`xapp-…`). */
  appToken?: string;
  /** Base URL of the Web API for the app's client and Socket Mode's client. */
  apiUrl?: string;
  clientOptions?: SlackClientOptions;
  /** Commands acknowledged before their answer was ready (default: in memory). */
  inbox?: CommandInbox;
  /** Which Events API deliveries this process handles (default: ids remembered in memory). */
  eventGate?: EventGate;
  /** How long the core may take before a command is acknowledged without its answer; default 2000. */
  ackWithinMs?: number;
  /** HTTP mode: where requests already seen are remembered (replicas: the shared database); default memory. */
  replays?: OnceKeys;
  /** The wall clock for request timestamps (tests only). */
  now?: () => number;
}

/** The Bolt app with its transport: an HTTP handler (HTTP mode) or a Socket Mode connection to start. */
export interface SlackApp {
  bolt: App;
  mode: 'http' | 'socket';
  /** The HTTP endpoint as a Node handler; null in Socket Mode. */
  handler: SlackRequestHandler | null;
  /** Carries out the inbox's commands a crash left unanswered; how many there were. */
  resume(): Promise<number>;
  /** Carries out what replicas that died left in a shared inbox (nothing for a process's own inbox); how many. */
  sweep(): Promise<number>;
  /** Waits for the work started after acknowledgements, then releases the transport's connections. */
  close(): Promise<void>;
}

/**
 * Builds the Bolt app over the core. HTTP mode puts our door (`slackDoor`: size, time window,
 * signature, shape, workspace, replays) in front of Bolt's ExpressReceiver with
 * `processBeforeResponse: true`, so the 200 goes out only once the listeners have carried out the
 * request: a write is committed before it is acknowledged, and a command's answer rides in the ack.
 * `/plan` goes from the door to its listener code directly (`directCommand`), the rest through Bolt.
 * Socket Mode uses Bolt's SocketModeReceiver. The identity from `auth.test` is passed in, so the app
 * itself makes no call at construction.
 */
export function createSlackApp(o: SlackAppOptions): SlackApp {
  const logger = boltLogger(o.logger);
  const ownFetch = o.clientOptions?.fetch ? null : keepAliveFetch();
  const fetchFn = o.clientOptions?.fetch ?? ownFetch!;
  const clientOptions: webApi.WebClientOptions = { ...o.clientOptions, ...(ownFetch ? { fetch: ownFetch } : {}), ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}) };
  const common = { token: o.botToken, botId: o.identity.botId, botUserId: o.identity.botUserId, logger, clientOptions, convoStore: false as const };

  let bolt: App;
  let receiver: ExpressReceiver | null = null;
  if (o.appToken) {
    bolt = new App({ ...common, appToken: o.appToken, socketMode: true, installerOptions: { clientOptions } });
  } else {
    if (!o.signingSecret) throw new Error('createSlackApp: HTTP mode needs signingSecret');
    receiver = new ExpressReceiver({
      signingSecret: o.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      processBeforeResponse: true,
      // The door in front has verified the signature (and more) of every request that reaches Bolt.
      signatureVerification: false,
      bodyLimit: MAX_BODY_BYTES,
      customPropertiesExtractor: (req) => ({ requestKey: (req as unknown as CheckedRequest).slackRequestKey }),
      logger,
    });
    bolt = new App({ ...common, receiver });
  }

  const background = new Background(o.logger);
  const deps: SlackDeps = {
    core: o.core,
    client: bolt.client,
    inbox: o.inbox ?? memoryInbox(),
    background,
    ackWithinMs: o.ackWithinMs ?? DEFAULT_ACK_WITHIN_MS,
    postJson: async (url, body) => {
      const res = await fetchFn(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
    },
  };
  let handler: SlackRequestHandler | null = null;
  if (receiver && o.signingSecret) {
    const door = slackDoor({ signingSecret: o.signingSecret, ...(o.teamId ? { teamId: o.teamId } : {}), ...(o.appId ? { appId: o.appId } : {}), ...(o.now ? { now: o.now } : {}), ...(o.replays ? { replays: o.replays } : {}), onError: (error) => logListenerError(o.logger, error) }, doorHandler(receiver, deps, o.logger));
    handler = (req, res, next) => {
      if (!isEventsPath(req.url)) {
        if (next) return next();
        res.writeHead(404).end();
        return;
      }
      door(req, res);
    };
  }
  bolt.use(answerUnknownRequests(background));
  bolt.use(dedupeEvents(o.eventGate));
  registerListeners(bolt, deps);
  bolt.error(async (error) => logListenerError(o.logger, error));
  return {
    bolt,
    mode: o.appToken ? 'socket' : 'http',
    handler,
    resume: () => resumeInbox(deps),
    sweep: () => sweepInbox(deps),
    close: async () => {
      await background.settle(STOP_WAIT_MS);
      ownFetch?.close();
    },
  };
}

/**
 * Hands a request the door has read, verified and parsed on: `/plan` to {@link directCommand}, anything
 * else to Bolt's receiver (`requestHandler`, which takes the parsed `req.body`), skipping its express
 * routing and second parse; Slack's handshakes are answered with Bolt's own responses.
 */
function doorHandler(receiver: ExpressReceiver, deps: SlackDeps, logger: Logger): (req: CheckedRequest, res: ServerResponse) => void {
  return (req, res) => {
    if (req.body.type === 'url_verification') return HTTPModuleFunctions.buildUrlVerificationResponse(res, req.body);
    if (req.body.ssl_check) return HTTPModuleFunctions.buildSSLCheckResponse(res);
    if (req.body.command === PLAN_COMMAND) return directCommand(deps, req.body as unknown as PlanCommand, req.slackRequestKey, res, logger);
    void receiver.requestHandler(req as never, res as never);
  };
}

/** Whether a request's URL is Slack's endpoint, with or without a query string. */
function isEventsPath(url = ''): boolean {
  return url.startsWith(SLACK_EVENTS_PATH) && (url.length === SLACK_EVENTS_PATH.length || url[SLACK_EVENTS_PATH.length] === '?');
}
