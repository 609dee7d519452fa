import { describe, expect, it } from 'vitest';
import { detectLang } from '../../src/search/index.js';

describe('detectLang', () => {
  it.each([
    ['农村生活污水治理率要达到多少', 'zh'],
    ['水污染防治', 'zh'],
    ['PM2.5和臭氧', 'zh'],
    ['请告诉我T9的进展', 'zh'],
    ['第九项任务', 'zh'],
    ["what's the rural sewage target", 'en'],
    ['wht is the rual sewage targt', 'en'],
    ['what does 危废 mean in the plan', 'en'],
    ['12369', 'en'],
    ['', 'en'],
    ['😀😀', 'en'],
    ['???', 'en'],
    ['ＰＭ２．５', 'en'],
  ] as const)('%j is %s', (text, lang) => {
    expect(detectLang(text)).toBe(lang);
  });
});
