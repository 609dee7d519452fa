import { z } from 'zod';
import { askHints } from '../src/core/help-text.js';
import { t } from '../src/core/i18n.js';
import { defineIntent } from '../src/core/intent.js';
import { reply } from '../src/core/reply.js';

/**
 * Small talk that borrows a word of the plan ("weather" is in "heavy pollution weather"): the
 * forecast, the time and date, jokes and poems. Said plainly to be outside the plan, never answered
 * with a task. A question that names pollution stays with the plan.
 */
const OFF_TOPIC = [
  /\bweather\b.*\b(today|tomorrow|tonight|this week(end)?|forecast|like|in [a-z]+)\b|\b(today|tomorrow)'?s? weather\b|\bwill it (rain|snow)\b/i,
  /(今天|明天|后天|今晚|本周|周末|[\p{Script=Han}]{2,3}市?)的?天气|天气(怎么样|如何|预报|好吗|好不好)|会不会下雨|下雨吗|下雪吗/u,
  /^\s*(what('s| is) the (time|date)|what time is it|what day is (it|today))\b|几点了|今天(星期|周)几|今天几号/i,
  /\b(tell me a joke|write (me )?a (poem|song|story))\b|讲个笑话|写一首诗|写首诗/i,
];
const ABOUT_PLAN = /pollut|emission|污染|排放|重污染/i;

export const offTopicIntent = defineIntent({
  id: 'off-topic',
  summary: { en: 'Say plainly when a question is outside the plan', zh: '说明问题不在计划范围内' },
  usage: '—',
  examples: { en: ["what's the weather tomorrow"], zh: ['明天天气怎么样'] },
  commands: [],
  args: z.object({}),
  sideEffects: false,
  cues: { words: ['weather', 'will it', 'time', 'date', 'day', 'joke', 'write', '天气', '下雨', '下雪', '几点了', '今天', '讲个笑话', '写一首诗', '写首诗'] },
  recognize: (u) => (!ABOUT_PLAN.test(u.text) && OFF_TOPIC.some((re) => re.test(u.text)) ? {} : null),
  handle: (_args, ctx) =>
    reply(ctx.lang, [
      { type: 'paragraph', text: t(ctx.lang, 'That is outside the work plan, so I cannot help with it.', '这不在工作计划的范围内，我无法回答。') },
      { type: 'context', text: t(ctx.lang, `I answer questions about the plan, e.g. ${askHints(ctx.plan, ctx.lang)}.`, `我可以回答关于计划的问题，例如${askHints(ctx.plan, ctx.lang)}。`) },
    ]),
});
