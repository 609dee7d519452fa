import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { LIGHT_COLOURS } from '../charts/chart-style.js';
import type { ReportText, TextTable } from './report-text.js';

/** Latin text in Calibri, Chinese in 宋体 (SimSun), as Word shows government documents by default. */
const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: '宋体', cs: 'Calibri' };

function table(tb: TextTable): Table {
  const header = new TableRow({
    tableHeader: true,
    children: tb.header.map((h) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: h, bold: true })] })], shading: { type: ShadingType.CLEAR, fill: 'EDEDED', color: 'auto' } })),
  });
  const rows = tb.rows.map(
    (row, i) =>
      new TableRow({
        children: row.map((c, j) => {
          const light = tb.lights?.[i]?.[j];
          return new TableCell({
            children: [new Paragraph({ alignment: light ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text: c, color: light ? 'FFFFFF' : undefined, bold: !!light })] })],
            ...(light ? { shading: { type: ShadingType.CLEAR, fill: LIGHT_COLOURS[light].slice(1).toUpperCase(), color: 'auto' } } : {}),
          });
        }),
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } });
}

/**
 * The year-end report as a Word document (DOCX, built with the `docx` library): the same words as
 * the Markdown, headings as Word headings, tables as Word tables, each light a cell filled with its colour.
 */
export async function reportDocx(text: ReportText): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(text.title)] }),
    new Paragraph(text.subtitle),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text.summaryTitle)] }),
    table(text.counts),
    new Paragraph(''),
    table(text.overview),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text.itemsTitle)] }),
  ];
  const colon = text.lang === 'zh' ? '：' : ': ';
  for (const s of text.items) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(s.heading)] }));
    for (const [k, v] of s.facts) children.push(new Paragraph({ children: [new TextRun({ text: `${k}${colon}`, bold: true }), new TextRun(v)] }));
    if (s.targets) children.push(table(s.targets), new Paragraph(''));
    children.push(table(s.months));
    if (s.notes.length) {
      children.push(new Paragraph({ children: [new TextRun({ text: s.notesTitle, bold: true })] }));
      for (const n of s.notes) children.push(new Paragraph({ text: n, bullet: { level: 0 } }));
    }
  }
  const doc = new Document({
    title: text.title,
    creator: 'plan-bot',
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
