import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { TLSSocket } from 'node:tls';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { WebAuthMode } from '../../config/load-config.js';
import { isChatName } from './client-frame.js';
import { memoryUsedInvites, type UsedInvites } from './used-invites.js';
import { openToken, sealToken } from './web-tokens.js';

/** The cookie that carries a signed-in web session. */
export const SESSION_COOKIE = 'planbot_session';
/** How long an invite link works: 24 hours. */
export const INVITE_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a sign-in lasts: 30 days. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** How the web chat knows who is typing. */
export interface WebAuthOptions {
  mode: WebAuthMode;
  /** Signs sessions and invites (invite mode, and any session cookie). */
  secret?: string;
  /** Proxy mode: the header naming the user (any case). */
  header?: string;
  /** Addresses and subnets (`10.0.0.0/8`) whose header is believed; also trusted for `X-Forwarded-Proto`. */
  trustedProxies?: readonly string[];
  /** Used invite links; in memory when not given. */
  usedInvites?: UsedInvites;
  /** Wall-clock milliseconds (injected for tests). */
  now?: () => number;
}

/** Why a sign-in link was refused. */
export type SignInProblem = 'bad' | 'expired' | 'used';

/** Identity decisions of the web chat, made from the request and never from a websocket frame. */
export interface WebAuth {
  readonly mode: WebAuthMode;
  /** The name a request (the page's requests, the websocket upgrade) is signed in as, or null. */
  identify(req: IncomingMessage): string | null;
  /**
   * Proxy mode: the user header a trusted proxy sent that is not a chat name (an e-mail address, say),
   * cut to 100 characters; null when there is none or it names a user. Lets the page and the log say why.
   */
  proxyNameRefused(req: IncomingMessage): string | null;
  /** Uses a one-time link: the `Set-Cookie` value of the new session, or why it is refused. */
  redeem(token: string, req: IncomingMessage): Promise<{ ok: true; name: string; cookie: string } | { ok: false; problem: SignInProblem }>;
  /** The `Set-Cookie` value that signs the browser out. */
  signOutCookie(req: IncomingMessage): string;
}

/** Creates the web chat's identity checks. Invite mode needs a secret; proxy mode trusted addresses. */
export function createWebAuth(opts: WebAuthOptions): WebAuth {
  const now = opts.now ?? (() => Date.now());
  const used = opts.usedInvites ?? memoryUsedInvites();
  const trusted = addressList(opts.trustedProxies ?? []);
  const header = (opts.header ?? 'x-forwarded-user').toLowerCase();
  if (opts.mode === 'invite' && !opts.secret) throw new Error('web chat invite sign-in needs a signing secret');
  if (opts.mode === 'proxy' && (opts.trustedProxies ?? []).length === 0) throw new Error('web chat proxy sign-in needs the trusted proxy addresses');

  const fromTrustedProxy = (req: IncomingMessage) => {
    const address = normalise(req.socket.remoteAddress);
    return address !== null && trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  };
  const secure = (req: IncomingMessage) => req.socket instanceof TLSSocket || (fromTrustedProxy(req) && String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https');
  const cookieOptions = (req: IncomingMessage) => ({ httpOnly: true, sameSite: 'lax' as const, path: '/', secure: secure(req) });

  const proxyValue = (req: IncomingMessage): string | null => {
    if (!fromTrustedProxy(req)) return null;
    const value = req.headers[header];
    return typeof value === 'string' ? headerText(value).normalize('NFKC').trim() : null;
  };
  const fromProxy = (req: IncomingMessage): string | null => {
    const name = proxyValue(req);
    return name !== null && isChatName(name) ? name : null;
  };
  const fromCookie = (req: IncomingMessage): string | null => {
    if (!opts.secret || !req.headers.cookie) return null;
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (!token) return null;
    const opened = openToken(token, 'session', opts.secret, now());
    return opened.ok && isChatName(opened.claims.name) ? opened.claims.name : null;
  };

  return {
    mode: opts.mode,
    identify(req) {
      if (opts.mode === 'proxy') return fromProxy(req);
      return fromCookie(req);
    },
    proxyNameRefused(req) {
      if (opts.mode !== 'proxy') return null;
      const value = proxyValue(req);
      return value && !isChatName(value) ? value.slice(0, 100) : null;
    },
    async redeem(token, req) {
      if (!opts.secret) return { ok: false, problem: 'bad' };
      const opened = openToken(token, 'invite', opts.secret, now());
      if (!opened.ok) return opened;
      const { name, id } = opened.claims;
      if (!isChatName(name) || !id) return { ok: false, problem: 'bad' };
      // Remembered (durably) before the session is handed out: a link works once, even across a restart or replicas.
      if (!(await used.use(id, opened.claims.expiresAt))) return { ok: false, problem: 'used' };
      const session = sealToken({ kind: 'session', name, expiresAt: now() + SESSION_TTL_MS }, opts.secret);
      return { ok: true, name, cookie: serializeCookie(SESSION_COOKIE, session, { ...cookieOptions(req), maxAge: SESSION_TTL_MS / 1000 }) };
    },
    signOutCookie(req) {
      return serializeCookie(SESSION_COOKIE, '', { ...cookieOptions(req), maxAge: 0 });
    },
  };
}

/**
 * A header's text. Node reads header bytes as Latin-1, while sign-in proxies pass a name's UTF-8 bytes
 * on as they are (nginx, oauth2-proxy): bytes that are valid UTF-8 are read as UTF-8 (张伟), others as
 * they came (a Latin-1 `José`).
 */
function headerText(value: string): string {
  if (!/[\x80-\xff]/.test(value) || /[^\x00-\xff]/.test(value)) return value;
  const utf8 = Buffer.from(value, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? value : utf8;
}

/** A one-time sign-in token for `name`, valid for `ttlMs` (24 h). */
export function inviteToken(name: string, secret: string, now: number, ttlMs = INVITE_TTL_MS): { token: string; expiresAt: Date } {
  const expiresAt = now + ttlMs;
  return { token: sealToken({ kind: 'invite', name, expiresAt, id: randomUUID() }, secret), expiresAt: new Date(expiresAt) };
}

/** The link that opens the chat's sign-in page with a token: `https://plan.example.org/signin#TOKEN`. */
export function inviteLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/signin#${token}`;
}

function addressList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    if (!address) continue;
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) as `127.0.0.1`. */
function normalise(address: string | undefined): string | null {
  if (!address) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}
