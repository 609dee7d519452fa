import { describe, expect, it } from 'vitest';
import { createTypoCorrector, editDistance } from '../../src/search/typo-corrector.js';

describe('editDistance', () => {
  it.each([
    ['rual', 'rural', 1],
    ['targt', 'target', 1],
    ['rice', 'river', 2],
    ['abc', 'abc', 0],
    ['ab', 'ba', 1],
    ['', 'abc', 3],
  ] as const)('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('createTypoCorrector', () => {
  const vocabulary = new Map([
    ['rural', 3],
    ['agricultural', 2],
    ['sewage', 4],
    ['target', 2],
    ['targets', 1],
    ['river', 5],
    ['biodiversity', 1],
    ['yellow', 3],
    ['helping', 1],
  ]);
  const correct = createTypoCorrector(vocabulary, ['what', 'the', 'is']);

  it.each([
    ['rual', 'rural'],
    ['rurl', 'rural'],
    ['sewge', 'sewage'],
    ['targt', 'target'],
    ['biodiversty', 'biodiversity'],
    ['wht', 'what'],
  ])('%s → %s', (typo, word) => {
    expect(correct(typo)?.word).toBe(word);
  });

  it.each(['hello', 'rice', 'heading', 'won', 'asdfgh', 'x'.repeat(40)])('leaves %j uncorrected', (word) => {
    expect(correct(word)).toBeNull();
  });

  it('reports how far the typo was', () => {
    expect(correct('rual')?.distance).toBeCloseTo(0.2);
  });
});
