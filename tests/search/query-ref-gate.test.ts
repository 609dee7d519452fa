import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusQuestions } from '../../src/eval/answer-corpus.js';
import { normalizeText } from '../../src/search/normalize.js';
import { findItemRefIn, mayNameAnItem, mendReferenceWords } from '../../src/search/parse-item-ref.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Texts that name an item, or nearly: every form of number a reference may use. */
const REFERENCES = ['T9', 'task nine', 'taks 9', 'the ninth task', 'twenty-first task', 'objective three', 'goal 4', 'O3', 'g 2', '第九项任务', '目标 三', '任务组二', '第十二条', 'task number 40', 'section one'];

describe('mayNameAnItem on a normalised query: the gate before the search reads it for an item reference', () => {
  it.each(REFERENCES)('lets a reference through: %s', (text) => {
    const normalized = normalizeText(text);
    expect(findItemRefIn(mendReferenceWords(normalized))).not.toBeNull();
    expect(mayNameAnItem(normalized)).toBe(true);
  });

  it('keeps out only texts that name no item (every question of the eval sets and the commands)', () => {
    const texts = [...corpusQuestions(ROOT), ...REFERENCES, 'taks about water', 'objectve of the plan', '目标任务'];
    let gated = 0;
    for (const text of texts) {
      const normalized = normalizeText(text);
      if (mayNameAnItem(normalized)) continue;
      gated++;
      expect(findItemRefIn(mendReferenceWords(normalized))).toBeNull();
    }
    expect(gated).toBeGreaterThan(100);
  });
});
