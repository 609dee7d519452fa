import { describe, expect, it } from 'vitest';
import { allIntents } from '../../intents/index.js';
import { helpBlocks } from '../../src/core/help-text.js';

describe('helpBlocks', () => {
  it('gives the same help on every call: shared blocks no caller can change, in an array of its own', () => {
    for (const lang of ['en', 'zh'] as const) {
      const first = helpBlocks(allIntents, lang);
      const expected = structuredClone(first);
      expect(() => {
        (first[0] as { text: string }).text = 'changed';
      }).toThrow(TypeError);
      first.push({ type: 'paragraph', text: 'added' });
      const second = helpBlocks(allIntents, lang);
      expect(second).toEqual(expected);
      expect(second.length).toBe(allIntents.length + 2);
      second.forEach((b, i) => expect(b).toBe(first[i]));
    }
  });

  it('is worked out per intents list and language', () => {
    const few = allIntents.slice(0, 2);
    expect(helpBlocks(few, 'en')).toHaveLength(4);
    expect(helpBlocks(few, 'zh')[0]).toEqual({ type: 'heading', text: '可以用中文或英文问我工作计划的内容。我能理解：' });
    expect(helpBlocks(allIntents, 'en')[1]).toEqual({ type: 'paragraph', text: expect.stringContaining(allIntents[0]!.summary.en) });
  });
});
