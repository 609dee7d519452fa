import { z } from 'zod';
import { chartTarget } from '../src/charts/chart-target.js';
import { t } from '../src/core/i18n.js';
import { defineIntent } from '../src/core/intent.js';
import { reply } from '../src/core/reply.js';

/** "chart", "show the chart for rural sewage", "progress chart of T9.1", "T9.1 chart": the words after the cue in group 1 or 2. */
const CHART_EN = /^(?:(?:can|could|would) you\s+|please\s+)*(?:(?:show|draw|send|give|get|make)\s+(?:me\s+|us\s+)?)?(?:the\s+|a\s+)?(?:progress\s+|trend\s+)?(?:chart|graph)s?(?:\s+(?:for|of|on|about)\s+(.+?))?\s*[?.!]?$|^(.+?)\s+(?:progress\s+|trend\s+)?(?:chart|graph)\s*[?.!]?$/i;
/** "进度图", "T9.1进度图", "看看农村污水的趋势图", "画一下图表": the words before the cue in group 1. */
const CHART_ZH = /^(?:请|麻烦)?(?:有没有|能不能|能否|可以)?(?:给我|帮我|我想|我要)?(?:看看|看一下|看|显示|画|画一下|发|生成)?(?:一下)?(?:一张|一个|个)?(.*?)(?:的)?(?:进度图|进展图|趋势图|统计图|图表)[吗呢？?。!！]*$/;

/**
 * The progress chart as a picture (PNG): every quantified target against the pace, coloured by
 * light; with a target (`/plan chart T9.1`, "show the chart for rural sewage") that target week by
 * week. Drawn from the one attention computation at the clock's now; nothing is written.
 */
export const chartIntent = defineIntent({
  id: 'chart',
  summary: { en: 'A chart of every target against its pace, or of one target week by week', zh: '全部量化指标与时序进度对比图，或某一指标的逐周趋势图' },
  usage: '/plan chart [TARGET]',
  examples: { en: ['/plan chart', '/plan chart T9.1', 'show the chart for rural sewage'], zh: ['进度图', '/plan 图表 T9.1', '农村污水的趋势图'] },
  commands: ['chart', 'charts', 'graph', '图表', '进度图', '趋势图'],
  args: z.object({ target: z.string().nullable() }),
  sideEffects: false,
  cues: { words: ['chart', 'graph', '进度图', '进展图', '趋势图', '统计图', '图表'] },
  recognize: (u) => {
    const text = u.text.trim();
    const en = CHART_EN.exec(text);
    if (en) return { target: (en[1] ?? en[2])?.trim() || null };
    const zh = CHART_ZH.exec(text);
    return zh ? { target: zh[1]!.trim() || null } : null;
  },
  parseCommand: (rest) => ({ target: rest.trim() || null }),
  handle: async ({ target }, ctx) => {
    const { plan, lang } = ctx;
    const found = target ? chartTarget(plan, ctx.search, target) : null;
    // vega and resvg are loaded on the first chart, not with every other intent.
    const { chartFile, drawChart } = await import('../src/charts/make-chart.js');
    const chart = await drawChart({ plan, events: ctx.store.events(), at: ctx.clock.now(), timeZone: ctx.timeZone, lang, indicator: found?.indicator.id ?? null });
    const file = await chartFile(chart, 'png');
    const hint = found
      ? t(lang, 'Every target against its pace: /plan chart', '全部指标与时序进度对比：/plan chart')
      : t(lang, 'One target week by week: /plan chart T9.1', '某一指标的逐周趋势：/plan chart T9.1');
    return reply(lang, [{ type: 'paragraph', text: chart.title }, { type: 'context', text: hint }], {
      files: [file],
      matches: found ? [{ id: found.item.id, score: 1 }] : [],
    });
  },
});
