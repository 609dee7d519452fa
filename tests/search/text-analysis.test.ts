import { describe, expect, it } from 'vitest';
import {
  capQuery,
  chineseBigrams,
  documentTerms,
  englishWords,
  MAX_QUERY_CHARS,
  normalizeText,
  queryTerms,
  segmentChinese,
  stemEnglish,
} from '../../src/search/index.js';

describe('normalizeText', () => {
  it.each([
    ['ＰＭ２．５和臭氧（Ｏ３）', 'pm2.5和臭氧 o3'],
    ['What’s the Rural SEWAGE target?', 'what the rural sewage target'],
    ['33% of villages. 1.5起/万枚', '33 of villages 1.5起 万枚'],
    ['Café naïve', 'cafe naive'],
    ['第９项', '第9项'],
    ['**bold** <b>html</b> `code`', 'bold b html b code'],
    ['', ''],
    ['!!!???', ''],
    ['\uD800lone surrogate', 'lone surrogate'],
  ])('%j → %j', (text, expected) => {
    expect(normalizeText(text)).toBe(expected);
  });
});

describe('capQuery', () => {
  it('keeps short queries and cuts long ones to the cap without splitting a surrogate pair', () => {
    expect(capQuery('short')).toBe('short');
    expect(capQuery('x'.repeat(100_000))).toHaveLength(MAX_QUERY_CHARS);
    const emoji = `${'x'.repeat(MAX_QUERY_CHARS - 1)}😀`;
    expect(capQuery(emoji)).toBe('x'.repeat(MAX_QUERY_CHARS - 1));
  });
});

describe('stemEnglish', () => {
  it.each([
    [['village', 'villages']],
    [['rectify', 'rectified', 'rectification', 'rectifying']],
    [['utilization', 'utilisation', 'utilize', 'utilized']],
    [['pollution', 'pollutant', 'pollutants', 'polluted', 'polluting']],
    [['peak', 'peaking', 'peaks']],
    [['target', 'targets']],
    [['plot', 'plots']],
    [['gas', 'gases']],
    [['industry', 'industries', 'industrial']],
    [['ecology', 'ecological']],
    [['demonstrate', 'demonstration', 'demonstrated']],
    [['plan', 'plans', 'planning']],
    [['control', 'controlled', 'controlling']],
    [['warehouse', 'warehouses']],
  ])('%j share a stem', (words) => {
    expect(new Set(words.map(stemEnglish)).size).toBe(1);
  });

  it.each(['pm2.5', 'co2', 'gas', 'vocs'.slice(0, 3)])('leaves %j alone', (word) => {
    expect(stemEnglish(word)).toBe(word);
  });
});

describe('English tokenisation', () => {
  it('drops stop words and keeps mixed tokens whole', () => {
    expect(englishWords(normalizeText('What is the target for PM2.5 and VOCs?'))).toEqual(['target', 'pm2.5', 'vocs']);
  });

  it('turns number words into digits so "nine cities" meets "9 cities"', () => {
    expect(queryTerms('nine cities').map((t) => t.term)).toEqual(documentTerms('9 cities').terms);
  });
});

describe('Chinese segmentation', () => {
  it('segments with Intl.Segmenter', () => {
    expect(segmentChinese('农村生活污水治理率')).toEqual(expect.arrayContaining(['农村', '生活', '污水', '治理']));
  });

  it('takes overlapping bigrams', () => {
    expect(chineseBigrams('污水治理')).toEqual(['污水', '水治', '治理']);
    expect(chineseBigrams('水')).toEqual([]);
  });

  it('drops question words and does not bridge them with bigrams', () => {
    const terms = queryTerms(normalizeText('农村生活污水治理率要达到多少')).map((t) => t.term);
    expect(terms).toContain('污水');
    expect(terms).toContain('达到');
    expect(terms).not.toContain('多少');
    expect(terms).not.toContain('到多');
    expect(terms).not.toContain('率要');
  });

  it('weighs bigrams that straddle two words less', () => {
    const terms = queryTerms('水污染防治');
    expect(terms.find((t) => t.term === '污染')?.weight).toBe(1);
    expect(terms.find((t) => t.term === '水污')?.weight).toBeLessThan(1);
  });

  it('keeps a lone character as a term', () => {
    expect(queryTerms('水').map((t) => t.term)).toEqual(['水']);
  });

  it('finds Latin tokens inside Chinese text, as documents write them', () => {
    const { terms } = documentTerms('全省氮氧化物、VOCS、化学需氧量');
    expect(terms).toContain('voc');
    expect(terms).toContain('氮氧');
    expect(terms).toContain('氧');
    expect(queryTerms(normalizeText('VOCs')).map((t) => t.term)).toEqual(['voc']);
  });

  it('keeps words of other scripts as unknown terms rather than dropping them', () => {
    expect(queryTerms(normalizeText('Привет мир')).map((t) => t.script)).toEqual(['other', 'other']);
  });
});
