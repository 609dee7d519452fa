import { z } from 'zod';
import { t } from '../src/core/i18n.js';
import { defineIntent } from '../src/core/intent.js';
import { limitsFor } from '../src/digest/limits.js';
import { NO_FILTERS, deriveSubscriptions, parseDigestWords, type DigestAudience } from '../src/digest/subscriptions.js';
import { buildWeeklyDigest } from '../src/digest/weekly-digest.js';
import { DigestArgs, filtersFrom } from './subscribe.js';

/** "weekly digest", "周报", "本周周报": the digest as it would be posted (the week that has ended). */
const DIGEST_CUE = /^(?:(?:show|preview|the|this|last|weekly|week's|me|my|our)\s+)*(?:weekly\s+)?digest\b|^(?:本周|上周)?(?:工作)?周报$|^(?:看看|预览|显示)(?:本周|上周)?周报/i;
/** "what changed this week", "this week's updates", "any updates last week?": `this`/`last` in group 1 or 2. */
const WEEK_QUESTION_EN =
  /^(?:what(?:'s| has| have)? (?:changed|happened)|(?:any|what are the|show(?: me)? the) (?:updates|changes|progress))(?: in)? (this|last) week\??$|^(this|last) week'?s? (?:updates|progress|changes)\??$/i;
/** "本周有什么变化", "这周有什么进展", "上周有哪些更新了吗": the week word in group 1. */
const WEEK_QUESTION_ZH = /^(本周|这周|这一周|这个星期|这星期|本星期|上周|上一周|上个星期|上星期)(?:有)?(?:什么|哪些)?(?:更新|变化|进展|变动)(?:了)?[吗呢？?]*$/;
const USAGE = '/plan digest [G3] [@owner|mine] [at-risk|…] [zh|en|both]';

const Args = DigestArgs.extend({
  /** `last-week`: the digest as posted (last complete Monday–Sunday week); `week-so-far`: Monday 00:00 to now. */
  span: z.enum(['last-week', 'week-so-far']).default('last-week'),
  /** True for a question in words ("what changed this week"), false for the digest command or "weekly digest". */
  question: z.boolean().default(false),
});

/** The span a "what changed this/last week" question asks about, or null when the text is not one. */
export function weekQuestionSpan(text: string): 'last-week' | 'week-so-far' | null {
  const trimmed = text.trim();
  const en = WEEK_QUESTION_EN.exec(trimmed);
  const word = en ? (en[1] ?? en[2])!.toLowerCase() : WEEK_QUESTION_ZH.exec(trimmed)?.[1];
  if (!word) return null;
  return word === 'last' || word.startsWith('上') ? 'last-week' : 'week-so-far';
}

/**
 * Shows the caller, and only the caller, the digest this channel would get now (its subscription's
 * filters and language; the whole plan in the caller's language when it has none): the last complete
 * Monday–Sunday week. Words after the command preview other filters without subscribing. A question
 * about "this week" covers Monday 00:00 to now instead, and one about "last week" the week that
 * ended, for the whole plan in the question's language; each reply names its dates.
 */
export const digestPreviewIntent = defineIntent({
  id: 'digest-preview',
  summary: { en: 'Preview the weekly digest, or what changed this week so far (only you see it)', zh: '预览周报，或本周至今的变化（仅自己可见）' },
  usage: USAGE,
  examples: { en: ['/plan digest', '/plan digest G3 en', 'weekly digest', 'what changed this week'], zh: ['/plan 周报', '/plan 周报 有风险', '周报', '本周有什么变化'] },
  commands: ['digest', 'weekly', '周报', '摘要'],
  args: Args,
  sideEffects: false,
  cues: { words: ['digest', 'week', '周', '星期'] },
  recognize: (u) => {
    const span = weekQuestionSpan(u.text);
    if (span) return { ...parseDigestWords(''), span, question: true };
    return DIGEST_CUE.test(u.text.trim()) ? parseDigestWords('') : null;
  },
  parseCommand: (rest) => parseDigestWords(rest),
  handle: (args, ctx) => {
    const { lang, plan } = ctx;
    const sub = ctx.channel && !args.question ? deriveSubscriptions(ctx.store.events(), plan.id).get(ctx.channel) : undefined;
    const custom = args.group || args.owner || args.status || args.mine || args.lang || args.unknown.length;
    const audience: DigestAudience = custom
      ? { filters: filtersFrom(args, ctx, USAGE), lang: args.lang ?? sub?.lang ?? lang }
      : (sub ?? { filters: NO_FILTERS, lang });
    const limits = limitsFor(ctx.platform);
    const digest = buildWeeklyDigest({
      plan,
      events: ctx.store.events(),
      audience,
      now: ctx.clock.now(),
      timeZone: ctx.timeZone,
      span: args.span,
      options: { limits: { ...limits, maxBlocks: limits.maxBlocks - 1 }, ...(ctx.reporting ? { reporting: ctx.reporting } : {}) },
    });
    const note = args.question
      ? args.span === 'week-so-far'
        ? t(lang, 'This week so far, Monday 00:00 to now; visible only to you. The weekly digest covers each Monday–Sunday week once it has ended.', '本周一零时至今的变化，仅您可见。周报在每周（周一至周日）结束后汇总整周。')
        : t(lang, 'Last week, Monday to Sunday; visible only to you.', '上周（周一至周日）的变化，仅您可见。')
      : sub && !custom
        ? t(lang, "Preview of this channel's weekly digest (the last complete Monday–Sunday week), visible only to you.", '本频道周报预览（上一个完整周，周一至周日），仅您可见。')
        : t(lang, `Preview of the weekly digest (the last complete Monday–Sunday week), visible only to you.${sub ? '' : ' This channel is not subscribed: /plan subscribe'}`, `周报预览（上一个完整周，周一至周日），仅您可见。${sub ? '' : '本频道未订阅周报：/plan 订阅'}`);
    return { ...digest.reply, blocks: [{ type: 'context', text: note }, ...digest.reply.blocks], ephemeral: true };
  },
});
