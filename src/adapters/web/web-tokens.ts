import { sign, unsign } from 'cookie-signature';

/** What a signed token says: what it is for, whose it is, until when, and (for invites) its one-time id. */
export interface TokenClaims {
  /** `file`: a download link of a file a reply carried (web-files.ts). */
  kind: 'invite' | 'session' | 'file';
  name: string;
  /** Milliseconds since the epoch after which the token is refused. */
  expiresAt: number;
  /** An invite's id, remembered once used so the link works once. */
  id?: string;
}

/** Why a token was refused. */
export type TokenProblem = 'bad' | 'expired';

/**
 * Seals claims into a token: base64url JSON signed with HMAC-SHA256 by `cookie-signature` (the
 * signer express uses for its own signed cookies). Safe in a URL fragment and a cookie.
 */
export function sealToken(claims: TokenClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify({ k: claims.kind, n: claims.name, e: claims.expiresAt, ...(claims.id ? { j: claims.id } : {}) })).toString('base64url');
  return sign(body, secret);
}

/** Opens a token of one kind: its claims when the signature is right and it has not expired. Pure. */
export function openToken(token: string, kind: TokenClaims['kind'], secret: string, now: number): { ok: true; claims: TokenClaims } | { ok: false; problem: TokenProblem } {
  if (typeof token !== 'string' || token.length > 2048 || !token.includes('.')) return { ok: false, problem: 'bad' };
  const body = unsign(token, secret);
  if (body === false) return { ok: false, problem: 'bad' };
  let data: { k?: unknown; n?: unknown; e?: unknown; j?: unknown };
  try {
    data = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'bad' };
  }
  if (data.k !== kind || typeof data.n !== 'string' || typeof data.e !== 'number') return { ok: false, problem: 'bad' };
  if ((kind === 'invite' || kind === 'file') && typeof data.j !== 'string') return { ok: false, problem: 'bad' };
  if (now > data.e) return { ok: false, problem: 'expired' };
  return { ok: true, claims: { kind, name: data.n, expiresAt: data.e, ...(typeof data.j === 'string' ? { id: data.j } : {}) } };
}
