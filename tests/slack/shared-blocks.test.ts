import { describe, expect, it } from 'vitest';
import { cardJson, sharedPieces } from '../../src/adapters/slack/block-pieces.js';
import { toBlocks, toMessages } from '../../src/adapters/slack/to-blocks.js';
import { reply, type ReplyBlock } from '../../src/core/reply.js';

const en = (blocks: ReplyBlock[]) => reply('en', blocks);
const zh = (blocks: ReplyBlock[]) => reply('zh', blocks);

describe('a block shared between answers (deep-frozen) is converted once, by identity', () => {
  it('the same frozen block gives the same (frozen) Slack blocks, in every answer it is part of', () => {
    const quote = Object.freeze({ type: 'quote', text: '农村生活污水治理率达到33%', source: 'O3' } as const);
    const first = toBlocks(en([quote]));
    const again = toMessages(en([{ type: 'heading', text: 'T9' }, quote]))[0]!.blocks.slice(1);
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
    expect(Object.isFrozen(first[0])).toBe(true);
    expect(Object.isFrozen((first[1] as { elements: object[] }).elements[0])).toBe(true);
    expect(sharedPieces(quote, "en")).toBe(sharedPieces(quote, "en"));
  });

  it('a block with the same text but another identity is converted anew (never looked up by its text)', () => {
    const a = Object.freeze({ type: 'paragraph', text: 'same' } as const);
    const b = Object.freeze({ type: 'paragraph', text: 'same' } as const);
    expect(toBlocks(en([a]))[0]).not.toBe(toBlocks(en([b]))[0]);
    expect(toBlocks(en([a]))[0]).toEqual(toBlocks(en([b]))[0]);
  });

  it('each language has its own conversion', () => {
    const quote = Object.freeze({ type: 'quote', text: '原文', source: 'T9' } as const);
    expect(JSON.stringify(toBlocks(en([quote])))).toContain('Plan text, verbatim');
    expect(JSON.stringify(toBlocks(zh([quote])))).toContain('计划原文');
    expect(JSON.stringify(toBlocks(en([quote])))).toContain('Plan text, verbatim');
  });

  it('a block that is not frozen is converted each time: a change to it shows', () => {
    const p: { type: 'paragraph'; text: string } = { type: 'paragraph', text: 'before' };
    expect(toBlocks(en([p]))[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'before' } });
    p.text = 'after';
    expect(toBlocks(en([p]))[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'after' } });
    expect(sharedPieces(p, "en")).toBeNull();
  });

  it('a frozen block whose list holds an entry that is not frozen is converted each time', () => {
    const owner = { label: 'Owner', value: 'bob' };
    const block = Object.freeze({ type: 'fields' as const, fields: [Object.freeze({ label: 'Due', value: 'June' }), owner] });
    expect(JSON.stringify(toBlocks(en([block])))).toContain('bob');
    owner.value = 'carol';
    expect(JSON.stringify(toBlocks(en([block])))).toContain('carol');
    expect(sharedPieces(block, 'en')).toBeNull();
  });

  it('shared as frozenBlocks shares them (the list left unfrozen, its entries frozen): a list changed after all is converted again', () => {
    const items: { id: string; text: string }[] = [Object.freeze({ id: 'T1', text: 'Air' })];
    const list = Object.freeze({ type: 'list' as const, items });
    const first = toBlocks(en([list]))[0];
    expect(toBlocks(en([list]))[0]).toBe(first);
    items[0] = Object.freeze({ id: 'T1', text: 'Water' });
    expect(JSON.stringify(toBlocks(en([list])))).toContain('Water');
    items.push(Object.freeze({ id: 'T2', text: 'Soil' }));
    expect(JSON.stringify(toBlocks(en([list])))).toContain('Soil');
    const fields = [Object.freeze({ label: 'Owner', value: 'bob' })];
    const card = Object.freeze({ type: 'fields' as const, fields });
    expect(sharedPieces(card, 'en')).toBe(sharedPieces(card, 'en'));
    fields.pop();
    expect(sharedPieces(card, 'en')!.json.count).toBe(0);
  });

  it('the Slack blocks of a shared block cannot be changed by whoever receives them', () => {
    const heading = Object.freeze({ type: 'heading', text: 'Task 9' } as const);
    const [h] = toBlocks(en([heading]));
    expect(() => {
      (h as { type: string }).type = 'section';
    }).toThrow(TypeError);
    expect(toBlocks(en([heading]))[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Task 9', emoji: true } });
  });
});

describe('an item card\'s buttons', () => {
  it('are the same JSON piece for the same item and language, and differ by language', () => {
    expect(cardJson('T9', 'en')).toBe(cardJson('T9', 'en'));
    expect(cardJson('T9', 'en').json).toBe(JSON.stringify(toBlocks(reply('en', [], { matches: [{ id: 'T9', score: 1 }] }))[0]));
    expect(cardJson('T9', 'zh').json).toBe(JSON.stringify(toBlocks(reply('zh', [], { matches: [{ id: 'T9', score: 1 }] }))[0]));
    expect(cardJson('T9', 'zh').json).not.toBe(cardJson('T9', 'en').json);
  });
});
