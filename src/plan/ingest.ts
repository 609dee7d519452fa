import { parseNumeral } from './chinese-numerals.js';
import { LineIndex, isBlank, isDebris, trimSpan } from './document-text.js';
import type { ItemKind } from './schema.js';
import { itemId } from './item-id.js';

/** One problem found in a document, with the line it stands on. */
export interface IngestProblem {
  line: number;
  message: string;
}

/** An item as the document gives it: Chinese only, before translation and indicators. */
export interface ParsedItem {
  id: string;
  kind: ItemKind;
  parent: string | null;
  number: number;
  /** The item's text, a verbatim span of the document (number marker and trailing note excluded). */
  text: string;
  /** A short title taken from the text. */
  title: string;
  note: string | null;
  line: number;
}

/** A parsed work-plan document. */
export interface ParsedDocument {
  title: string;
  year: number;
  /** What stands before the title (a cover notice), verbatim. */
  cover: string;
  /** The introduction and the general requirements, verbatim paragraphs joined by a blank line. */
  preamble: string;
  items: ParsedItem[];
}

export type IngestResult = { ok: true; doc: ParsedDocument } | { ok: false; errors: IngestProblem[] };

type Section = 'preamble' | 'objectives' | 'tasks' | 'other';
type Role = 'top' | 'objective' | 'group' | 'task';

interface Marker {
  role: Role;
  number: number;
  start: number;
  contentStart: number;
  line: number;
  section: Section;
}

const TOP = /([一二三四五六七八九十]{1,3})[、．.][ \t\u3000]*/y;
const PAREN = /[（(]([一二三四五六七八九十]{1,3})[)）][ \t\u3000]*/y;
const NUM = /([0-9０-９]{1,3})[ \t\u3000]*[.．、](?![0-9０-９])[ \t\u3000]*/y;
const SENTENCE_END = /[。；;！!？?]/;
const TITLE = /^[^，,。；;：:]{0,40}?(\d{4})年[^，,。；;：:]{1,60}(要点|计划|方案|安排|任务)[》」]?$/;
const NOTE = /[（(][ \t\u3000]*(责任单位|牵头单位|责任处室|牵头处室|配合单位|责任部门|牵头部门)[:：][^）)]*[）)][ \t\u3000]*$/;
const LEAD_IN = /[：:]$/;

const NAMES: Record<Exclude<Role, 'top'>, string> = { objective: 'objective', group: 'task group', task: 'task' };

/** Which part of the plan a top-level heading opens, judged by its words. */
function classifySection(heading: string): Section {
  if (/总体要求|指导思想|总体思路|基本原则/.test(heading)) return 'preamble';
  if (/目标/.test(heading)) return 'objectives';
  if (/任务|重点工作|主要工作|工作安排|工作措施/.test(heading)) return 'tasks';
  return 'other';
}

/**
 * Parses a work-plan document of the genre "YYYY年…工作要点" into objectives, task groups and tasks.
 * Pure: it never reads or writes files. Counts come from the document; every structural problem is
 * reported with its line number, and nothing is returned as a plan unless the whole document parsed.
 */
export function ingestDocument(input: string): IngestResult {
  const source = input.replace(/^\ufeff/, '');
  const undecodable = source.match(/\ufffd/g)?.length ?? 0;
  if (undecodable > 0 && undecodable >= source.length / 50) {
    return { ok: false, errors: [{ line: 1, message: 'the file is not UTF-8 text (a GBK or GB18030 file?): convert it first, e.g. iconv -f GB18030 -t UTF-8 plan.txt > plan.utf8.txt' }] };
  }
  const index = new LineIndex(source);
  const lines = index.lines();
  const errors: IngestProblem[] = [];
  const fail = (line: number, message: string) => errors.push({ line, message });

  const firstTop = lines.findIndex((l) => matchAt(TOP, l.text, firstNonSpace(l.text)) !== null);
  let titleIdx = -1;
  for (let i = 0; i < (firstTop < 0 ? lines.length : firstTop); i++) {
    const t = lines[i]!.text.trim().replace(/^[《「]/, '');
    if (!/^关于/.test(t) && TITLE.test(t)) titleIdx = i;
  }
  if (titleIdx < 0) {
    fail(1, 'no title line found: the document must name the plan on a line of its own, such as "2021年河南省生态环境工作要点", before "一、…"');
    return { ok: false, errors };
  }
  const titleLine = lines[titleIdx]!;
  const title = titleLine.text.trim().replace(/^[《「]|[》」]$/g, '');
  const year = Number(TITLE.exec(title)![1]);

  const markers = findMarkers(source, lines.slice(titleIdx + 1), fail);
  const sections = new Set(markers.filter((m) => m.role === 'top').map((m) => m.section));
  const lastLine = lines.length;
  if (!sections.has('objectives')) fail(lastLine, 'missing section: no main objectives heading such as "二、主要目标" was found');
  if (!sections.has('tasks')) fail(lastLine, 'missing section: no key tasks heading such as "三、重点工作任务" was found');

  const preamble: string[] = [];
  const items: ParsedItem[] = [];
  let group: string | null = null;
  const hasGroups = markers.some((m) => m.role === 'group');
  const bodyStart = titleLine.end;
  const introEnd = markers[0]?.start ?? source.length;
  collectParagraphs(source, index, bodyStart, introEnd).forEach((p) => preamble.push(p.text));

  markers.forEach((m, i) => {
    const end = markers[i + 1]?.start ?? source.length;
    const paras = collectParagraphs(source, index, m.contentStart, end);
    if (m.role === 'top') {
      const heading = paras.shift();
      for (const p of paras) {
        if (m.section === 'preamble' || m.section === 'other') {
          if (m.section === 'preamble') preamble.push(p.text);
        } else if (!LEAD_IN.test(p.text)) {
          fail(p.line, `text belongs to no item: "${clip(p.text)}" stands under "${heading?.text ?? ''}" before its first item`);
        }
      }
      return;
    }
    const first = paras.shift();
    if (!first || first.debris) {
      fail(m.line, `${NAMES[m.role]} ${m.number} has no text`);
      return;
    }
    let { start: textStart, end: textEnd } = first;
    let note: string | null = null;
    const noteMatch = NOTE.exec(source.slice(textStart, textEnd));
    if (m.role !== 'group' && noteMatch && noteMatch.index > 0) {
      note = noteMatch[0].trim();
      textEnd = trimSpan(source, textStart, textStart + noteMatch.index).end;
    }
    for (const p of paras) {
      if (p.debris) continue;
      if (m.role !== 'group' && note === null && /^[（(]/.test(p.text) && NOTE.test(p.text)) {
        note = p.text;
      } else if (!(m.role === 'group' && LEAD_IN.test(p.text))) {
        fail(p.line, `text belongs to no item: "${clip(p.text)}" follows ${NAMES[m.role]} ${m.number} after a blank line`);
      }
    }
    const text = source.slice(textStart, textEnd);
    if (m.role === 'group') group = `G${m.number}`;
    if (m.role === 'task' && hasGroups && group === null) {
      fail(m.line, `task ${m.number} stands before the first task group heading such as "（一）…"`);
    }
    const kind: ItemKind = m.role;
    items.push({
      id: itemId(kind, m.number),
      kind,
      parent: kind === 'task' ? group : null,
      number: m.number,
      text,
      title: shortTitle(kind, text),
      note,
      line: m.line,
    });
  });

  for (const role of ['objective', 'task'] as const) {
    const sectionName = role === 'objective' ? 'main objectives' : 'key tasks';
    const section = role === 'objective' ? 'objectives' : 'tasks';
    if (sections.has(section) && !items.some((it) => it.kind === role)) {
      const top = markers.find((m) => m.role === 'top' && m.section === section)!;
      fail(top.line, `the ${sectionName} section has no numbered ${NAMES[role]}s`);
    }
  }
  // A missing section explains the problems that follow from it: it comes first.
  const rank = (e: IngestProblem) => (e.message.startsWith('missing section') ? 0 : 1);
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => rank(a) - rank(b) || a.line - b.line) };
  const cover = source.slice(0, titleLine.start).trim();
  return { ok: true, doc: { title, year, cover, preamble: preamble.join('\n\n'), items } };
}

/** Finds the headings that open sections, objectives, groups and tasks, checking their numbering. */
function findMarkers(
  source: string,
  lines: { line: number; start: number; end: number; text: string }[],
  fail: (line: number, message: string) => void,
): Marker[] {
  const markers: Marker[] = [];
  let section: Section | null = null;
  let objectiveStyle: 'paren' | 'num' | null = null;
  const last: Record<Role, number> = { top: 0, objective: 0, group: 0, task: 0 };
  const seen = new Map<string, number>();

  const accept = (role: Role, number: number, start: number, contentStart: number, line: number, runIn: boolean): boolean => {
    const expected = last[role] + 1;
    if (number !== expected) {
      if (runIn) return false;
      const name = role === 'top' ? 'section' : NAMES[role];
      const first = seen.get(`${role}${number}`);
      if (first !== undefined) fail(line, `repeated numbering: ${name} ${number} appears again (first on line ${first}); expected ${expected}`);
      else if (number > expected) fail(line, `gap in numbering: expected ${name} ${expected} but found ${number}`);
      else fail(line, `numbering out of order: expected ${name} ${expected} but found ${number}`);
    }
    seen.set(`${role}${number}`, seen.get(`${role}${number}`) ?? line);
    last[role] = Math.max(last[role], number);
    if (role === 'top') {
      const heading = source.slice(contentStart, lineEndOf(source, contentStart));
      section = classifySection(heading);
      if (section === 'tasks') { last.group = 0; last.task = 0; }
      if (section === 'objectives') { last.objective = 0; objectiveStyle = null; }
    }
    markers.push({ role, number, start, contentStart, line, section: section ?? 'other' });
    return true;
  };

  for (const l of lines) {
    if (isDebris(l.text)) continue;
    const positions: { at: number; runIn: boolean }[] = [{ at: firstNonSpace(l.text), runIn: false }];
    for (let i = 0; i < l.text.length; i++) {
      if (SENTENCE_END.test(l.text[i]!)) positions.push({ at: firstNonSpace(l.text, i + 1), runIn: true });
    }
    for (const { at, runIn } of positions) {
      if (at >= l.text.length) continue;
      const start = l.start + at;
      const top = matchAt(TOP, l.text, at);
      if (top && (!runIn || parseNumeral(top.n) === last.top + 1)) {
        if (accept('top', parseNumeral(top.n)!, start, start + top.length, l.line, runIn)) continue;
      }
      if (section === 'objectives' || section === 'tasks') {
        const paren = matchAt(PAREN, l.text, at);
        const num = matchAt(NUM, l.text, at);
        if (section === 'objectives') {
          const style: 'paren' | 'num' | null = objectiveStyle ?? (paren ? 'paren' : num ? 'num' : null);
          const hit = style === 'paren' ? paren : style === 'num' ? num : null;
          if (hit && accept('objective', parseNumeral(hit.n)!, start, start + hit.length, l.line, runIn)) objectiveStyle = style;
        } else if (paren) {
          accept('group', parseNumeral(paren.n)!, start, start + paren.length, l.line, runIn);
        } else if (num) {
          accept('task', parseNumeral(num.n)!, start, start + num.length, l.line, runIn);
        }
      }
    }
  }
  return markers;
}

interface Paragraph {
  start: number;
  end: number;
  line: number;
  text: string;
  debris: boolean;
}

/** Splits `source[from, to)` into paragraphs (runs of non-blank lines); debris lines stand alone. */
function collectParagraphs(source: string, index: LineIndex, from: number, to: number): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: { start: number; end: number } | null = null;
  const flush = () => {
    if (cur) {
      const span = trimSpan(source, cur.start, cur.end);
      if (span.end > span.start) {
        const text = source.slice(span.start, span.end);
        out.push({ ...span, line: index.lineOf(span.start), text, debris: false });
      }
    }
    cur = null;
  };
  let pos = from;
  while (pos < to) {
    let lineEnd = lineEndOf(source, pos);
    if (lineEnd > to) lineEnd = to;
    const text = source.slice(pos, lineEnd);
    if (isBlank(text)) flush();
    else if (isDebris(text)) {
      flush();
      const span = trimSpan(source, pos, lineEnd);
      out.push({ ...span, line: index.lineOf(span.start), text: source.slice(span.start, span.end), debris: true });
    } else if (cur) (cur as { end: number }).end = lineEnd;
    else cur = { start: pos, end: lineEnd };
    pos = nextLineStart(source, lineEnd);
  }
  flush();
  return out;
}

/** A short Chinese title taken from an item's own words. */
function shortTitle(kind: ItemKind, text: string): string {
  if (kind === 'objective') {
    const at = text.indexOf('方面');
    if (at > 0 && at <= 12) return text.slice(0, at);
  }
  const sentence = /^[^。；;，,]{2,16}。/.exec(text);
  if (kind === 'task' && sentence) return sentence[0].slice(0, -1);
  const clause = /^[^。；;，,：:]+/.exec(text)?.[0] ?? text;
  return clause.length > 24 ? `${clause.slice(0, 23)}…` : clause;
}

function matchAt(re: RegExp, text: string, at: number): { n: string; length: number } | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? { n: m[1]!, length: m[0].length } : null;
}

function firstNonSpace(text: string, from = 0): number {
  let i = from;
  while (i < text.length && /[\s\u3000\ufeff]/.test(text[i]!)) i++;
  return i;
}

function lineEndOf(source: string, pos: number): number {
  let i = pos;
  while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
  return i;
}

function nextLineStart(source: string, lineEnd: number): number {
  if (source[lineEnd] === '\r' && source[lineEnd + 1] === '\n') return lineEnd + 2;
  return lineEnd + 1;
}

function clip(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}
