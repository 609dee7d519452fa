import type { Lang } from '../core/reply.js';
import { UserError } from '../errors.js';
import type { Plan } from '../plan/schema.js';
import type { PlanEvent } from '../store/events.js';
import { reportDocx } from './report-docx.js';
import { reportMarkdown } from './report-markdown.js';
import { reportText } from './report-text.js';
import { gatherYearReport } from './year-report-data.js';

/** The formats the year-end report is written in. */
export type ReportFormat = 'md' | 'docx';

/** What the year-end report reads. */
export interface YearReportInput {
  plan: Plan;
  events: readonly PlanEvent[];
  year: number;
  now: Date;
  timeZone: string;
  lang: Lang;
}

/** A written report: its bytes (UTF-8 text for Markdown), name and media type. */
export interface ReportFile {
  name: string;
  mediaType: string;
  data: Uint8Array;
}

/**
 * The year-end report against targets, as Markdown or DOCX. A plan covers one year: asking for
 * another is a user error naming the plan's year. A year not over is reported as of `now`.
 */
export async function yearReport(input: YearReportInput, format: ReportFormat): Promise<ReportFile> {
  const { plan, year } = input;
  if (year !== plan.year) {
    throw new UserError('report.year', {
      en: `The plan ${plan.id} is the work plan of ${plan.year}; there is no report of ${year}. Use --year ${plan.year}, or --plan for another year's plan.`,
      zh: `计划 ${plan.id} 是${plan.year}年的工作计划，没有${year}年的报告。请使用 --year ${plan.year}，或用 --plan 选择其他年度的计划。`,
    });
  }
  const text = reportText(gatherYearReport(input), input.lang);
  const base = input.lang === 'zh' ? `${year}年度报告-${plan.id}` : `year-end-report-${plan.id}-${year}`;
  if (format === 'docx') return { name: `${base}.docx`, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', data: await reportDocx(text) };
  return { name: `${base}.md`, mediaType: 'text/markdown', data: new TextEncoder().encode(reportMarkdown(text)) };
}
