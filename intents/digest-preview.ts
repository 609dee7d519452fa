import { t } from '../src/core/i18n.js';
import { defineIntent } from '../src/core/intent.js';
import { limitsFor } from '../src/digest/limits.js';
import { NO_FILTERS, deriveSubscriptions, parseDigestWords, type DigestAudience } from '../src/digest/subscriptions.js';
import { buildWeeklyDigest } from '../src/digest/weekly-digest.js';
import { DigestArgs, filtersFrom } from './subscribe.js';

const DIGEST_CUE =
  /^(?:(?:show|preview|the|this|last|weekly|week's|me|my|our)\s+)*(?:weekly\s+)?digest\b|^(?:本周|上周)?(?:工作)?周报$|^(?:看看|预览|显示)(?:本周|上周)?周报|^what(?:'s| has| have)? changed (?:this|last) week\??$|^(?:this|last) week'?s? (?:updates|progress|changes)\??$|^(?:本周|上周)(?:有)?(?:什么|哪些)?(?:更新|变化|进展)(?:了)?[吗？?]*$/i;
const USAGE = '/plan digest [G3] [@owner|mine] [at-risk|…] [zh|en|both]';

/**
 * Shows the caller, and only the caller, the digest this channel would get now (its subscription's
 * filters and language; the whole plan in the caller's language when it has none). Words after the
 * command preview other filters without subscribing.
 */
export const digestPreviewIntent = defineIntent({
  id: 'digest-preview',
  summary: { en: 'Preview the weekly digest (only you see it)', zh: '预览周报（仅自己可见）' },
  usage: USAGE,
  examples: { en: ['/plan digest', '/plan digest G3 en', 'weekly digest'], zh: ['/plan 周报', '/plan 周报 有风险', '周报'] },
  commands: ['digest', 'weekly', '周报', '摘要'],
  args: DigestArgs,
  sideEffects: false,
  recognize: (u) => (DIGEST_CUE.test(u.text.trim()) ? parseDigestWords('') : null),
  parseCommand: (rest) => parseDigestWords(rest),
  handle: (args, ctx) => {
    const { lang, plan } = ctx;
    const sub = ctx.channel ? deriveSubscriptions(ctx.store.events(), plan.id).get(ctx.channel) : undefined;
    const custom = args.group || args.owner || args.status || args.mine || args.lang || args.unknown.length;
    const audience: DigestAudience = custom
      ? { filters: filtersFrom(args, ctx, USAGE), lang: args.lang ?? sub?.lang ?? lang }
      : (sub ?? { filters: NO_FILTERS, lang });
    const limits = limitsFor(ctx.platform);
    const digest = buildWeeklyDigest({ plan, events: ctx.store.events(), audience, now: ctx.clock.now(), timeZone: ctx.timeZone, options: { limits: { ...limits, maxBlocks: limits.maxBlocks - 1 } } });
    const note = sub && !custom
      ? t(lang, "Preview of this channel's weekly digest, visible only to you.", '本频道周报预览，仅您可见。')
      : t(lang, `Preview, visible only to you.${sub ? '' : ' This channel is not subscribed: /plan subscribe'}`, `预览，仅您可见。${sub ? '' : '本频道未订阅周报：/plan 订阅'}`);
    return { ...digest.reply, blocks: [{ type: 'context', text: note }, ...digest.reply.blocks], ephemeral: true };
  },
});
