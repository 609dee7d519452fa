import { stateAsOf } from '../core/state-as-of.js';
import { findIndicator } from '../core/find-indicator.js';
import { t } from '../core/i18n.js';
import type { Lang, ReplyFile } from '../core/reply.js';
import { localDate } from '../digest/week.js';
import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import type { PlanEvent } from '../store/events.js';
import type { ItemState } from '../store/item-state.js';
import type { AttentionJudge } from '../core/attention.js';
import { isChartable, progressRows } from './progress-data.js';
import { progressSpec } from './progress-spec.js';
import { renderSvg, svgToPng } from './render-chart.js';
import { trendPoints } from './trend-data.js';
import { trendSpec } from './trend-spec.js';

/** The two pictures: every quantified target against its pace, or one target week by week. */
export type ChartKind = 'progress' | 'trend';

/** The file formats a chart is written in. */
export type ChartFormat = 'png' | 'svg';

/** What a chart is drawn from: the plan, the log and the instant, never a light decided elsewhere. */
export interface ChartRequest {
  plan: Plan;
  events: readonly PlanEvent[];
  at: Date;
  timeZone: string;
  lang: Lang;
  /** A target (`T9.1`) or an item (`T9`: its first quantified target) for the trend; absent: the progress chart. */
  indicator?: string | null;
}

/** A drawn chart, as SVG, with the name and caption its file travels under. */
export interface Chart {
  kind: ChartKind;
  svg: string;
  /** "progress-2021-06-07.svg" without the extension. */
  baseName: string;
  title: string;
  /** The target of a trend chart. */
  indicator?: { item: PlanItem; indicator: Indicator };
}

/** The objectives and tasks of a plan (groups carry no targets of their own). */
function chartedItems(plan: Plan): PlanItem[] {
  return plan.items.filter((i) => i.kind !== 'group');
}

/**
 * The progress chart of `items` at one instant from states already derived and the judge of that
 * instant (the digest's, for a digest): the bars and their lights come from the judge alone.
 */
export async function progressChart(items: readonly PlanItem[], states: ReadonlyMap<string, ItemState>, judge: AttentionJudge, plan: Plan, lang: Lang): Promise<Chart> {
  const asOf = localDate(judge.at - 1, judge.timeZone);
  const rows = progressRows(items, states, judge, lang);
  return {
    kind: 'progress',
    svg: await renderSvg(progressSpec(rows, lang, asOf, plan.title[lang])),
    baseName: `progress-${asOf}`,
    title: t(lang, `Targets against pace, as of ${asOf}`, `量化指标完成情况与时序进度（截至${asOf}）`),
  };
}

/** Draws the chart a request asks for, as SVG. Throws a user error for an unknown target or one with no number. */
export async function drawChart(req: ChartRequest): Promise<Chart> {
  const { plan, events, at, timeZone, lang } = req;
  if (!req.indicator) {
    const { states, judge } = stateAsOf(events, plan, { at: at.getTime(), until: at.toISOString(), timeZone });
    return progressChart(chartedItems(plan), states, judge, plan, lang);
  }
  const found = findIndicator(plan, req.indicator, isChartable);
  const asOf = localDate(at, timeZone);
  const points = trendPoints(plan, found.item, found.indicator, events, at, timeZone, lang);
  return {
    kind: 'trend',
    svg: await renderSvg(trendSpec(points, found.item, found.indicator, lang, asOf)),
    baseName: `trend-${found.indicator.id}-${asOf}`,
    title: t(lang, `${found.indicator.id} ${found.indicator.metric.en}, week by week to ${asOf}`, `${found.indicator.id} ${found.indicator.metric.zh}逐周进展（截至${asOf}）`),
    indicator: found,
  };
}

/** PNGs of the latest SVGs drawn: the same chart asked again (the log unchanged, the pace moved less than 0.1%) is not rasterised again. */
const pngs = new Map<string, Promise<Uint8Array>>();
const PNGS_KEPT = 8;

function pngOf(svg: string): Promise<Uint8Array> {
  let png = pngs.get(svg);
  if (!png) {
    if (pngs.size >= PNGS_KEPT) pngs.delete(pngs.keys().next().value!);
    png = svgToPng(svg).then((p) => p.data);
    pngs.set(svg, png);
    png.catch(() => pngs.delete(svg));
  }
  return png;
}

/** A chart as a file to travel with a reply: PNG (rasterised with the CJK font) or the SVG itself. */
export async function chartFile(chart: Chart, format: ChartFormat = 'png'): Promise<ReplyFile> {
  if (format === 'svg') return { name: `${chart.baseName}.svg`, mediaType: 'image/svg+xml', data: new TextEncoder().encode(chart.svg), title: chart.title };
  return { name: `${chart.baseName}.png`, mediaType: 'image/png', data: await pngOf(chart.svg), title: chart.title };
}
