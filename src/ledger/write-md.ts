import type { Lang } from '../core/reply.js';
import { cellText } from './cells.js';
import type { Sheet } from './sheets.js';

function escape(cell: string): string {
  return cell.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** One sheet as a markdown table, lights marked 🔴/🟡/🟢. */
export function sheetMarkdown(sheet: Sheet, lang: Lang, timeZone: string): string {
  const text = cellText(lang, timeZone, { marks: true });
  const right = (kind: string) => kind === 'number' || kind === 'percent';
  const lines = [
    `| ${sheet.columns.map((c) => escape(c.header[lang])).join(' | ')} |`,
    `| ${sheet.columns.map((c) => (right(c.kind) ? '---:' : '---')).join(' | ')} |`,
  ];
  for (const row of sheet.rows) lines.push(`| ${sheet.columns.map((c) => escape(text(c.kind, c.value(row)))).join(' | ')} |`);
  return lines.join('\n');
}
