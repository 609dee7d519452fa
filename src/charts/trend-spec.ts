import type { TopLevelSpec } from 'vega-lite';
import { t } from '../core/i18n.js';
import type { Lang } from '../core/reply.js';
import type { Indicator, PlanItem } from '../plan/schema.js';
import { CHART_CONFIG, lightScale, textWidth } from './chart-style.js';
import type { TrendPoint } from './trend-data.js';

/**
 * The trend chart of one target as a declarative Vega-Lite spec: the percent of the target reported
 * at each week's end (a line, its points coloured by the item's light then) against the pace (a
 * dashed line), weeks along the bottom as local dates (text, so no renderer time zone is involved).
 */
export function trendSpec(points: readonly TrendPoint[], item: PlanItem, ind: Indicator, lang: Lang, asOf: string): TopLevelSpec {
  const x = { field: 'label', type: 'ordinal', sort: null, title: t(lang, 'Week ending', '周末日期'), axis: { labelAngle: -45, labelFontSize: 9 } } as const;
  const y = { type: 'quantitative' as const, title: t(lang, '% of target', '目标完成百分比（%）'), scale: { domainMin: 0, nice: true } };
  const last = points.filter((p) => p.done !== null).slice(-1);
  const subtitle = [
    t(lang, `${item.id} ${item.title.en}, as of ${asOf}`, `${item.id} ${item.title.zh}（截至${asOf}）`),
    t(lang, "Line: % of the target reported, points coloured by the item's light that week; dashed: % the pace asks for", '实线：已报完成百分比，点的颜色为当周事项红黄绿灯；虚线：按时序进度应完成的百分比'),
  ];
  // The plot is at least as wide as the subtitle (less the y axis' room), so that early in the year it is not cut off.
  const titleRoom = Math.max(...subtitle.map((line) => textWidth(line, CHART_CONFIG.title.subtitleFontSize))) - 60;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: t(lang, `${ind.id} ${ind.metric.en}: week by week`, `${ind.id} ${ind.metric.zh}：逐周进展`),
      subtitle,
    },
    width: Math.max(360, points.length * 14, titleRoom),
    height: 220,
    config: CHART_CONFIG,
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      { mark: { type: 'line', strokeDash: [5, 4], color: '#777', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'expected' } } },
      { mark: { type: 'line', color: '#4a6fa5', strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'done' } } },
      {
        mark: { type: 'point', filled: true, size: 45, opacity: 1 },
        encoding: {
          x,
          y: { ...y, field: 'done' },
          color: { field: 'lightLabel', type: 'nominal', scale: lightScale(lang), legend: { title: t(lang, 'Light', '红黄绿灯'), orient: 'bottom', direction: 'horizontal' } },
        },
      },
      { data: { values: last.map((p) => ({ ...p })) }, mark: { type: 'text', align: 'left', dx: 6, dy: -8, fontSize: 10, color: '#333' }, encoding: { x, y: { ...y, field: 'done' }, text: { field: 'text', type: 'nominal' } } },
    ],
  } satisfies TopLevelSpec;
}
