import { UsageError } from '../../errors.js';
import { chartFile, drawChart, type ChartFormat } from '../../charts/make-chart.js';
import type { Lang, ReplyFile } from '../../core/reply.js';
import type { Plan } from '../../plan/schema.js';
import type { PlanEvent } from '../../store/events.js';

/** What `plan-bot chart` reads. */
export interface ChartCommandInput {
  plan: Plan;
  events: readonly PlanEvent[];
  now: Date;
  timeZone: string;
  /** `--indicator`: a target (T9.1) or item (T9) for its weekly trend; absent: every target against its pace. */
  indicator?: string;
  lang: Lang;
  /** `--format`, else the extension of `--out`, else png. */
  format?: string;
  out?: string;
}

/** The format a chart is written in: `--format`, else the extension of `--out`; a bad one is a usage error. */
export function chartFormat(format: string | undefined, out: string | undefined): ChartFormat {
  const f = (format ?? (out && /\.svg$/i.test(out) ? 'svg' : 'png')).toLowerCase();
  if (f !== 'png' && f !== 'svg') throw new UsageError(`--format ${format}: a chart is png or svg`);
  if (f === 'png' && !out) throw new UsageError('chart needs --out FILE.png (a PNG is not written to the terminal); use --format svg to print the SVG');
  return f;
}

/** `plan-bot chart`: the chart as a file (its bytes and name); the caller writes it to `--out` or prints the SVG. */
export async function chartCommand(input: ChartCommandInput): Promise<ReplyFile> {
  const format = chartFormat(input.format, input.out);
  const chart = await drawChart({ plan: input.plan, events: input.events, at: input.now, timeZone: input.timeZone, lang: input.lang, indicator: input.indicator ?? null });
  return chartFile(chart, format);
}
