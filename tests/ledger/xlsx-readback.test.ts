import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import readExcelFile, { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { buildLedger, exportLedger, ledgerAsOf } from '../../src/ledger/index.js';
import { LIGHT_FILLS } from '../../src/ledger/xlsx-package.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { logOf } from '../digest/fixtures.js';
import { ledgerLog, update } from './fixtures.js';

const plan = await loadPlan('henan-2021', 'data/plans');
const TZ = 'Asia/Shanghai';
const NOW = new Date('2021-06-15T09:00:00+08:00');
/** A note that XML must escape (&, <, >, quotes), with control characters XML 1.0 forbids and spaces at both ends. */
const AWKWARD = ' 河道 & <治理> "第1批" \u0001\u0008\u000b\u001f\uffff完成 ';
const ledger = (lang: 'zh' | 'en' = 'zh') =>
  buildLedger({ plan, events: logOf([...ledgerLog(), update({ itemId: 'T3', note: AWKWARD, user: 'web:carol', at: '2021-06-11T02:00:00Z' })]), asOf: ledgerAsOf(undefined, NOW, TZ, plan.year), timeZone: TZ, lang });
const workbookBytes = async (lang: 'zh' | 'en' = 'zh') => Buffer.from((await exportLedger(ledger(lang), 'xlsx')).data);

/** The workbook as exceljs's own reader sees it (the writer is ours; exceljs is a second, independent reader). */
async function excel(data: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  return book;
}

describe('the workbook read back by exceljs', () => {
  it('has the CJK sheet names, a frozen bold header row on a fill, and fitted column widths', async () => {
    const book = await excel(await workbookBytes());
    expect(book.worksheets.map((w) => w.name)).toEqual(['台账', '进展记录', '指标']);
    for (const ws of book.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
      const head = ws.getRow(1).getCell(1);
      expect(head.font?.bold).toBe(true);
      expect(head.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
    }
    const ws = book.getWorksheet('台账')!;
    expect(ws.getRow(1).values).toEqual([undefined, '编号', '事项', '牵头单位', '责任单位', '指标', '目标值', '单位', '完成时限', '最新值', '完成比例', '时序进度', '灯号', '状态', '最近报送时间', '报送人', '备注']);
    // Title (B): wide enough for the longest title, a CJK character counting two.
    const longest = Math.max(...plan.items.map((i) => [...i.title.zh].length));
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(Math.min(2 * longest, 60));
    expect(ws.getColumn(14).width).toBe(17);
  });

  it('reads numbers as numbers, shares as percentages, deadlines and report times as dates, lights on their fills', async () => {
    const ws = (await excel(await workbookBytes())).getWorksheet('台账')!;
    const rowOf = (test: (r: ExcelJS.Row) => boolean) => {
      for (let n = 2; n <= ws.rowCount; n++) if (test(ws.getRow(n))) return ws.getRow(n);
      throw new Error('no such row');
    };
    const zhoukou = rowOf((r) => r.getCell(1).value === 'T9' && r.getCell(4).value === '周口市' && String(r.getCell(5).value).startsWith('T9.1'));
    expect(zhoukou.getCell(6).value).toBe(800);
    expect(zhoukou.getCell(9).value).toBe(120);
    expect(zhoukou.getCell(10).value).toBeCloseTo(0.15, 10);
    expect(zhoukou.getCell(10).numFmt).toBe('0.0%');
    expect(zhoukou.getCell(8).value).toEqual(new Date('2021-12-31T00:00:00Z'));
    expect(zhoukou.getCell(8).numFmt).toBe('yyyy-mm-dd');
    // 02:00 UTC is 10:00 in Shanghai: the cell holds the wall clock.
    expect(zhoukou.getCell(14).value).toEqual(new Date('2021-06-08T10:00:00Z'));
    expect(zhoukou.getCell(14).numFmt).toBe('yyyy-mm-dd hh:mm');
    const light = (r: ExcelJS.Row) => [r.getCell(12).value, (r.getCell(12).fill as ExcelJS.FillPattern).fgColor?.argb];
    expect(light(rowOf((r) => r.getCell(1).value === 'T20'))).toEqual(['红灯', LIGHT_FILLS.red]);
    expect(light(rowOf((r) => r.getCell(1).value === 'T9' && r.getCell(4).value === '全省'))).toEqual(['黄灯', LIGHT_FILLS.yellow]);
    expect(light(rowOf((r) => r.getCell(1).value === 'O1'))).toEqual(['绿灯', LIGHT_FILLS.green]);
    // An empty cell is absent, not an empty string.
    expect(rowOf((r) => r.getCell(1).value === 'O1').getCell(16).value).toBeNull();
  });

  it('keeps text that XML must escape; drops the control characters XML 1.0 cannot carry', async () => {
    const data = await workbookBytes();
    const kept = ' 河道 & <治理> "第1批" 完成 ';
    const ws = (await excel(data)).getWorksheet('进展记录')!;
    const notes: unknown[] = [];
    ws.eachRow((r) => notes.push(r.getCell(8).value));
    expect(notes).toContain(kept);
    // The second reader agrees (it trims cells by default).
    const rows = await readSheet(data, '进展记录');
    expect(rows.map((r) => r[7])).toContain(kept.trim());
  });
});

describe('the workbook read back by read-excel-file, and as a package', () => {
  it('names the sheets Ledger, History, Indicators in English (the names CONTRACT.md gives), types intact', async () => {
    const data = await workbookBytes('en');
    expect((await readExcelFile(data)).map((s) => s.sheet)).toEqual(['Ledger', 'History', 'Indicators']);
    const updates = await readSheet(data, 'History');
    expect(updates[0]!.slice(0, 3)).toEqual(['Time', 'ID', 'Title']);
    expect(updates.find((r) => r[1] === 'T3')![0]).toEqual(new Date('2021-06-11T10:00:00Z'));
  });

  it('declares every part in [Content_Types].xml and relates every sheet, the styles and the shared strings', async () => {
    const zip = await JSZip.loadAsync(await workbookBytes(), { checkCRC32: true });
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>');
    expect(types).toContain('<Default Extension="xml" ContentType="application/xml"/>');
    const parts = Object.keys(zip.files).filter((p) => !p.endsWith('.rels') && p !== '[Content_Types].xml');
    expect(parts.sort()).toEqual(['docProps/app.xml', 'docProps/core.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml']);
    for (const part of parts) expect(types).toContain(`<Override PartName="/${part}" ContentType="`);
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    for (const target of ['worksheets/sheet1.xml', 'worksheets/sheet2.xml', 'worksheets/sheet3.xml', 'styles.xml', 'sharedStrings.xml']) expect(rels).toContain(`Target="${target}"`);
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbook).toContain('<sheet name="台账" sheetId="1" r:id="rId1"/>');
    // Every XML part is UTF-8 and declares it.
    for (const part of parts) expect((await zip.file(part)!.async('string')).startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
  });
});
