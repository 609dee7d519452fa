import express from 'express';
import type { Logger } from '../../core/logger.js';
import { sameOrigin } from './request-guards.js';
import type { SignInProblem, WebAuth } from './web-auth.js';

/** What the page is told about sign-in by `GET /session`. */
export interface SessionInfo {
  /** `local`: choose a name; `invite`: sign in with a link from an admin; `proxy`: through the organisation's sign-in. */
  mode: WebAuth['mode'];
  /** Who this browser is signed in as, or null. */
  user: string | null;
  /** Why a browser the proxy did sign in is not: the name it sent (`claimed`) is not a chat name. */
  problem?: 'proxy-bad-name';
  claimed?: string;
}

/** The operator's log line when a trusted proxy names someone with a value that is not a chat name. */
export function proxyBadNameLog(claimed: string): [Record<string, unknown>, string] {
  return [
    { claimed },
    `the sign-in proxy named "${claimed}", which is not a chat name (1–32 letters, digits, ".", "_" or "-"): make the proxy send a username in the header set by PLANBOT_WEB_AUTH_HEADER (see docs/web.md)`,
  ];
}

/** Refusals of a sign-in link, in both languages: the page shows them as they are. */
export const SIGN_IN_REFUSALS: Record<SignInProblem | 'cross-site' | 'not-invite' | 'not-recorded', string> = {
  bad: 'This sign-in link is not valid (incomplete or not from this server). Ask an admin for a new one. 此登录链接无效（不完整或并非本服务器签发），请向管理员索取新的链接。',
  expired: 'This sign-in link has expired (links work for 24 hours). Ask an admin for a new one. 此登录链接已过期（有效期 24 小时），请向管理员索取新的链接。',
  used: 'This sign-in link has already been used (each link works once). Ask an admin for a new one. 此登录链接已使用过（每个链接只能用一次），请向管理员索取新的链接。',
  'cross-site': 'Sign-in must come from this chat’s own page. 登录请求必须来自本聊天页面。',
  'not-invite': 'This chat does not use sign-in links. 本聊天不使用登录链接。',
  'not-recorded': 'Not signed in: the server cannot record that this link was used; please tell whoever runs this chat. 未能登录：服务器无法记录此链接已被使用，请告知本聊天的管理者。',
};

/**
 * The sign-in routes: `GET /session` (who this browser is, and how to sign in), `POST /signin`
 * (the sign-in page posts the token from its link's fragment, so link scanners that only fetch the
 * URL never use it up) and `POST /signout`.
 */
export function signInRoutes(auth: WebAuth, logger: Logger): express.Router {
  const router = express.Router();
  router.get('/session', (req, res) => {
    const info: SessionInfo = { mode: auth.mode, user: auth.identify(req) };
    const claimed = info.user === null ? auth.proxyNameRefused(req) : null;
    if (claimed !== null) {
      Object.assign(info, { problem: 'proxy-bad-name', claimed });
      logger.warn(...proxyBadNameLog(claimed));
    }
    res.set('Cache-Control', 'no-store').json(info);
  });
  router.post('/signin', express.text({ type: '*/*', limit: '4kb' }), async (req, res) => {
    const refuse = (status: number, id: keyof typeof SIGN_IN_REFUSALS) => void res.status(status).json({ ok: false, id, text: SIGN_IN_REFUSALS[id] });
    if (!sameOrigin(req.headers.origin, req.headers.host)) return refuse(403, 'cross-site');
    if (auth.mode === 'proxy') return refuse(400, 'not-invite');
    const token = typeof req.body === 'string' ? req.body.trim() : '';
    let outcome: Awaited<ReturnType<WebAuth['redeem']>>;
    try {
      outcome = await auth.redeem(token, req);
    } catch (err) {
      // The link could not be marked used, so no session is handed out; the operator gets the cause.
      logger.error({ err }, 'could not record a used web sign-in link');
      return refuse(503, 'not-recorded');
    }
    if (!outcome.ok) return refuse(outcome.problem === 'bad' ? 401 : 410, outcome.problem);
    res.set({ 'Set-Cookie': outcome.cookie, 'Cache-Control': 'no-store' }).json({ ok: true, user: outcome.name });
  });
  router.post('/signout', (req, res) => {
    if (!sameOrigin(req.headers.origin, req.headers.host)) return void res.status(403).end();
    res.set('Set-Cookie', auth.signOutCookie(req)).json({ ok: true });
  });
  return router;
}
