import { describe, expect, it } from 'vitest';
import { buildSearchIndex, detectLang, parseItemRef } from '../../src/search/index.js';
import { FIXTURE_ITEMS } from './fixture.js';
import { prng } from '../support/prng.js';

const index = buildSearchIndex(FIXTURE_ITEMS);


const PIECES = ['污水', '农村', 'rural', 'sewage', 'T9', '第九项', ' ', '\n', '。', '%', '.', 'PM2.5', '😀', '\uD800', '\u0000', '<b>', "'; --", '目标', 'ｔａｓｋ'];

function randomString(random: () => number): string {
  const length = Math.floor(random() * 60);
  let s = '';
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.3) s += PIECES[Math.floor(random() * PIECES.length)];
    else if (r < 0.6) s += String.fromCharCode(0x20 + Math.floor(random() * 0x5f));
    else if (r < 0.8) s += String.fromCharCode(0x4e00 + Math.floor(random() * 0x5000));
    else s += String.fromCharCode(Math.floor(random() * 0x10000));
  }
  return s;
}

function expectValidHits(q: string): void {
  const hits = index.search(q);
  expect(Array.isArray(hits)).toBe(true);
  for (const [i, h] of hits.entries()) {
    expect(typeof h.id).toBe('string');
    expect(Number.isFinite(h.score)).toBe(true);
    expect(h.score).toBeGreaterThan(0);
    expect(h.score).toBeLessThanOrEqual(1);
    if (i > 0) expect(h.score).toBeLessThanOrEqual(hits[i - 1]!.score);
  }
}

describe('search robustness', () => {
  it('survives 10,000 random strings with valid, sorted scores', () => {
    const random = prng(20210101);
    for (let n = 0; n < 10_000; n++) {
      const q = randomString(random);
      expectValidHits(q);
      detectLang(q);
      parseItemRef(q);
    }
  });

  it.each([
    ['empty', ''],
    ['100 KB', 'rural sewage '.repeat(8_000)],
    ['100 KB of Chinese', '农村生活污水'.repeat(17_000)],
    ['binary bytes', String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i))],
    ['lone surrogates', '\uD800\uDC00\uDFFF\uD83D'],
    ['emoji only', '😀🎉🌏'],
    ['punctuation only', '!?。，、；：“”（）…—'],
    ['markdown', '# Title\n\n* **rural** _sewage_\n```js\ncode\n```'],
    ['HTML', '<div class="x"><script>alert("T9")</script></div>'],
    ['SQL', "1' OR '1'='1'; DROP TABLE plan; --"],
    ['regex metacharacters', '.*+?^${}()|[]\\/'],
  ])('answers %s quickly without throwing', (_, q) => {
    const started = performance.now();
    expectValidHits(q);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('returns nothing rather than throwing on a non-string', () => {
    expect(index.search(undefined as unknown as string)).toEqual([]);
    expect(index.search(42 as unknown as string)).toEqual([]);
  });
});
