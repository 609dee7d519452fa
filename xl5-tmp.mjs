import ExcelJS from 'exceljs';
const { PassThrough } = await import('node:stream');
const N = +process.argv[2];
const c0 = process.cpuUsage();
const t1 = performance.now();
const out = new PassThrough(); const chunks = []; out.on('data', c => chunks.push(c));
const w = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: +process.argv[3] } } });
const s = w.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
const red = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } } };
const pct = { numFmt: '0.0%' }; const day = { numFmt: 'yyyy-mm-dd' };
for (let r = 0; r < N; r++) {
  const row = s.addRow([`T${r}`, '某某任务标题', '郑州市', '周口市', `T${r}.1`, 800, new Date(Date.UTC(2021,11,31)), 420, 0.525, 0.45, '红灯', '有风险', new Date(), 'web:bob', '一些说明', 'x']);
  row.getCell(11).style = red; row.getCell(9).style = pct; row.getCell(7).style = day; row.getCell(13).style = day;
  row.commit();
}
s.commit(); await w.commit();
const c = process.cpuUsage(c0);
console.log(N, 'wall', (performance.now()-t1).toFixed(0), 'cpu', ((c.user+c.system)/1000).toFixed(0), Buffer.concat(chunks).byteLength);
