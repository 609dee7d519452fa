import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import express from 'express';
import type { ReplyFile } from '../../core/reply.js';
import type { Logger } from '../../core/logger.js';
import { webUser } from '../../core/user-ids.js';
import type { WebAuth } from './web-auth.js';
import { openToken, sealToken } from './web-tokens.js';

/** How long a download link works: 10 minutes. */
export const FILE_LINK_TTL_MS = 10 * 60 * 1000;
/** Bytes of files kept for download at most; the oldest go first past it. */
export const FILE_STORE_BYTES = 256 * 1024 * 1024;
/** The path download links start with. */
export const FILES_PATH = '/files/';

/** A file as the page receives it: a link to fetch it, and what to show beside it. */
export interface WebFileLink {
  name: string;
  title: string;
  mediaType: string;
  size: number;
  url: string;
  /** ISO instant after which the link is refused. */
  expiresAt: string;
}

interface Kept {
  file: ReplyFile;
  expiresAt: number;
}

/**
 * The files replies carry, kept in memory for `FILE_LINK_TTL_MS` behind short-lived signed links
 * (`/files/TOKEN`, sealed with the web chat's signing code). Who may fetch: on a chat that signs people
 * in (invite, proxy), only someone signed in, and for a file that answered a person, only that person
 * (the name sealed in the link); on a loopback chat without sign-in, whoever has the link, on this machine.
 */
export class WebFiles {
  private readonly kept = new Map<string, Kept>();
  private bytes = 0;
  private readonly secret: string;
  private readonly now: () => number;

  constructor(opts: { secret?: string; now?: () => number; ttlMs?: number; maxBytes?: number } = {}) {
    // Files live in this process only, so a secret of its own is enough when the chat has none.
    this.secret = opts.secret ?? randomBytes(32).toString('hex');
    this.now = opts.now ?? (() => Date.now());
    this.ttlMs = opts.ttlMs ?? FILE_LINK_TTL_MS;
    this.maxBytes = opts.maxBytes ?? FILE_STORE_BYTES;
  }

  private readonly ttlMs: number;
  private readonly maxBytes: number;

  /** Keeps the files and returns their links; `owner` (a user id, `web:bob`) alone may fetch them on a signed-in chat, null: anyone signed in. */
  offer(files: readonly ReplyFile[], owner: string | null): WebFileLink[] {
    this.sweep();
    return files.map((file) => {
      const id = randomUUID();
      const expiresAt = this.now() + this.ttlMs;
      this.kept.set(id, { file, expiresAt });
      this.bytes += file.data.byteLength;
      this.evictPastLimit();
      const token = sealToken({ kind: 'file', name: owner ?? '', expiresAt, id }, this.secret);
      return { name: file.name, title: file.title, mediaType: file.mediaType, size: file.data.byteLength, url: `${FILES_PATH}${encodeURIComponent(token)}`, expiresAt: new Date(expiresAt).toISOString() };
    });
  }

  /** The file behind a link for a request, or why not: `gone` (expired, evicted, unknown), `forbidden` (not the person it is for). */
  open(token: string, req: IncomingMessage, auth: WebAuth): { ok: true; file: ReplyFile } | { ok: false; problem: 'gone' | 'forbidden' | 'bad' } {
    const opened = openToken(token, 'file', this.secret, this.now());
    if (!opened.ok) return { ok: false, problem: opened.problem === 'expired' ? 'gone' : 'bad' };
    if (auth.mode !== 'local') {
      const who = auth.identify(req);
      if (who === null || (opened.claims.name !== '' && webUser(who) !== opened.claims.name)) return { ok: false, problem: 'forbidden' };
    }
    const kept = this.kept.get(opened.claims.id!);
    if (!kept || kept.expiresAt < this.now()) return { ok: false, problem: 'gone' };
    return { ok: true, file: kept.file };
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, k] of this.kept) if (k.expiresAt < now) this.drop(id, k);
  }

  private evictPastLimit(): void {
    // A Map iterates in insertion order: the oldest first.
    for (const [id, k] of this.kept) {
      if (this.bytes <= this.maxBytes || this.kept.size <= 1) break;
      this.drop(id, k);
    }
  }

  private drop(id: string, k: Kept): void {
    this.kept.delete(id);
    this.bytes -= k.file.data.byteLength;
  }
}

/** `Content-Disposition` for a file name in any script (RFC 6266: an ASCII fallback and the UTF-8 name). */
function disposition(name: string, inline: boolean): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The download route of the web chat: `GET /files/TOKEN`, images inline, everything else as an attachment. */
export function fileRoutes(files: WebFiles, auth: WebAuth, logger: Logger): express.Router {
  const router = express.Router();
  router.get(`${FILES_PATH}:token`, (req, res) => {
    const found = files.open(req.params.token ?? '', req, auth);
    res.set({ 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    if (!found.ok) {
      if (found.problem === 'forbidden') logger.info({ address: req.socket.remoteAddress }, 'refused a file link to someone it is not for');
      const status = found.problem === 'forbidden' ? 403 : found.problem === 'gone' ? 410 : 404;
      const text = {
        forbidden: 'This link is for someone else, or you are not signed in. · 此链接不属于您，或您尚未登录。',
        gone: 'This link has expired (links last 10 minutes): ask for the file again. · 链接已过期（有效期10分钟），请重新获取文件。',
        bad: 'No such file. · 文件不存在。',
      }[found.problem];
      res.status(status).type('text/plain; charset=utf-8').send(`${text}\n`);
      return;
    }
    const { file } = found;
    const inline = /^image\/(?:png|jpeg|gif|webp)$/.test(file.mediaType);
    res.set({ 'Content-Type': file.mediaType, 'Content-Disposition': disposition(file.name, inline), 'Content-Security-Policy': "default-src 'none'; sandbox" });
    res.end(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
  });
  return router;
}
