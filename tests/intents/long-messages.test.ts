import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../../src/core/bot.js';
import { SHORT_TEXT_CHARS } from '../../src/core/intent.js';
import { MAX_QUERY_CHARS } from '../../src/search/index.js';
import { planProse, randomHan } from '../support/long-text.js';
import { testBot } from './fixtures.js';

const ADMIN = 'web:alice';
const bot = () => testBot({ admins: [ADMIN] });
const as = (say: Awaited<ReturnType<typeof bot>>['say']) => (text: string) => say(text, ADMIN, { platform: 'web' });

describe('a long question', () => {
  it.each([
    ['the plan’s own paragraphs', 4000],
    ['the plan’s own paragraphs', 10_000],
    ['random Chinese characters', 4000],
    ['random Chinese characters', 10_000],
  ])('of %s (%i characters) is answered by search, which says it read only the start', async (kind, length) => {
    const { say, plan, store } = await bot();
    const text = kind.startsWith('random') ? randomHan(length, length) : planProse(plan, length);
    const r = await as(say)(text);
    expect(r.intent).toBe('ask');
    expect(r.error).toBeUndefined();
    expect(r.lang).toBe('zh');
    expect(r.text).toContain(`问题较长，只检索了前${MAX_QUERY_CHARS}个字符`);
    expect(store.events()).toEqual([]);
  });

  it('says so in English too, and a short question gets no such line', async () => {
    const { say, plan } = await bot();
    const long = plan.items.map((i) => i.text.en).join(' ').slice(0, 3000);
    expect((await as(say)(long)).text).toContain(`I searched its first ${MAX_QUERY_CHARS} characters`);
    const short = await as(say)('农村生活污水治理率要达到多少');
    expect(short.matches[0]?.id).toBe('O3');
    expect(short.text).not.toContain('只检索了前');
  });

  it('is not offered to the recognisers of short commands: a list request padded past the limit is searched instead', async () => {
    const { say } = await bot();
    const ask = '列出大气相关任务';
    expect((await as(say)(ask)).intent).toBe('list-items');
    const padded = `${ask}${'，'.repeat(SHORT_TEXT_CHARS)}`;
    expect((await as(say)(padded)).intent).toBe('ask');
  });

  it('as a command to a short-text intent is refused with the limit and the usage', async () => {
    const { say } = await bot();
    const r = await as(say)(`/plan list ${randomHan(SHORT_TEXT_CHARS)}`);
    expect(r.error?.id).toBe('command.too-long');
    expect(r.text).toContain(`最多读取${SHORT_TEXT_CHARS}个字符`);
    expect(r.text).toContain('/plan list');
    const en = await as(say)(`/plan list ${'air '.repeat(SHORT_TEXT_CHARS)}`);
    expect(en.text).toContain(`reads at most ${SHORT_TEXT_CHARS}`);
  });
});

describe('an update with a long note', () => {
  it('keeps a note of 2,000 characters whole, in the record and in the history', async () => {
    const { say, store } = await bot();
    const note = randomHan(2000, 7);
    const r = await as(say)(`/plan update T9 有风险 ${note}`);
    expect(r.intent).toBe('update-status');
    expect(r.error).toBeUndefined();
    expect(store.events()).toMatchObject([{ type: 'update', itemId: 'T9', status: 'at-risk', note }]);
    expect((await as(say)('/plan history T9')).text).toContain(`“${note}”`);
  });

  it.each([
    ['/plan update T9 有风险 ', 2001],
    ['T9 有风险 ', 3000],
    ['/plan 更新 T9 ', 3900],
  ])('refuses "%s" with a %i-character note, saying the limit and how to fix it, and records nothing', async (prefix, length) => {
    const { say, store } = await bot();
    const r = await as(say)(`${prefix}${randomHan(length, 3)}`);
    expect(r.error?.id).toBe('note.too-long');
    expect(r.text).toContain(`备注太长（${length}个字符）：最多2000个字符`);
    expect(r.text).toContain('请缩短');
    expect(r.text).not.toContain('无法识别');
    expect(store.events()).toEqual([]);
  });

  it('says the same in English', async () => {
    const { say } = await bot();
    const r = await as(say)(`/plan update T9 at-risk ${'Zhoukou is behind. '.repeat(120)}`);
    expect(r.text).toContain('The note is too long (2,279 characters): it may have at most 2,000 characters');
  });

  it.each([
    // A statement, not a question: random text may hold 吗 or 是否, which make a question that never writes.
    ['a note past the message limit', `T9 有风险 ${randomHan(MAX_MESSAGE_CHARS + 500, 5).replace(/[吗呢嗎否没沒]/g, '水')}`],
    // Cut at the message limit, this note would fit under the note limit: it must not be recorded cut.
    ['a message whose cut leaves a note that fits', `/plan update T9 有风险${' '.repeat(3000)}${randomHan(1500, 6)}`],
  ])('refuses %s: nothing is recorded, and the reply gives the length and the limit', async (_, text) => {
    const { say, store } = await bot();
    const r = await as(say)(text);
    expect(r.error?.id).toBe('message.too-long');
    expect(r.text).toContain(`未记录：这条消息有${text.length}个字符，我最多读取${MAX_MESSAGE_CHARS}个字符`);
    expect(store.events()).toEqual([]);
  });
});

describe('any argument over its schema’s maximum', () => {
  it('is refused with the limit, naming the list or the entry, instead of “could not read”', async () => {
    const { say, store } = await bot();
    const many = await as(say)(`/plan assign T9 ${Array.from({ length: 21 }, (_, i) => `@web:u${i}`).join(' ')}`);
    expect(many.error?.id).toBe('users.too-long');
    expect(many.text).toContain('The list of users is too long (21): at most 20 are allowed.');
    // A name too long to be anyone's is refused by the one user resolver, saying how to write a user.
    const long = await as(say)(`/plan assign T9 @web:${'x'.repeat(300)}`);
    expect(long.error?.id).toBe('user.invalid');
    expect(long.text).toContain('is not a user I can read. Write @name');
    expect(store.events()).toEqual([]);
  });
});
