import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { t } from '../src/core/i18n.js';
import { defineIntent, eventOrigin, type IntentContext } from '../src/core/intent.js';
import { reply } from '../src/core/reply.js';
import { resolveUser } from '../src/core/resolve-user.js';
import { userRef } from '../src/core/user-refs.js';
import { bareId, deriveSubscriptions, describeAudience, parseDigestWords, type DigestFilters, type DigestLang } from '../src/digest/subscriptions.js';
import { zoneFormatter } from '../src/digest/week.js';
import { UserError } from '../src/errors.js';
import { Status } from '../src/store/events.js';

/** The arguments of `/plan subscribe` and `/plan digest`, as `parseDigestWords` reads them. */
export const DigestArgs = z.object({
  group: z.string().regex(/^G\d+$/).nullable().default(null),
  owner: z.string().min(1).nullable().default(null),
  status: Status.nullable().default(null),
  lang: z.enum(['zh', 'en', 'both']).nullable().default(null),
  mine: z.boolean().default(false),
  unknown: z.array(z.string()).default([]),
});
/** Validated digest arguments. */
export type DigestArgs = z.infer<typeof DigestArgs>;

const SUBSCRIBE_USAGE = '/plan subscribe [G3] [@owner|mine] [at-risk|…] [zh|en|both]';

/** Checks the words and resolves them against the plan and the caller: filters for a subscription. */
export function filtersFrom(args: DigestArgs, ctx: IntentContext, usage: string): DigestFilters {
  if (args.unknown.length) {
    throw new UserError(
      'digest.unknown-words',
      {
        en: `I did not understand "${args.unknown.join(' ')}". Usage: ${usage}, e.g. /plan subscribe G3 at-risk both`,
        zh: `无法识别“${args.unknown.join(' ')}”。用法：${usage}，例如 /plan 订阅 G3 有风险 双语`,
      },
      { words: args.unknown },
    );
  }
  if (args.group) {
    const item = findItem(ctx.plan, args.group);
    if (item.kind !== 'group') {
      throw new UserError('digest.not-a-group', { en: `${item.id} is not a task group; groups are G1, G2 …`, zh: `${item.id} 不是任务组；任务组编号为 G1、G2 …` });
    }
  }
  return { group: args.group, owner: args.mine ? ctx.user.id : args.owner && ownerFilter(args.owner, ctx), status: args.status };
}

/** The owner a filter names (`@bob` on the asker's platform, `@web:bob`, `slack:U0123`), read by the user resolver. */
function ownerFilter(word: string, ctx: IntentContext): string {
  const who = resolveUser(word, ctx.user.id);
  if (!who.ok) throw new UserError(who.code, { en: who.en, zh: who.zh });
  return who.id;
}

function channelOf(ctx: IntentContext): string {
  if (ctx.channel) return ctx.channel;
  throw new UserError('digest.no-channel', {
    en: 'Digests are posted to channels: send this command from the channel that should receive it.',
    zh: '周报发送到频道：请在需要接收周报的频道中发送此命令。',
  });
}

/**
 * Subscribes the current channel to the weekly digest, with optional filters and language. Anyone
 * in a channel may subscribe it (no extra permission): it only sends the channel what its members
 * could ask for themselves, and the event log records who did it. Subscribing again replaces the
 * channel's filters and language.
 */
export const subscribeIntent = defineIntent({
  id: 'subscribe',
  summary: { en: 'Post the weekly progress digest to this channel', zh: '在本频道订阅每周进展周报' },
  usage: SUBSCRIBE_USAGE,
  examples: { en: ['/plan subscribe', '/plan subscribe G3 both', '/plan subscribe at-risk en'], zh: ['/plan 订阅', '/plan 订阅 G3 双语', '/plan 订阅 有风险 中文'] },
  commands: ['subscribe', 'sub', '订阅'],
  args: DigestArgs,
  sideEffects: true,
  parseCommand: (rest) => parseDigestWords(rest),
  handle: async (args, ctx) => {
    const { lang, plan } = ctx;
    const channel = channelOf(ctx);
    const filters = filtersFrom(args, ctx, SUBSCRIBE_USAGE);
    const digestLang: DigestLang = args.lang ?? lang;
    const before = deriveSubscriptions(ctx.store.events(), plan.id).get(channel);
    await ctx.store.append({ type: 'subscribe', channel, filters, lang: digestLang, ...eventOrigin(ctx) });
    const what = describeAudience({ filters, lang: digestLang }, lang);
    return reply(lang, [
      {
        type: 'paragraph',
        text: before
          ? t(lang, `Updated this channel's weekly digest: ${what}.`, `已更新本频道的周报订阅：${what}。`)
          : t(lang, `Subscribed this channel to the weekly progress digest: ${what}. It is posted once a week, for the Monday–Sunday week that has ended.`, `本频道已订阅每周进展周报：${what}。每周发送一次，内容为上一个完整周（周一至周日）。`),
      },
      { type: 'context', text: t(lang, 'Preview it now: /plan digest · Change it: /plan subscribe … · Stop: /plan unsubscribe', '立即预览：/plan 周报 · 修改：/plan 订阅 … · 取消：/plan 取消订阅') },
    ]);
  },
});

/** Stops the weekly digest in the current channel; anyone in the channel may, as with subscribing. */
export const unsubscribeIntent = defineIntent({
  id: 'unsubscribe',
  summary: { en: 'Stop the weekly digest in this channel', zh: '取消本频道的周报订阅' },
  usage: '/plan unsubscribe',
  examples: { en: ['/plan unsubscribe'], zh: ['/plan 取消订阅'] },
  commands: ['unsubscribe', 'unsub', '取消订阅', '退订'],
  args: z.object({}),
  sideEffects: true,
  parseCommand: () => ({}),
  handle: async (_args, ctx) => {
    const { lang, plan } = ctx;
    const channel = channelOf(ctx);
    if (!deriveSubscriptions(ctx.store.events(), plan.id).has(channel)) {
      return reply(lang, [{ type: 'paragraph', text: t(lang, 'This channel is not subscribed to the weekly digest. Subscribe with /plan subscribe.', '本频道没有订阅周报。可用 /plan 订阅 订阅。') }], { ephemeral: true });
    }
    await ctx.store.append({ type: 'unsubscribe', channel, ...eventOrigin(ctx) });
    return reply(lang, [{ type: 'paragraph', text: t(lang, 'This channel will no longer receive the weekly digest. Subscribe again any time with /plan subscribe.', '本频道将不再收到周报。随时可用 /plan 订阅 重新订阅。') }]);
  },
});

/** Lists the channels that receive the digest, with their filters and language. */
export const subscriptionsIntent = defineIntent({
  id: 'subscriptions',
  summary: { en: 'List the channels that receive the weekly digest', zh: '列出订阅周报的频道' },
  usage: '/plan subscriptions',
  examples: { en: ['/plan subscriptions'], zh: ['/plan 订阅列表'] },
  commands: ['subscriptions', 'subs', '订阅列表', '订阅情况'],
  args: z.object({}),
  sideEffects: false,
  parseCommand: () => ({}),
  handle: (_args, ctx) => {
    const { lang, plan } = ctx;
    const subs = [...deriveSubscriptions(ctx.store.events(), plan.id).values()];
    const date = zoneFormatter(ctx.timeZone);
    if (!subs.length) {
      return reply(lang, [{ type: 'paragraph', text: t(lang, 'No channel receives the weekly digest yet. Subscribe a channel with /plan subscribe from inside it.', '目前没有频道订阅周报。可在频道内用 /plan 订阅 订阅。') }]);
    }
    return reply(lang, [
      { type: 'heading', text: t(lang, subs.length === 1 ? '1 channel receives the weekly digest:' : `${subs.length} channels receive the weekly digest:`, `共有${subs.length}个频道订阅周报：`) },
      {
        type: 'list',
        items: subs.map((s) => ({
          id: s.channel,
          text: `${describeAudience(s, lang)} · ${t(lang, `since ${date(s.since, 'YYYY-MM-DD')} by ${userRef(s.user)}`, `${date(s.since, 'YYYY-MM-DD')} 由 ${userRef(s.user)} 订阅`)}${s.channel === ctx.channel ? t(lang, ' (this channel)', '（本频道）') : ''}`,
        })),
      },
    ]);
  },
});
