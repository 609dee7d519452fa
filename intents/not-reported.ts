import { z } from 'zod';
import { foldTraditional } from '../src/search/fold-traditional.js';
import { t } from '../src/core/i18n.js';
import { analysed } from '../src/core/analysed-utterance.js';
import { defineIntent } from '../src/core/intent.js';
import { reply, type ReplyBlock } from '../src/core/reply.js';
import { notReported } from '../src/digest/not-reported.js';
import { cycleSpanText, everyoneReported, notReportedHeading, reporterText } from '../src/digest/render-not-reported.js';
import { currentCycle, defaultReportingSchedule } from '../src/digest/reporting-cycle.js';

/** "who hasn't reported this week" (also hasnt, hasn’t), "which units have not reported yet", "who is missing reports". */
const NOT_REPORTED_EN =
  /^(?:who|which (?:units?|cities|departments?|people|owners?|tasks?))\s+(?:(?:has|have)(?:n['’]?t| not)|did(?:n['’]?t| not)|(?:is|are) (?:yet to|still to))\s+(?:yet\s+)?(?:reported|report|submitted|submit)(?:\s+(?:yet|this (?:week|cycle)|for this (?:week|cycle)))*\s*\??$|^(?:who|which units?) (?:is|are) (?:missing|late with) (?:reports?|their reports?)(?: this (?:week|cycle))?\s*\??$|^not reported(?: this (?:week|cycle))?\s*\??$/i;
/** "哪些单位还没报送", "谁还没有报送", "这周谁还没报送", "本周未报送的单位", "未报送". */
const NOT_REPORTED_ZH =
  /^(?:本周|这周|本期|本周期)?(?:哪些|哪个|什么)?(?:单位|地市|部门|人|责任单位|负责人)?(?:还|尚|仍)?(?:没有|没|未)(?:报送|上报|汇报|报告)(?:的)?(?:单位|地市|部门|人|名单)?(?:有哪些|是哪些|是谁)?[了吗呢？?]*$|^(?:本周|这周|本期|本周期)?谁(?:还|尚|仍)?(?:没有|没|未)(?:报送|上报|汇报|报告)[了吗呢？?]*$/;

/**
 * Who has not reported (未报送) in the reporting cycle in progress: each unit (or owner, for items
 * without units) that owes a report on an item it is responsible for, from the last due time to the
 * next (PLANBOT_REPORT_DUE, moved off days off). A question: it never writes.
 */
export const notReportedIntent = defineIntent({
  id: 'not-reported',
  summary: { en: "Who has not reported in this reporting cycle (due Fridays 12:00 by default)", zh: '本报送周期哪些单位（负责人）还没有报送' },
  usage: '/plan not-reported',
  examples: { en: ["who hasn't reported this week", 'which units have not reported yet'], zh: ['哪些单位还没报送', '谁还没有报送'] },
  commands: ['not-reported', 'unreported', '未报送'],
  args: z.object({}),
  sideEffects: false,
  cues: { words: ['report', 'submit', '报送', '上报', '汇报', '报告'] },
  recognize: (u) => (NOT_REPORTED_EN.test(u.text.trim()) || NOT_REPORTED_ZH.test(analysed(u).folded.trim()) ? {} : null),
  parseCommand: () => ({}),
  handle: (_args, ctx) => {
    const { lang, plan } = ctx;
    const now = ctx.clock.now();
    const schedule = ctx.reporting ?? defaultReportingSchedule(ctx.timeZone);
    const cycle = currentCycle(now, schedule);
    const list = notReported({ plan, events: ctx.store.events(), cycle, asOf: now });
    const items = [...new Set(list.flatMap((n) => n.items))];
    const blocks: ReplyBlock[] = [
      { type: 'heading', text: notReportedHeading(cycle, items.length, ctx.timeZone, lang) },
      { type: 'context', text: t(lang, `This reporting cycle: ${cycleSpanText(cycle, ctx.timeZone)} (${ctx.timeZone}). Items without units are reported by their owners.`, `本报送周期：${cycleSpanText(cycle, ctx.timeZone)}（${ctx.timeZone}）。未明确责任单位的事项由负责人报送。`) },
      {
        type: 'paragraph',
        text: list.length
          ? list.map((n) => `${reporterText(n, lang)}${t(lang, ': ', '：')}${n.items.join(t(lang, ', ', '、'))}`).join('\n')
          : everyoneReported(lang),
      },
    ];
    return reply(lang, blocks, { matches: items.map((id) => ({ id, score: 1 })) });
  },
});
