import { createSecretKey } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { OnceKeys } from '../../store/once-keys.js';
import { RecentIds } from '../../core/recent-ids.js';
import { turnBatch } from '../../core/turn-batch.js';
import { userOn } from '../../core/user-ids.js';
import { slackSignatureValid } from './slack-signature.js';

/** Slack's window: a request timestamp more than this far from now, either way, is refused. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

/** The largest body read; Slack's payloads are a few KB (a modal's state at most a few hundred). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the door checks against; no environment is read here. */
export interface SlackDoorOptions {
  signingSecret: string;
  /** When set, a request from another workspace (team_id) is refused with 403. */
  teamId?: string;
  /** When set, a request for another app (api_app_id) is refused with 403. */
  appId?: string;
  /** The wall clock in ms (request timestamps are real time, whatever clock the core is given). */
  now?: () => number;
  maxBodyBytes?: number;
  /**
   * Where requests already seen are remembered; default this process's memory. Replicas behind one
   * load balancer share the database's (a replay sent to another replica is recognised too).
   */
  replays?: OnceKeys;
  /** Told of an error thrown by `next` (the request is answered 500). */
  onError?: (error: unknown) => void;
}

/** A request the door let through: its parsed body for Bolt, and the key that identifies it. */
export type CheckedRequest = IncomingMessage & { body: SlackPayload; slackRequestKey: string };

/** A payload as Slack sends it, once its shape is checked. */
export type SlackPayload = Record<string, unknown> & { type?: unknown };

/** Why a request is refused, as the HTTP status it gets. */
type Refusal = { status: 400 | 401 | 403 | 413 | 503; why: string };

/**
 * Slack's HTTP door, in front of Bolt's receiver. Before reading the body: a declared length over 1 MB
 * is refused (413), and so is a missing, malformed or out-of-window timestamp (401, more than 5 minutes
 * from now in either direction: Bolt checks only the past). Then at most 1 MB is read (413 past it),
 * the signature is verified (HMAC-SHA256 of `v0:timestamp:body`, compared in constant time, as Bolt's
 * `isValidSlackRequest` decides: {@link slackSignatureValid}; 401), the body is parsed once, as Bolt's
 * receiver parses it, and must be a Slack payload of a known shape (400, never a 500), and
 * `SLACK_TEAM_ID`/`SLACK_APP_ID` must match when set (403).
 * A request already seen (same signature and timestamp, within the window) is answered 200 and
 * does nothing. What passes goes to `next` parsed once (`body`, as Bolt's receiver expects it), with
 * `slackRequestKey`, which makes the writes it causes idempotent, at the end of the turn of the event
 * loop it arrived in, with the others that arrived in that turn ({@link turnBatch}).
 */
export function slackDoor(o: SlackDoorOptions, next: (req: CheckedRequest, res: ServerResponse) => void) {
  const now = o.now ?? Date.now;
  const limit = o.maxBodyBytes ?? MAX_BODY_BYTES;
  const windowMs = 2 * MAX_CLOCK_SKEW_S * 1000;
  const recent = new RecentIds(windowMs, 50_000, now);
  const secret = createSecretKey(Buffer.from(o.signingSecret, 'utf8'));
  const handOn = turnBatch(next, (error, _req, res) => {
    o.onError?.(error);
    if (!res.headersSent) res.writeHead(500).end();
  });

  /** Hands a request on unless it was seen before (answered 200, nothing done). */
  const unlessReplayed = (req: IncomingMessage, res: ServerResponse, body: SlackPayload, key: string): void => {
    const pass = () => handOn(Object.assign(req, { body, slackRequestKey: key }), res);
    if (!o.replays) return recent.check(key) ? void res.writeHead(200).end() : pass();
    o.replays.first(key, now() + windowMs).then(
      (first) => (first ? pass() : void res.writeHead(200).end()),
      // Not known whether it is a replay: refuse, and Slack retries.
      () => refuse(res, { status: 503, why: 'cannot check for replays now' }),
    );
  };

  /** A body read in full (null: over the limit): checked, then handed on. */
  const afterBody = (req: IncomingMessage, res: ServerResponse, signed: Signed, raw: Buffer | null): void => {
    if (!raw) return refuse(res, { status: 413, why: 'body over the limit' }, true);
    const text = raw.toString('utf8');
    const { seconds, signature } = signed;
    if (!slackSignatureValid(secret, seconds, text, signature, now())) return refuse(res, { status: 401, why: 'signature mismatch' });
    const checked = checkPayload(text, req.headers['content-type'], o);
    if ('status' in checked) return refuse(res, checked);
    // The timestamp as the number it was signed as: "0123" and "123" are one request (the same
    // signature), so a replay cannot pass as new by padding the header with zeros.
    unlessReplayed(req, res, checked.body, `slack:${seconds}:${signature.slice(3, 35)}`);
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'POST') return void res.writeHead(404).end();
    const signed = beforeBody(req, now(), limit);
    if ('status' in signed) return refuse(res, signed, true);
    readBody(req, limit).then(
      (raw) => afterBody(req, res, signed, raw),
      () => refuse(res, { status: 400, why: 'the body could not be read' }, true),
    );
  };
}

/** The signature headers, read once: the timestamp as the number Slack signs, and the signature. */
type Signed = { seconds: number; signature: string };

/** The checks made before reading the body; what passes gives its signature headers. */
function beforeBody(req: IncomingMessage, nowMs: number, limit: number): Refusal | Signed {
  const length = req.headers['content-length'];
  if (length !== undefined && !(Number(length) <= limit)) return { status: 413, why: 'declared body over the limit' };
  const ts = req.headers['x-slack-request-timestamp'];
  const signature = req.headers['x-slack-signature'];
  if (typeof ts !== 'string' || !/^\d{1,12}$/.test(ts) || typeof signature !== 'string') return { status: 401, why: 'not signed' };
  const seconds = Number(ts);
  if (Math.abs(nowMs / 1000 - seconds) > MAX_CLOCK_SKEW_S) return { status: 401, why: 'timestamp out of the 5-minute window' };
  return { seconds, signature };
}

/** The body, or null as soon as it passes `limit` (the rest is never read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => resolve(null));
  });
}

function refuse(res: ServerResponse, r: Refusal, closeConnection = false): void {
  // An unread body cannot stay on a kept-alive connection: close it after answering.
  res.writeHead(r.status, { 'content-type': 'text/plain; charset=utf-8', ...(closeConnection ? { connection: 'close' } : {}) }).end(`${r.why}\n`);
}

/** Parses the body as Bolt's receiver would and checks its shape and origin. */
function checkPayload(text: string, contentType: string | undefined, o: SlackDoorOptions): Refusal | { body: SlackPayload } {
  let body: unknown;
  try {
    body = parseBody(text, contentType);
  } catch {
    return { status: 400, why: 'the body is not a Slack payload' };
  }
  const shape = payloadProblem(body);
  if (shape) return { status: 400, why: shape };
  const b = body as SlackPayload;
  if (b.type === 'url_verification' || b.type === 'ssl_check') return { body: b };
  if (o.teamId && teamOf(b) !== o.teamId) return { status: 403, why: 'request from another workspace' };
  if (o.appId && appOf(b) !== o.appId) return { status: 403, why: 'request for another app' };
  return { body: b };
}

/**
 * As Bolt's ExpressReceiver parses (`node:querystring`): a form (its `payload` field as JSON when
 * present), else JSON. A field given twice is a list (as Bolt has it; the shape check refuses a command
 * whose command, user or workspace is one).
 */
function parseBody(text: string, contentType: string | undefined): unknown {
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = parseQuery(text);
    return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
  }
  return JSON.parse(text);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A Slack member id (`U0123`) as the adapters map it to `slack:U0123`; anything else would make a listener throw (a 500). */
const isMember = (v: unknown): boolean => typeof v === 'string' && userOn('slack', v) === `slack:${v}`;

/** What is wrong with a payload's shape for Bolt to route it; null when nothing is. */
export function payloadProblem(body: unknown): string | null {
  if (!isObject(body)) return 'the payload is not an object';
  if ('command' in body) {
    if (!(typeof body.command === 'string' && typeof body.user_id === 'string' && typeof body.team_id === 'string')) return 'a slash command without command, user_id or team_id';
    return isMember(body.user_id) ? null : 'a slash command whose user_id is no Slack member id';
  }
  switch (body.type) {
    case 'url_verification':
      return typeof body.challenge === 'string' ? null : 'url_verification without a challenge';
    case 'ssl_check':
      return null;
    case 'event_callback':
      return isObject(body.event) && typeof body.event.type === 'string' ? null : 'event_callback without an event';
    case 'block_actions':
      return isObject(body.user) && isMember(body.user.id) && Array.isArray(body.actions) && body.actions.every((a) => isObject(a) && typeof a.action_id === 'string') ? null : 'block_actions without a user or actions';
    case 'view_submission':
    case 'view_closed':
      return isObject(body.user) && isMember(body.user.id) && isObject(body.view) ? null : `${body.type} without a user or view`;
    default:
      return typeof body.type === 'string' ? null : 'a payload without a type';
  }
}

function teamOf(b: SlackPayload): string | undefined {
  const team = isObject(b.team) ? str(b.team.id) : undefined;
  const user = isObject(b.user) ? str(b.user.team_id) : undefined;
  const view = isObject(b.view) ? str(b.view.team_id) : undefined;
  return str(b.team_id) ?? team ?? user ?? view;
}

function appOf(b: SlackPayload): string | undefined {
  return str(b.api_app_id) ?? (isObject(b.view) ? str(b.view.app_id) : undefined);
}
