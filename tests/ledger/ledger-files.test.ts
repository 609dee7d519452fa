import JSZip from 'jszip';
import readExcelFile, { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { buildLedger, exportLedger, ledgerAsOf } from '../../src/ledger/index.js';
import { LIGHT_FILLS } from '../../src/ledger/write-xlsx.js';
import { UTF8_BOM } from '../../src/ledger/write-csv.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { logOf } from '../digest/fixtures.js';
import { ledgerLog } from './fixtures.js';

const plan = await loadPlan('henan-2021', 'data/plans');
const TZ = 'Asia/Shanghai';
const NOW = new Date('2021-06-15T09:00:00+08:00');
const ledger = (lang: 'zh' | 'en' = 'zh', week?: string) => buildLedger({ plan, events: logOf(ledgerLog()), asOf: ledgerAsOf(week, NOW, TZ, plan.year), timeZone: TZ, lang });

/** The cells of a sheet's XML row by reference ("L5" → its attributes and inner XML). */
function cellsOf(xml: string): Map<string, { s: number; body: string }> {
  const out = new Map<string, { s: number; body: string }>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/g)) out.set(m[1]!, { s: Number(/ s="(\d+)"/.exec(m[2]!)?.[1] ?? 0), body: m[3] ?? '' });
  return out;
}

/** The fill colour (ARGB) of a cell style index, read from styles.xml. */
function fillOf(styles: string, s: number): string | null {
  const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)?.[1] ?? '').matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/gs)].map((m) => m[0]);
  const fillId = Number(/fillId="(\d+)"/.exec(xfs[s] ?? '')?.[1] ?? 0);
  const fills = [...(/<fills[^>]*>(.*?)<\/fills>/s.exec(styles)?.[1] ?? '').matchAll(/<fill>.*?<\/fill>/gs)].map((m) => m[0]);
  return /fgColor rgb="([0-9A-F]{8})"/.exec(fills[fillId] ?? '')?.[1] ?? null;
}

describe('the workbook, read back with a second reader (read-excel-file) and as a zip', () => {
  it('has the sheets 台账, 进展记录, 指标 with Chinese headers, numbers as numbers and dates as dates', async () => {
    const file = await exportLedger(ledger(), 'xlsx');
    expect(file).toMatchObject({ name: '台账-2021-06-15.xlsx', mediaType: expect.stringContaining('spreadsheetml') });
    const data = Buffer.from(file.data);
    expect((await readExcelFile(data)).map((s) => s.sheet)).toEqual(['台账', '进展记录', '指标']);
    const rows = await readSheet(data, '台账');
    expect(rows[0]).toEqual(['编号', '事项', '牵头单位', '责任单位', '指标', '目标值', '单位', '完成时限', '最新值', '完成比例', '时序进度', '灯号', '状态', '最近报送时间', '报送人', '备注']);
    const zhoukou = rows.find((r) => r[0] === 'T9' && r[3] === '周口市' && String(r[4]).startsWith('T9.1'))!;
    expect(zhoukou.slice(0, 4)).toEqual(['T9', '土壤污染防治行动', '周口市', '周口市']);
    expect(zhoukou[5]).toBe(800);
    expect(zhoukou[8]).toBe(120);
    expect(zhoukou[9]).toBeCloseTo(0.15, 10);
    expect(typeof zhoukou[10]).toBe('number');
    expect(zhoukou[7]).toEqual(new Date('2021-12-31T00:00:00Z'));
    // 02:00 UTC is 10:00 in Shanghai: the sheet shows the local wall clock.
    expect(zhoukou[13]).toEqual(new Date('2021-06-08T10:00:00Z'));
    expect(zhoukou.slice(14)).toEqual(['web:zl', '周口进展顺利']);
    const province = rows.find((r) => r[0] === 'T9' && r[3] === '全省')!;
    expect(province[8]).toBe(210);
    const history = await readSheet(data, '进展记录');
    expect(history[0]!.slice(0, 3)).toEqual(['时间', '编号', '事项']);
    expect(history).toHaveLength(1 + 5);
    const indicators = await readSheet(data, '指标');
    expect(indicators.find((r) => r[1] === 'T9.1')!.slice(0, 5)).toEqual(['T9', 'T9.1', expect.any(String), '>=', 800]);
  });

  it('freezes the header row, fits CJK widths and fills each light cell with its colour', async () => {
    const zip = await JSZip.loadAsync((await exportLedger(ledger(), 'xlsx')).data);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"|<pane [^>]*state="frozen"[^>]*ySplit="1"/);
    // The title column (B) is wider than its longest title counted one per character.
    const widths = [...sheet.matchAll(/<col min="(\d+)" max="\d+" width="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const titleWidth = widths.find(([c]) => c === 2)![1]!;
    const longest = Math.max(...plan.items.map((i) => [...i.title.zh].length));
    expect(titleWidth).toBeGreaterThanOrEqual(2 * longest);
    const rows = await readSheet(Buffer.from((await exportLedger(ledger(), 'xlsx')).data), '台账');
    const cells = cellsOf(sheet);
    const lightOfRow = (id: string) => cells.get(`L${rows.findIndex((r) => r[0] === id) + 1}`)!;
    expect(fillOf(styles, lightOfRow('T20').s)).toBe(LIGHT_FILLS.red);
    expect(fillOf(styles, lightOfRow('O1').s)).toBe(LIGHT_FILLS.green);
    expect(rows.find((r) => r[0] === 'T20')![11]).toBe('红灯');
    const yellow = rows.findIndex((r) => r[0] === 'T9' && r[3] === '全省') + 1;
    expect(fillOf(styles, cells.get(`L${yellow}`)!.s)).toBe(LIGHT_FILLS.yellow);
  });

  it('with --lang en: the sheets Ledger, History, Indicators and English headers', async () => {
    const data = Buffer.from((await exportLedger(ledger('en'), 'xlsx')).data);
    expect((await readExcelFile(data)).map((s) => s.sheet)).toEqual(['Ledger', 'History', 'Indicators']);
    const rows = await readSheet(data, 'Ledger');
    expect(rows[0]!.slice(0, 5)).toEqual(['ID', 'Title', 'Lead unit', 'Unit', 'Indicator']);
    expect(rows.find((r) => r[0] === 'T20')![11]).toBe('red');
  });
});

describe('CSV in Excel encoding and markdown', () => {
  it('writes one UTF-8 CSV with a BOM per sheet in a zip, Chinese intact, quotes and formulas made harmless', async () => {
    // As of the week of 7 June, when T12's note was a formula.
    const file = await exportLedger(ledger('zh', '2021-06-07'), 'csv');
    expect(file).toMatchObject({ name: '台账-2021-06-13-csv.zip', mediaType: 'application/zip' });
    const zip = await JSZip.loadAsync(file.data);
    expect(Object.keys(zip.files).sort()).toEqual(['台账.csv', '指标.csv', '进展记录.csv'].sort());
    const bytes = await zip.file('台账.csv')!.async('uint8array');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('编号,事项,牵头单位,责任单位,指标,目标值,单位,完成时限,最新值,完成比例,时序进度,灯号,状态,最近报送时间,报送人,备注');
    expect(lines.find((l) => l.startsWith('T9,') && l.includes(',周口市,T9.1'))).toContain(',800,个行政村,2021-12-31,120,15%,');
    expect(lines.find((l) => l.startsWith('T20,'))).toContain('"滞后, ""原因""见附件"');
    expect(lines.find((l) => l.startsWith('T12,'))).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('writes the ledger alone with --sheet, and markdown as a table', async () => {
    const one = await exportLedger(ledger('en'), 'csv', 'history');
    expect(one).toMatchObject({ name: 'History-2021-06-15.csv', mediaType: expect.stringContaining('text/csv') });
    expect(Buffer.from(one.data).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const md = Buffer.from((await exportLedger(ledger(), 'md')).data).toString('utf8').split('\n');
    expect(md[0]).toMatch(/^\| 编号 \| 事项 \|/);
    expect(md.find((l) => l.startsWith('| T20 |'))).toContain('🔴 红灯');
  });
});
