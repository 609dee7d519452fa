import { describe, expect, it } from 'vitest';
import { buildInvertedIndex } from '../../src/search/inverted-index.js';
import { documentTerms } from '../../src/search/index.js';

const FIELDS = [{ weight: 3, b: 0.3 }, { weight: 1, b: 0.75 }];

describe('buildInvertedIndex', () => {
  const texts = [
    ['二氧化碳排放达峰', 'Peaking CO2 emissions; PM2.5 and VOCs. 𠀀𠀁 and 丽 (compatibility ideograph)'],
    ['农村生活污水治理率达到33%', "Rural sewage: the province's 800 villages."],
    ['', 'Привет мир, ＰＭ２．５'],
  ];
  const index = buildInvertedIndex(texts, FIELDS, 1.2);

  it('indexes exactly the terms documentTerms defines', () => {
    const expected = new Set(texts.flatMap((fields) => fields.flatMap((t) => documentTerms(t).terms)));
    expect(new Set(index.postings.keys())).toEqual(expected);
  });

  it('lists each document of a term once, in order, with weights in 0..1', () => {
    for (const { docs, sat } of index.postings.values()) {
      for (let k = 0; k < docs.length; k++) {
        if (k > 0) expect(docs[k]!).toBeGreaterThan(docs[k - 1]!);
        expect(sat[k]!).toBeGreaterThan(0);
        expect(sat[k]!).toBeLessThan(1);
      }
    }
    expect([...index.postings.get('pm2.5')!.docs]).toEqual([0, 2]);
  });

  it('weighs a title occurrence above a body occurrence', () => {
    const peak = index.postings.get('达峰')!;
    const emission = index.postings.get('emiss')!;
    expect(peak.sat[0]!).toBeGreaterThan(emission.sat[0]!);
  });

  it('collects English words for typo correction, without stop words', () => {
    expect(index.words.has('rural')).toBe(true);
    expect(index.words.has('the')).toBe(false);
  });
});
