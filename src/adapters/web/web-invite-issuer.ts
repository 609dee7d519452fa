import type { WebAuthMode } from '../../config/load-config.js';
import type { WebInviteIssuer } from '../../core/intent.js';
import { UserError } from '../../errors.js';
import { isChatName } from './client-frame.js';
import { webUserId } from './start-web-chat.js';
import { inviteLink, inviteToken, INVITE_TTL_MS } from './web-auth.js';

/**
 * Issues one-time web chat sign-in links (for `/plan invite @name` and `plan-bot web invite NAME`).
 * `baseUrl` is read when a link is made, since the chat's address is known only once it listens.
 */
export function webInviteIssuer(opts: { secret: string; baseUrl: () => string; mode?: WebAuthMode; now?: () => number; ttlMs?: number }): WebInviteIssuer {
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
      return { url: inviteLink(opts.baseUrl(), token), userId: webUserId(name), expiresAt };
    },
  };
}
