import type { TopLevelSpec } from 'vega-lite';
import { t } from '../core/i18n.js';
import type { Lang } from '../core/reply.js';
import { CHART_CONFIG, leftPadding, lightScale } from './chart-style.js';
import { MAX_PERCENT, type ProgressRow } from './progress-data.js';

/**
 * The progress chart as a declarative Vega-Lite spec: one bar per quantified target (percent of the
 * target reported, coloured by the item's light), a black tick at the percent the pace asks for at
 * this date, a dashed rule at 100 %, the value beside each bar. `asOf` is the local date it shows.
 */
export function progressSpec(rows: readonly ProgressRow[], lang: Lang, asOf: string, planTitle: string): TopLevelSpec {
  const y = { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min', order: 'ascending' }, title: null, axis: { labelLimit: 0, labelFontSize: 11, ticks: false, domain: false } } as const;
  const x = { type: 'quantitative' as const, scale: { domain: [0, MAX_PERCENT] }, axis: { values: [0, 25, 50, 75, 100, 125, 150] }, title: t(lang, '% of target reached', '目标完成百分比（%）') };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: t(lang, `Targets against pace, as of ${asOf}`, `量化指标完成情况与时序进度（截至${asOf}）`),
      subtitle: [
        planTitle,
        t(lang, "Bar: % of the target reported, coloured by the item's light; black tick: % the pace asks for by now; dashed: 100%", '条形：已报完成百分比，颜色为事项红黄绿灯；黑色竖线：按时序进度此时应完成的百分比；虚线：100%'),
      ],
    },
    width: 420,
    padding: { left: leftPadding(rows.map((r) => r.label), 11), right: 5, top: 5, bottom: 5 },
    height: { step: 24 },
    config: CHART_CONFIG,
    data: { values: rows.map((r) => ({ ...r })) },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.66 } },
        encoding: {
          y,
          x: { ...x, field: 'bar' },
          color: { field: 'lightLabel', type: 'nominal', scale: lightScale(lang), legend: { title: t(lang, 'Light', '红黄绿灯'), orient: 'bottom', direction: 'horizontal' } },
        },
      },
      { mark: { type: 'tick', color: '#1a1a1a', thickness: 2, bandSize: 20 }, encoding: { y, x: { ...x, field: 'expected' } } },
      { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 10, color: '#333' }, encoding: { y, x: { ...x, field: 'bar' }, text: { field: 'valueText', type: 'nominal' } } },
      { data: { values: [{ full: 100 }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#777' }, encoding: { x: { ...x, field: 'full' } } },
    ],
  } satisfies TopLevelSpec;
}
