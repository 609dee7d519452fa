import type { AttentionJudge } from '../core/attention.js';
import { formatNumber, formatValue, t } from '../core/i18n.js';
import { lightWord, type Light } from '../core/lights.js';
import type { Lang } from '../core/reply.js';
import type { Indicator, PlanItem } from '../plan/schema.js';
import type { ItemState } from '../store/item-state.js';

/** One bar of the progress chart: a quantified target, how much of it is reached and how much should be by now. */
export interface ProgressRow {
  /** Position in the plan, which the chart keeps (first at the top). */
  order: number;
  indicatorId: string;
  itemId: string;
  /** "T9.1 完成整治的行政村数量" shortened to fit beside the bar. */
  label: string;
  /** Percent of the target reported (52.5), or null when nothing is reported yet. */
  done: number | null;
  /** `done` clipped to the chart's scale (0..`MAX_PERCENT`), 0 without a report. */
  bar: number;
  /** Percent of the time from the plan year's start to the target's deadline gone: the pace. */
  expected: number;
  /** The item's light, from the one attention computation. */
  light: Light;
  /** The light's word in the chart's language ("黄灯"), which the legend shows. */
  lightLabel: string;
  /** "420个行政村（52.5%）" / "420 villages (52.5%)", or "未报送". */
  valueText: string;
}

/** The longest bar drawn, in percent of the target: a target far exceeded does not squash the others. */
export const MAX_PERCENT = 150;

/** The characters of a label before it is cut with "…" (a Chinese character counts two): enough that "O3.1 Safe utilization rate of contaminated farmland" and "O3.2 … land plots" stay apart. */
const LABEL_WIDTH = 56;

/** A text cut to `width` (CJK characters count double) with "…". */
export function shorten(text: string, width = LABEL_WIDTH): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    used += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
    if (used > width) return `${out.trimEnd()}…`;
    out += ch;
  }
  return out;
}

/** Whether an indicator can be drawn as a share of its target: a number to reach (not a ceiling, not a completion). */
export function isChartable(ind: Indicator): boolean {
  return ind.value !== null && ind.value > 0 && (ind.comparator === '>=' || ind.comparator === '>' || ind.comparator === '=');
}

/**
 * The rows of the progress chart for `items` (plan order): each quantified target with its share
 * reached and the pace, read by the attention judge (`judge.pace`), and the item's light by the
 * same judge (`judge.of`): nothing here decides a light. Pure.
 */
export function progressRows(items: readonly PlanItem[], states: ReadonlyMap<string, ItemState>, judge: AttentionJudge, lang: Lang): ProgressRow[] {
  const rows: ProgressRow[] = [];
  for (const item of items) {
    const chartable = item.indicators.filter(isChartable);
    if (chartable.length === 0) continue;
    const state = states.get(item.id);
    const light = judge.of(item, state).light;
    for (const ind of chartable) {
      const entry = state?.progress.find((p) => p.indicatorId === ind.id);
      const reading = judge.pace(ind, entry);
      const done = reading?.done == null ? null : Math.round(reading.done * 1000) / 10;
      const expected = Math.round(judge.expectedShare(ind.deadline) * 1000) / 10;
      // "1次（每季度一次）" reads as "1次" beside a percent that already says how far.
      const value = (entry ? (entry.target && entry.target !== ind.value ? `${formatNumber(entry.value)}/${formatValue(entry.target, ind, lang)}` : formatValue(entry.value, ind, lang)) : '').replace(/\s*[（(][^）)]*[）)]\s*$/, '');
      rows.push({
        order: rows.length,
        indicatorId: ind.id,
        itemId: item.id,
        label: shorten(`${ind.id} ${ind.metric[lang]}`),
        done,
        bar: done === null ? 0 : Math.min(MAX_PERCENT, done),
        expected,
        light,
        lightLabel: lightWord(light, lang),
        valueText: done === null ? t(lang, 'no report', '未报送') : value === `${formatNumber(done)}%` ? value : t(lang, `${value} (${formatNumber(done)}%)`, `${value}（${formatNumber(done)}%）`),
      });
    }
  }
  return rows;
}
