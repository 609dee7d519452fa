import type { WebAuthMode } from '../../config/load-config.js';
import type { WebInviteIssuer } from '../../core/intent.js';
import { UserError } from '../../errors.js';
import { isChatName } from './client-frame.js';
import { webUser } from '../../core/user-ids.js';
import { inviteLink, inviteToken, INVITE_TTL_MS } from './web-auth.js';

/**
 * Issues one-time web chat sign-in links (for `/plan invite @name` and `plan-bot web invite NAME`).
 * `baseUrl` is read when a link is made, since the chat's address is known only once it listens.
 */
export function webInviteIssuer(opts: {
  secret: string;
  baseUrl: () => string;
  /** True when `baseUrl` is the address the server listens on, not `PLANBOT_WEB_URL`: each link then says so. */
  baseUrlGuessed?: boolean;
  mode?: WebAuthMode;
  now?: () => number;
  ttlMs?: number;
}): WebInviteIssuer {
  return {
    issue(raw) {
      if (opts.mode === 'proxy') {
        throw new UserError('invite.proxy', {
          en: 'This web chat signs people in through the reverse proxy (PLANBOT_WEB_AUTH=proxy), so it takes no sign-in links: give them access at the proxy.',
          zh: '本网页聊天通过反向代理登录（PLANBOT_WEB_AUTH=proxy），不使用登录链接：请在代理处为对方开通访问权限。',
        });
      }
      const name = raw.normalize('NFKC').trim().replace(/^@/, '').replace(/^web:/, '');
      if (!isChatName(name)) {
        throw new UserError(
          'invite.bad-name',
          {
            en: `"${raw}" is not a web chat name: use 1–32 letters, digits, ".", "_" or "-", starting with a letter or digit, e.g. /plan invite @bob`,
            zh: `“${raw}”不是有效的网页聊天名字：须为 1–32 个字母、数字或 . _ -，并以字母或数字开头，例如 /plan 邀请 @bob`,
          },
          { name: raw },
        );
      }
      const { token, expiresAt } = inviteToken(name, opts.secret, (opts.now ?? Date.now)(), opts.ttlMs ?? INVITE_TTL_MS);
      const base = opts.baseUrl();
      const issued = { url: inviteLink(base, token), userId: webUser(name), expiresAt };
      if (opts.mode === 'local') return { ...issued, addressNote: localNote(base) };
      if (!opts.baseUrlGuessed) return issued;
      return { ...issued, addressNote: guessedAddressNote(base) };
    },
  };
}

/** What an admin needs to know about a link whose address is the listening one: it may not be the one people open. */
function guessedAddressNote(base: string): { en: string; zh: string } {
  return {
    en: `PLANBOT_WEB_URL is unset, so the link points at ${base}, the address the server listens on. If people open the chat at another address, the operator sets PLANBOT_WEB_URL to it (see docs/web.md).`,
    zh: `未设置 PLANBOT_WEB_URL，链接指向服务器监听的地址 ${base}。如果大家通过其他地址打开聊天，请运维人员把 PLANBOT_WEB_URL 设为该地址（见 docs/web.md）。`,
  };
}

/** A link issued while the chat needs no sign-in (loopback, no PLANBOT_WEB_AUTH): it matters only once that changes. */
function localNote(base: string): { en: string; zh: string } {
  return {
    en: `This chat listens on this machine only and needs no sign-in: on this machine, open ${base} and choose a name. The link matters once HOST or PLANBOT_WEB_AUTH change.`,
    zh: `本聊天只在本机监听，无需登录：在本机打开 ${base} 并选择名字即可。HOST 或 PLANBOT_WEB_AUTH 改变后，此链接才有用。`,
  };
}
