import { describe, expect, it } from 'vitest';
import { nfkc } from '../../src/search/normalize.js';

describe('nfkc', () => {
  it('is String.prototype.normalize("NFKC") for every ASCII character and ASCII text', () => {
    for (let c = 0; c < 0x80; c++) expect(nfkc(String.fromCharCode(c))).toBe(String.fromCharCode(c).normalize('NFKC'));
    const ascii = Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c)).join('');
    expect(nfkc(ascii)).toBe(ascii.normalize('NFKC'));
    expect(nfkc('status of T9 at risk, 70% -- PM2.5')).toBe('status of T9 at risk, 70% -- PM2.5');
  });

  it('is normalize("NFKC") for every character of the BMP, alone and after a letter or an ideograph', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const s = String.fromCharCode(c);
      for (const text of [s, `a${s}`, `任${s}`, `${s}\u0301`]) if (nfkc(text) !== text.normalize('NFKC')) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
    expect(nfkc('农村生活污水治理率目标是多少')).toBe('农村生活污水治理率目标是多少');
  });

  it('normalises any text with a character outside ASCII', () => {
    for (const text of ['Ｔ９ 有风险', 'ｓｔａｔｕｓ', 'e\u0301', 'ﬁ', '①', '目標三', '\u3000T9', 'T9\u00a0done', 'Å', '㎏']) {
      expect(nfkc(text)).toBe(text.normalize('NFKC'));
    }
  });

  it('agrees with normalize("NFKC") on random text, ASCII or not', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const pool = ['a', 'Z', '9', ' ', '.', '%', '\t', 'é', 'ｔ', '９', '任', '務', '\u0301', 'ﬀ', '\u00a0', '\u3000', '²'];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: next() % 12 }, () => pool[next() % pool.length]).join('');
      expect(nfkc(text)).toBe(text.normalize('NFKC'));
    }
  });
});
