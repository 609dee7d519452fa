import { describe, expect, it } from 'vitest';
import { ingestDocument, type ParsedDocument } from '../../src/plan/ingest.js';
import { REAL_DOCUMENT, miniPlan } from './fixtures.js';

function parse(text: string): ParsedDocument {
  const result = ingestDocument(text);
  if (!result.ok) throw new Error(`expected a plan, got errors: ${JSON.stringify(result.errors)}`);
  return result.doc;
}

function errorsOf(text: string) {
  const result = ingestDocument(text);
  if (result.ok) throw new Error('expected errors, got a plan');
  return result.errors;
}

const ids = (doc: ParsedDocument, kind: string) => doc.items.filter((i) => i.kind === kind).map((i) => i.id);
const text = (doc: ParsedDocument, id: string) => doc.items.find((i) => i.id === id)!.text;

describe('ingest: the 2021 Henan plan', () => {
  const doc = parse(REAL_DOCUMENT);

  it('finds 6 objectives, 10 groups and 40 tasks in document order', () => {
    expect(ids(doc, 'objective')).toEqual(['O1', 'O2', 'O3', 'O4', 'O5', 'O6']);
    expect(ids(doc, 'group')).toEqual(Array.from({ length: 10 }, (_, i) => `G${i + 1}`));
    expect(ids(doc, 'task')).toEqual(Array.from({ length: 40 }, (_, i) => `T${i + 1}`));
    expect(doc.title).toBe('2021年河南省生态环境工作要点');
    expect(doc.year).toBe(2021);
  });

  it('gives each task its group', () => {
    const parentOf = (id: string) => doc.items.find((i) => i.id === id)!.parent;
    const expected: Record<string, number[]> = { G1: [1, 3], G2: [4, 6], G3: [7, 9], G4: [10, 12], G5: [13, 16], G6: [17, 21], G7: [22, 26], G8: [27, 32], G9: [33, 36], G10: [37, 40] };
    for (const [group, [from, to]] of Object.entries(expected)) {
      for (let n = from!; n <= to!; n++) expect(parentOf(`T${n}`), `T${n}`).toBe(group);
    }
    expect(doc.items.filter((i) => i.kind !== 'task').every((i) => i.parent === null)).toBe(true);
  });

  it('keeps every text a verbatim span of the document, without markers, run-in headings or debris', () => {
    for (const item of doc.items) expect(REAL_DOCUMENT.includes(item.text), item.id).toBe(true);
    expect(text(doc, 'T16').endsWith('扎实推动生态强省建设。')).toBe(true);
    expect(text(doc, 'G6')).toBe('坚持依法依规,深化生态环境保护督察执法');
    expect(text(doc, 'T25').endsWith('规范放射源使用全过程动态管理。')).toBe(true);
    expect(text(doc, 'T26').startsWith('精准有效做好常态化疫情防控相关环保工作')).toBe(true);
    expect(text(doc, 'T20').startsWith('加强生态环保执法管理')).toBe(true);
    expect(text(doc, 'T40').endsWith('帮助基层队伍和干部职工解决实际困难。')).toBe(true);
    expect(text(doc, 'O3')).toBe(
      '土壤和地下水环境方面全省土壤环境质量保持稳定,受污染耕地安全利用率力争实现100%,污染地块安全利用率力争实现100%。持续保持地下水环境质量稳定,保障地下水型饮用水源安全。农村生活污水治理率达到33%。',
    );
  });

  it('loses no character of the item paragraphs: markers plus texts rebuild the body lines', () => {
    // Every character of the body from 二、主要目标 to task 40 is a marker, a text, a heading or white space.
    const body = REAL_DOCUMENT.slice(REAL_DOCUMENT.indexOf('(一)环境空气'), REAL_DOCUMENT.indexOf('上一篇'));
    let rest = body;
    for (const item of doc.items) rest = rest.replace(item.text, '');
    expect(rest.replace(/三、重点工作任务|[(（][一二三四五六七八九十]+[)）]|\d+\.|\s/g, '')).toBe('');
  });

  it('keeps the preamble and introduction as context', () => {
    expect(doc.preamble).toContain('2021年是实施“十四五”规划');
    expect(doc.preamble).toContain('以习近平新时代中国特色社会主义思想为指导');
    expect(doc.preamble).not.toContain('一、总体要求');
  });

  it('takes short titles from the text', () => {
    expect(doc.items.find((i) => i.id === 'O1')!.title).toBe('环境空气');
    expect(doc.items.find((i) => i.id === 'T10')!.title).toBe('加强法治保障');
  });
});

describe('ingest: quirks of real documents', () => {
  const base = parse(REAL_DOCUMENT);
  const sameItems = (doc: ParsedDocument) => {
    expect(doc.items.map((i) => [i.id, i.parent])).toEqual(base.items.map((i) => [i.id, i.parent]));
    expect(doc.items.map((i) => i.text.replace(/[\s\u3000]/g, ''))).toEqual(base.items.map((i) => i.text.replace(/[\s\u3000]/g, '')));
  };

  it('reads CRLF line ends', () => {
    const doc = parse(REAL_DOCUMENT.replace(/\n/g, '\r\n'));
    sameItems(doc);
    expect(doc.items.find((i) => i.id === 'T9')!.line).toBe(base.items.find((i) => i.id === 'T9')!.line);
  });

  it('reads full-width brackets, numbers with 、 or ．, full-width digits and no space', () => {
    const variants = [
      REAL_DOCUMENT.replace(/^\(([一二三四五六七八九十]+)\)/gm, '（$1）').replace(/(。)\(六\)/, '$1（六）'),
      REAL_DOCUMENT.replace(/^(\d+)\. ?/gm, '$1、'),
      REAL_DOCUMENT.replace(/^(\d+)\. ?/gm, '$1．'),
      REAL_DOCUMENT.replace(/^(\d+)\. ?/gm, (_, n: string) => `${n.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))}． `),
      REAL_DOCUMENT.replace(/^(\d+)\. ?/gm, '$1.'),
      REAL_DOCUMENT.replace(/^([一二三])、/gm, '$1．'),
    ];
    for (const v of variants) sameItems(parse(v));
  });

  it('reads ideographic-space and ASCII indentation', () => {
    sameItems(parse(REAL_DOCUMENT.replace(/^(?=\S)/gm, '\u3000\u3000')));
    sameItems(parse(REAL_DOCUMENT.replace(/^(?=\S)/gm, '    ')));
  });

  it('skips a cover notice before the title and keeps it apart', () => {
    const cover = '关于印发《2021年河南省生态环境工作要点》的通知\n\n各省辖市生态环境局：\n\n现将《2021年河南省生态环境工作要点》印发给你们，请认真贯彻落实。\n\n河南省生态环境厅\n2021年3月1日\n\n';
    const doc = parse(cover + REAL_DOCUMENT);
    sameItems(doc);
    expect(doc.cover).toContain('各省辖市生态环境局');
    expect(doc.title).toBe('2021年河南省生态环境工作要点');
  });

  it('drops web-page debris wherever it stands', () => {
    const doc = parse(`首页 > 政务公开\n来源：河南省生态环境厅\n${REAL_DOCUMENT}\n【打印本页】 【关闭窗口】\n分享到：\n`);
    sameItems(doc);
  });

  it('separates headings run into the previous paragraph', () => {
    const doc = parse(miniPlan().replace('\n\n（二）打好碧水保卫战', '（二）打好碧水保卫战').replace('\n\n5. ', '5. '));
    expect(doc.items.map((i) => i.id)).toEqual(['O1', 'O2', 'O3', 'G1', 'T1', 'T2', 'T3', 'G2', 'T4', 'T5', 'T6', 'G3', 'T7', 'T8', 'T9']);
    expect(doc.items.find((i) => i.id === 'T3')!.text).toBe('强化机动车监管。');
    expect(doc.items.find((i) => i.id === 'T4')!.text).toBe('加强饮用水水源保护。');
    expect(doc.items.find((i) => i.id === 'T5')!.text).toBe('推进黑臭水体治理。');
  });

  it('does not split at numbers that are not the next heading', () => {
    const doc = parse(miniPlan({ groups: [{ heading: '综合', tasks: ['降低浓度。3. 这不是任务编号。', '第二项。'] }] }));
    expect(doc.items.filter((i) => i.kind === 'task').map((i) => i.text)).toEqual(['降低浓度。3. 这不是任务编号。', '第二项。']);
  });

  it('keeps trailing notes such as （责任单位：…） apart from the text', () => {
    const withNotes = miniPlan()
      .replace('推进清洁取暖。', '推进清洁取暖。（责任单位：省发展改革委、省生态环境厅）')
      .replace('强化机动车监管。', '强化机动车监管。\n\n（牵头单位：省公安厅）');
    const doc = parse(withNotes);
    expect(doc.items.find((i) => i.id === 'T2')).toMatchObject({ text: '推进清洁取暖。', note: '（责任单位：省发展改革委、省生态环境厅）' });
    expect(doc.items.find((i) => i.id === 'T3')).toMatchObject({ text: '强化机动车监管。', note: '（牵头单位：省公安厅）' });
  });

  it('takes counts from the document: 3 objectives and 9 tasks, with or without groups', () => {
    const grouped = parse(miniPlan());
    expect(ids(grouped, 'objective')).toHaveLength(3);
    expect(ids(grouped, 'group')).toHaveLength(3);
    expect(ids(grouped, 'task')).toHaveLength(9);
    const flat = parse(miniPlan({ groups: [], tasks: ['甲。', '乙。', '丙。', '丁。'] }));
    expect(ids(flat, 'group')).toEqual([]);
    expect(flat.items.filter((i) => i.kind === 'task').map((i) => [i.id, i.parent])).toEqual([['T1', null], ['T2', null], ['T3', null], ['T4', null]]);
  });

  it('accepts a lead-in sentence ending with a colon before the first item', () => {
    const doc = parse(miniPlan().replace('二、主要目标\n', '二、主要目标\n\n到2022年底，全市实现以下目标：\n'));
    expect(ids(doc, 'objective')).toHaveLength(3);
  });
});

describe('ingest: malformed documents', () => {
  it('reports a gap in the task numbering with its line', () => {
    const doc = miniPlan().replace('5. 推进黑臭水体治理。', '6. 推进黑臭水体治理。').replace('6. 实施入河', '7. 实施入河').replace(/^(\d)\. /gm, (m, n: string) => (Number(n) >= 7 && m !== '7. ' ? `${Number(n) + 1}. ` : m));
    const errors = errorsOf(doc);
    const line = doc.split('\n').findIndex((l) => l.startsWith('6. 推进黑臭')) + 1;
    expect(errors).toContainEqual({ line, message: expect.stringMatching(/gap in numbering: expected task 5 but found 6/) });
  });

  it('reports a repeated number with both lines', () => {
    const doc = miniPlan().replace('5. 推进黑臭水体治理。', '4. 推进黑臭水体治理。');
    const lines = doc.split('\n');
    const first = lines.findIndex((l) => l.startsWith('4. 加强饮用水')) + 1;
    const again = lines.findIndex((l) => l.startsWith('4. 推进黑臭')) + 1;
    expect(errorsOf(doc)).toContainEqual({ line: again, message: expect.stringMatching(new RegExp(`task 4 appears again \\(first on line ${first}\\)`)) });
  });

  it('reports a gap in the objective and group numbering', () => {
    const doc = miniPlan().replace('（二）水环境', '（三）水环境');
    expect(errorsOf(doc)[0]!.message).toMatch(/expected objective 2 but found 3/);
    const groups = miniPlan().replace('（二）打好碧水', '（四）打好碧水');
    expect(errorsOf(groups)[0]!.message).toMatch(/expected task group 2 but found 4/);
  });

  it('reports a missing objectives or tasks section', () => {
    const noObjectives = miniPlan().replace(/二、主要目标[\s\S]*?三、/, '二、');
    expect(errorsOf(noObjectives).map((e) => e.message).join('\n')).toMatch(/missing section: no main objectives/);
    const noTasks = miniPlan().replace(/三、重点工作任务[\s\S]*/, '');
    expect(errorsOf(noTasks).map((e) => e.message).join('\n')).toMatch(/missing section: no key tasks/);
  });

  it('puts a missing section first, before the problems it causes', () => {
    const errors = errorsOf(REAL_DOCUMENT.replace('三、重点工作任务', ''));
    expect(errors[0]!.message).toMatch(/^missing section: no key tasks heading/);
  });

  it('says when a file is not UTF-8 text', () => {
    const gbk = Buffer.from(REAL_DOCUMENT, 'utf8').toString('latin1');
    const decodedAsUtf8 = Buffer.from(gbk, 'latin1').toString('utf8').replace(/[\u4e00-\u9fff]/g, '\ufffd');
    expect(errorsOf(decodedAsUtf8)).toEqual([{ line: 1, message: expect.stringMatching(/not UTF-8 text.*iconv/) }]);
  });

  it('reports text that belongs to no item, with its line', () => {
    const doc = miniPlan().replace('3. 强化机动车监管。\n', '3. 强化机动车监管。\n\n各地要高度重视这项工作\n');
    const line = doc.split('\n').indexOf('各地要高度重视这项工作') + 1;
    expect(errorsOf(doc)).toContainEqual({ line, message: expect.stringMatching(/text belongs to no item: "各地要高度重视这项工作" follows task 3/) });
    const beforeFirst = miniPlan().replace('二、主要目标\n', '二、主要目标\n\n这是一段没有编号的文字。\n');
    expect(errorsOf(beforeFirst)[0]!.message).toMatch(/text belongs to no item/);
  });

  it('reports a task before the first group', () => {
    const doc = miniPlan().replace('（一）打好蓝天保卫战\n\n1. 加强扬尘治理。完成20个工地整治任务。', '1. 加强扬尘治理。\n\n（一）打好蓝天保卫战');
    expect(errorsOf(doc).map((e) => e.message).join('\n')).toMatch(/task 1 stands before the first task group/);
  });

  it('reports a missing title, and never throws on garbage', () => {
    expect(errorsOf(miniPlan({ title: '通知' }))[0]).toMatchObject({ line: 1, message: expect.stringMatching(/no title line/) });
    for (const junk of ['', '\u0000\u0001\u0002', '🙂🙂', '一、\n（一）\n1.', 'x'.repeat(100_000)]) {
      expect(ingestDocument(junk).ok).toBe(false);
    }
  });
});
