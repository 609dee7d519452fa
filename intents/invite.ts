import { localMinute } from '../src/core/zone-time.js';
import { z } from 'zod';
import { defineIntent } from '../src/core/intent.js';
import { assertAdmin } from '../src/core/permissions.js';
import { reply, type ReplyBlock } from '../src/core/reply.js';
import { UserError } from '../src/errors.js';


/**
 * Issues a one-time sign-in link to the web chat for a person (admins only), returned privately:
 * whoever opens it first is signed in as `web:<name>`, for 24 hours of validity. Used when the web
 * chat listens beyond this machine; the same as `plan-bot web invite NAME`.
 */
export const inviteIntent = defineIntent({
  id: 'invite',
  summary: { en: 'Make a one-time web chat sign-in link for someone (admins)', zh: '为某人生成一次性网页聊天登录链接（管理员）' },
  usage: '/plan invite @NAME',
  examples: { en: ['/plan invite @bob'], zh: ['/plan 邀请 @bob'] },
  commands: ['invite', '邀请'],
  args: z.object({ name: z.string() }),
  // A link is signed, not stored: nothing is written until it is used.
  sideEffects: false,
  parseCommand: (rest) => ({ name: rest.trim().split(/\s+/)[0] ?? '' }),
  handle: ({ name }, ctx) => {
    assertAdmin(ctx, { en: 'issue web chat sign-in links', zh: '签发网页聊天登录链接' });
    if (!name) throw new UserError('invite.no-name', { en: 'Whom to invite? e.g. /plan invite @bob', zh: '要邀请谁？例如 /plan 邀请 @bob' });
    if (!ctx.webInvites) {
      throw new UserError('invite.unavailable', {
        en: 'Sign-in links are made by the running server: use /plan invite in the web chat or Slack, or run plan-bot web invite NAME.',
        zh: '登录链接由运行中的服务器签发：请在网页聊天或 Slack 中使用 /plan 邀请，或运行 plan-bot web invite NAME。',
      });
    }
    const { url, userId, expiresAt, addressNote } = ctx.webInvites.issue(name);
    // Read in the plan's time zone, as every other time the bot shows.
    const until = `${localMinute(expiresAt, ctx.timeZone)} (${ctx.timeZone})`;
    const text =
      ctx.lang === 'zh'
        ? `一次性登录链接（${userId}，${until} 前有效，只能使用一次）：请私下发给对方。`
        : `One-time sign-in link for ${userId} (works once, until ${until}); send it to them privately.`;
    const blocks: ReplyBlock[] = [{ type: 'paragraph', text }, { type: 'paragraph', text: url }];
    if (addressNote) blocks.push({ type: 'context', text: addressNote[ctx.lang] });
    return reply(ctx.lang, blocks, { ephemeral: true });
  },
});
