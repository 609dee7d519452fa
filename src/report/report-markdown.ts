import { lightMark } from '../core/lights.js';
import type { ReportText, TextTable } from './report-text.js';

/** A cell of a Markdown table: pipes escaped, one line. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function table(tb: TextTable): string[] {
  const rows = tb.rows.map((row, i) => row.map((c, j) => {
    const light = tb.lights?.[i]?.[j];
    return cell(light ? `${lightMark(light)} ${c}` : c);
  }));
  return [`| ${tb.header.map(cell).join(' | ')} |`, `| ${tb.header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/**
 * The year-end report as Markdown: the title, the summary (counts, then one row per item), then each
 * objective and task with its facts, targets, lights month by month and the notes on what fell short.
 */
export function reportMarkdown(text: ReportText): string {
  const out: string[] = [`# ${text.title}`, '', text.subtitle, '', `## ${text.summaryTitle}`, '', ...table(text.counts), '', ...table(text.overview), '', `## ${text.itemsTitle}`];
  for (const s of text.items) {
    out.push('', `### ${s.heading}`, '', ...s.facts.map(([k, v]) => `- ${cell(k)}${text.lang === 'zh' ? '：' : ': '}${v}`), '');
    if (s.targets) out.push(...table(s.targets), '');
    out.push(...table(s.months));
    if (s.notes.length) out.push('', `**${s.notesTitle}**`, '', ...s.notes.map((n) => `- ${n}`));
  }
  return `${out.join('\n')}\n`;
}
