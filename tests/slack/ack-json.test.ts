import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ackJson } from '../../src/adapters/slack/ack-json.js';
import { ackPayload } from '../../src/adapters/slack/answer-before-ack.js';
import { toMessages } from '../../src/adapters/slack/to-blocks.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { frozenBlocks, reply, type Reply, type ReplyBlock } from '../../src/core/reply.js';
import { slackUser } from '../../src/core/user-ids.js';
import { userRef } from '../../src/core/user-refs.js';
import { corpusQuestions, seedRecord } from '../../src/eval/answer-corpus.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { deepFreeze } from '../support/deep-freeze.js';

/** The acknowledgement as it was written before it was assembled from pieces: the whole message stringified. */
const stringified = (r: Reply) => JSON.stringify(ackPayload(r, toMessages(r)[0]!));

/** A deep-frozen copy of a reply's blocks: what a renderer sharing its fragments between answers hands over. */
function frozen(r: Reply, which: (i: number) => boolean = () => true): Reply {
  return { ...r, blocks: r.blocks.map((b, i) => (which(i) ? deepFreeze(structuredClone(b)) : b)) };
}

describe('ackJson is byte for byte the stringified acknowledgement', () => {
  // The corpus of the answers snapshot (scripts/answers-snapshot.ts): every eval question and the
  // commands of the answer bench, as a command and as free text, over the same seeded record.
  const replies: Reply[] = [];
  beforeAll(async () => {
    const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', PLANBOT_ADMINS: 'slack:UADMIN' }), { store: new MemoryStore(), clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
    await seedRecord(app.bot, slackUser('UADMIN'));
    for (const q of corpusQuestions(fileURLToPath(new URL('../..', import.meta.url)))) {
      for (const command of [true, false]) replies.push(await app.bot.handle({ text: q, command, user: { id: slackUser('U0123') }, platform: 'slack', channel: 'C1' }));
    }
  }, 120_000);

  it('over every answer of the corpus', () => {
    expect(replies.length).toBeGreaterThan(900);
    const different = replies.filter((r) => ackJson(r).json !== stringified(r));
    expect(different.map((r) => r.blocks[0])).toEqual([]);
  });

  it('over every answer of the corpus with its blocks shared (frozen), converted once and then from memory', () => {
    const shared = replies.map((r) => frozen(r));
    for (const round of [1, 2]) {
      const different = shared.filter((r) => ackJson(r).json !== stringified(r));
      expect({ round, different: different.length }).toEqual({ round, different: 0 });
    }
  });

  it('over every answer of the corpus shared as frozenBlocks shares them (each block and list entry frozen, the lists not)', () => {
    const shared = replies.map((r) => ({ ...r, blocks: frozenBlocks(r.blocks.map((b) => structuredClone(b))) }));
    for (const round of [1, 2]) expect({ round, different: shared.filter((r) => ackJson(r).json !== stringified(r)).length }).toEqual({ round, different: 0 });
  });

  it('over every answer of the corpus with some blocks shared and runs of others between them', () => {
    for (const which of [(i: number) => i % 2 === 0, (i: number) => i % 3 === 1, (i: number) => i === 0]) {
      const mixed = replies.map((r) => frozen(r, which));
      expect(mixed.filter((r) => ackJson(r).json !== stringified(r))).toEqual([]);
    }
  });
});

describe('ackJson', () => {
  const en = (blocks: ReplyBlock[], extra: Partial<Reply> = {}) => reply('en', blocks, extra);

  it.each<[string, Reply]>([
    ['no blocks', en([])],
    ['an ephemeral error', en([{ type: 'paragraph', text: 'Unknown item' }], { ephemeral: true, error: { id: 'x' } })],
    ['an item card (buttons appended)', en([{ type: 'heading', text: 'T9' }, { type: 'paragraph', text: 'a < b & "c"\n\\d' }], { matches: [{ id: 'T9', score: 1 }] })],
    ['a list (no card)', en([{ type: 'list', items: [{ id: 'T1', text: 'Air' }] }], { matches: [{ id: 'T1', score: 1 }] })],
    ['blocks with none to show', en([{ type: 'fields', fields: [] }, { type: 'actions', buttons: [] }, { type: 'paragraph', text: 'x' }])],
    ['a mention', reply('zh', [{ type: 'context', text: `负责人 ${userRef('slack:U1ABC')} ${userRef('web:bob')}` }, { type: 'quote', text: '原文', source: 'T9' }])],
    ['a long paragraph split in sections', en([{ type: 'paragraph', text: Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(60)}`).join('\n') }])],
    ['a fallback clipped inside a block', en(Array.from({ length: 40 }, (_, i) => ({ type: 'paragraph' as const, text: `第${i}段 & <${'文'.repeat(90)}>` })))],
    ['a fallback clipped at a line break between blocks', en([{ type: 'paragraph', text: 'a'.repeat(1999) }, { type: 'paragraph', text: 'b'.repeat(999) }, { type: 'paragraph', text: 'c' }])],
    ['a fallback clipped after a whole block', en([{ type: 'paragraph', text: 'a'.repeat(2999) }, { type: 'paragraph', text: 'b' }])],
    ['a fallback of exactly 3000 characters', en([{ type: 'paragraph', text: 'a'.repeat(1500) }, { type: 'paragraph', text: 'b'.repeat(1499) }])],
    ['a fallback clipped inside a surrogate pair', en([{ type: 'paragraph', text: `${'a'.repeat(2998)}🌿🌿` }])],
    ['empty texts', en([{ type: 'paragraph', text: '' }, { type: 'actions', buttons: [{ label: 'x', command: '/plan help' }] }])],
    ['two empty texts', en([{ type: 'paragraph', text: '' }, { type: 'context', text: '' }])],
    ['a stray marker across blocks', en([{ type: 'paragraph', text: 'open \uE000slack:U1' }, { type: 'paragraph', text: 'X\uE001 close' }])],
    ['escapes JSON must write', en([{ type: 'paragraph', text: 'tab\t "q" \\ \u0001 \u2028 lone \ud83c end' }])],
  ])('%s', (_name, r) => {
    expect(ackJson(r)).toEqual({ json: stringified(r), rest: [] });
    expect(ackJson(frozen(r)).json).toBe(stringified(r));
  });

  it('a reply of more than 50 Slack blocks: the first message in the ack, the others after it', () => {
    const r = en(Array.from({ length: 120 }, (_, i) => ({ type: 'paragraph' as const, text: `p${i}` })));
    const [first, ...rest] = toMessages(r);
    expect(ackJson(r)).toEqual({ json: JSON.stringify(ackPayload(r, first!)), rest });
    expect(ackJson(r).rest).toHaveLength(2);
    // Fewer reply blocks than 50 that make more than 50 Slack blocks (each quote is two).
    const quotes = en(Array.from({ length: 30 }, (_, i) => ({ type: 'quote' as const, text: `q${i}`, source: 'T1' })));
    expect(ackJson(quotes).json).toBe(stringified(quotes));
    expect(ackJson(quotes).rest).toEqual(toMessages(quotes).slice(1));
  });
});
