import { describe, expect, it } from 'vitest';
import { fallbackText, itemCardId, toBlocks, toMessages, type SlackBlock } from '../../src/adapters/slack/index.js';
import { reply, type Reply, type ReplyBlock } from '../../src/core/reply.js';
import { userRef } from '../../src/core/user-refs.js';

const en = (blocks: ReplyBlock[], extra: Partial<Reply> = {}) => reply('en', blocks, extra);
const texts = (blocks: SlackBlock[]) => blocks.map((b) => ('text' in b && b.text && typeof b.text === 'object' ? b.text.text : '')).filter(Boolean);

describe('toBlocks', () => {
  it.each<[string, ReplyBlock, unknown]>([
    ['heading → header', { type: 'heading', text: 'Task 9' }, { type: 'header', text: { type: 'plain_text', text: 'Task 9', emoji: true } }],
    ['paragraph → section', { type: 'paragraph', text: 'a < b & c' }, { type: 'section', text: { type: 'mrkdwn', text: 'a &lt; b &amp; c' } }],
    ['progress → section with the text bar', { type: 'progress', label: 'T9.1 villages', ratio: 0.5, detail: '400/800' }, { type: 'section', text: { type: 'mrkdwn', text: '*T9.1 villages*\n`▓▓▓▓▓░░░░░` 400/800' } }],
    ['context → context', { type: 'context', text: `see ${userRef('slack:U1ABC')}` }, { type: 'context', elements: [{ type: 'mrkdwn', text: 'see <@U1ABC>' }] }],
    ['list → section of items', { type: 'list', items: [{ id: 'T1', text: 'Air' }, { id: 'T2', text: 'Water' }] }, { type: 'section', text: { type: 'mrkdwn', text: '• *T1* Air\n• *T2* Water' } }],
  ])('%s', (_name, block, expected) => {
    expect(toBlocks(en([block]))[0]).toEqual(expected);
  });

  it('renders a quote as a > section plus a context naming the source item', () => {
    const [quote, ctx] = toBlocks(en([{ type: 'quote', text: '第一行\n第二行', source: 'T9' }]));
    expect(quote).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '> 第一行\n> 第二行' } });
    expect(JSON.stringify(ctx)).toContain('T9');
    expect(ctx!.type).toBe('context');
  });

  it('renders fields as section fields, ten at most per section', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `V${i}` }));
    const blocks = toBlocks(en([{ type: 'fields', fields }]));
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatchObject({ type: 'section', fields: expect.arrayContaining([{ type: 'mrkdwn', text: '*L0*\nV0' }]) });
    expect((blocks[0] as { fields: unknown[] }).fields).toHaveLength(10);
  });

  it('renders actions as buttons carrying their command', () => {
    const [b] = toBlocks(en([{ type: 'actions', buttons: [{ label: 'History', command: '/plan history T9' }] }]));
    expect(b).toMatchObject({ type: 'actions', elements: [{ type: 'button', action_id: 'plan_cmd_0', value: '/plan history T9', text: { text: 'History' } }] });
  });

  it('puts a long or mentioning heading in a bold section instead of a header', () => {
    expect(toBlocks(en([{ type: 'heading', text: 'x'.repeat(151) }]))[0]!.type).toBe('section');
    expect(toBlocks(en([{ type: 'heading', text: `Owner ${userRef('slack:U9Z')}` }]))[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Owner <@U9Z>*' } });
  });

  it('splits long text at line boundaries, every section within 3000 characters', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(60)}`);
    const blocks = toBlocks(en([{ type: 'paragraph', text: lines.join('\n') }]));
    expect(blocks.length).toBeGreaterThan(1);
    for (const t of texts(blocks)) expect(t.length).toBeLessThanOrEqual(3000);
    expect(texts(blocks).join('\n')).toBe(lines.join('\n'));
  });

  it('never splits a list item between sections', () => {
    const items = Array.from({ length: 80 }, (_, i) => ({ id: `T${i}`, text: `${'任务'.repeat(30)} ${i}` }));
    const blocks = toBlocks(en([{ type: 'list', items }]));
    expect(blocks.length).toBeGreaterThan(1);
    const all = texts(blocks);
    for (const t of all) {
      expect(t.length).toBeLessThanOrEqual(3000);
      for (const line of t.split('\n')) expect(line).toMatch(/^• \*T\d+\* (任务){30} \d+$/);
    }
    expect(all.join('\n').split('\n')).toHaveLength(80);
  });

  it('keeps to 50 blocks, saying what was cut; toMessages keeps everything in messages of 50', () => {
    const r = en(Array.from({ length: 120 }, (_, i) => ({ type: 'paragraph' as const, text: `p${i}` })));
    const blocks = toBlocks(r);
    expect(blocks).toHaveLength(50);
    expect(JSON.stringify(blocks.at(-1))).toContain('71 more blocks');
    const messages = toMessages(r);
    expect(messages.map((m) => m.blocks.length)).toEqual([50, 50, 20]);
    expect(messages[0]!.text).toContain('p0');
  });

  it('gives item cards status buttons and an Update… button', () => {
    const card = en([{ type: 'heading', text: 'T9 Soil' }], { matches: [{ id: 'T9', score: 1 }] });
    expect(itemCardId(card)).toBe('T9');
    const actions = toBlocks(card).at(-1) as { type: string; elements: { action_id: string; value: string }[] };
    expect(actions.type).toBe('actions');
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      ['plan_status_on-track', '/plan update T9 on-track'],
      ['plan_status_at-risk', '/plan update T9 at-risk'],
      ['plan_status_off-track', '/plan update T9 off-track'],
      ['plan_status_done', '/plan update T9 done'],
      ['plan_update_modal', 'T9'],
    ]);
  });

  it('gives no buttons to lists, errors, previews or replies about nothing', () => {
    expect(itemCardId(en([{ type: 'list', items: [] }], { matches: [{ id: 'T1', score: 1 }] }))).toBeNull();
    expect(itemCardId(en([], { matches: [{ id: 'T1', score: 1 }], error: { id: 'x' } }))).toBeNull();
    expect(itemCardId(en([], { matches: [{ id: 'T1', score: 1 }], ephemeral: true }))).toBeNull();
    expect(itemCardId(en([]))).toBeNull();
  });

  it('labels buttons in the reply language', () => {
    const zh = reply('zh', [{ type: 'heading', text: '任务九' }], { matches: [{ id: 'T9', score: 1 }] });
    expect(JSON.stringify(toBlocks(zh))).toContain('有风险');
  });
});

describe('fallbackText', () => {
  it('is the plain text with Slack mentions', () => {
    expect(fallbackText(en([{ type: 'paragraph', text: `owner ${userRef('slack:U42X')}` }]))).toBe('owner <@U42X>');
  });
});

describe('owners in digests', () => {
  it('a Slack owner named in a digest list becomes a real mention', async () => {
    const { toMessages } = await import('../../src/adapters/slack/to-blocks.js');
    const r = { lang: 'en' as const, matches: [], ephemeral: false, blocks: [{ type: 'list' as const, items: [{ id: 'T12', text: `last update 2021-10-20 · ${userRef('web:wang')} ${userRef('slack:U042')}` }] }] };
    const json = JSON.stringify(toMessages(r));
    expect(json).toContain('<@U042>');
    expect(json).toContain('wang');
    expect(json).not.toContain('slack:U042');
  });
});
