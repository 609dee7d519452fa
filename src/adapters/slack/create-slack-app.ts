import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, ExpressReceiver, type webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import type { SlackCore } from './answer.js';
import { boltLogger, scrubTokens } from './bolt-logger.js';
import type { SlackIdentity } from './check-auth.js';
import { dedupeEvents } from './event-dedupe.js';
import { registerListeners } from './listeners/index.js';
import { keepAliveFetch } from './keep-alive-fetch.js';

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
  /** HTTP mode: verifies every request (HMAC-SHA256, at most 5 minutes old). */
  signingSecret?: string;
  /** Socket Mode when set (`xapp-…`). */
  appToken?: string;
  /** Base URL of the Web API for the app's client and Socket Mode's client. */
  apiUrl?: string;
  clientOptions?: SlackClientOptions;
  /** See CommandOptions: 0 (default) acknowledges every slash command before the core runs. */
  inlineAnswerMs?: number;
}

/** The Bolt app with its transport: an HTTP handler (HTTP mode) or a Socket Mode connection to start. */
export interface SlackApp {
  bolt: App;
  mode: 'http' | 'socket';
  /** The HTTP endpoint as a Node handler; null in Socket Mode. */
  handler: SlackRequestHandler | null;
  /** Releases the keep-alive connections of the app's own transport. */
  close(): void;
}

/**
 * Builds the Bolt app over the core. HTTP mode uses Bolt's ExpressReceiver (its own express app,
 * exposed as a Node handler) with `processBeforeResponse: false`, so every request is acknowledged
 * before the core runs; Socket Mode uses Bolt's SocketModeReceiver. The identity from `auth.test` is
 * passed in, so the app itself makes no call at construction.
 */
export function createSlackApp(o: SlackAppOptions): SlackApp {
  const logger = boltLogger(o.logger);
  const ownFetch = o.clientOptions?.fetch ? null : keepAliveFetch();
  const clientOptions: webApi.WebClientOptions = { ...o.clientOptions, ...(ownFetch ? { fetch: ownFetch } : {}), ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}) };
  const common = { token: o.botToken, botId: o.identity.botId, botUserId: o.identity.botUserId, logger, clientOptions, convoStore: false as const };

  let bolt: App;
  let handler: SlackRequestHandler | null = null;
  if (o.appToken) {
    bolt = new App({ ...common, appToken: o.appToken, socketMode: true, installerOptions: { clientOptions } });
  } else {
    if (!o.signingSecret) throw new Error('createSlackApp: HTTP mode needs signingSecret');
    const receiver = new ExpressReceiver({ signingSecret: o.signingSecret, endpoints: SLACK_EVENTS_PATH, processBeforeResponse: false, logger });
    bolt = new App({ ...common, receiver });
    handler = nodeHandler(receiver);
  }

  bolt.use(dedupeEvents());
  registerListeners(bolt, o.core, { inlineAnswerMs: o.inlineAnswerMs ?? 0 });
  bolt.error(async (error) => {
    o.logger.error({ err: { name: error.name, code: (error as { code?: string }).code, message: scrubTokens(error.message) } }, 'a Slack listener failed');
  });
  return { bolt, mode: o.appToken ? 'socket' : 'http', handler, close: () => ownFetch?.close() };
}

function nodeHandler(receiver: ExpressReceiver): SlackRequestHandler {
  const express = receiver.app as unknown as (req: IncomingMessage, res: ServerResponse, done: (err?: unknown) => void) => void;
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== SLACK_EVENTS_PATH) {
      if (next) return next();
      res.statusCode = 404;
      res.end();
      return;
    }
    express(req, res, (err) => {
      if (res.headersSent) return;
      res.statusCode = err ? 500 : 404;
      res.end();
    });
  };
}
