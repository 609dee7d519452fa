import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { zipFiles } from '../../src/ledger/zip.js';

describe('zipFiles', () => {
  it('writes entries another reader unpacks with their checksums right: UTF-8 names, pieces joined, empty files', async () => {
    const big = 'T9,周口市,120\r\n'.repeat(50_000);
    const data = await zipFiles([
      { name: '台账.csv', chunks: [big.slice(0, 1000), Buffer.from(big.slice(1000), 'utf8')] },
      { name: 'empty.txt', chunks: [] },
      { name: 'dir/a.xml', chunks: ['<a/>'] },
    ]);
    const zip = await JSZip.loadAsync(data, { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual(['台账.csv', 'empty.txt', 'dir/a.xml']);
    expect(await zip.file('台账.csv')!.async('string')).toBe(big);
    expect(await zip.file('empty.txt')!.async('string')).toBe('');
    expect(await zip.file('dir/a.xml')!.async('string')).toBe('<a/>');
    // Deflated: the repetitive text shrinks.
    expect(data.byteLength).toBeLessThan(Buffer.byteLength(big) / 20);
  });

  it('marks names UTF-8 (flag bit 11) and carries the Info-ZIP Unicode path field for names beyond ASCII', async () => {
    const data = Buffer.from(await zipFiles([{ name: '进展记录.csv', chunks: ['x'] }]));
    expect(data.readUInt32LE(0)).toBe(0x04034b50);
    expect(data.readUInt16LE(6) & 0x0800).toBe(0x0800);
    const nameLength = data.readUInt16LE(26);
    expect(data.subarray(30, 30 + nameLength).toString('utf8')).toBe('进展记录.csv');
    expect(data.readUInt16LE(30 + nameLength)).toBe(0x7075);
  });
});
