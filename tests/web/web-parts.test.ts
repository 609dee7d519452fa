import { describe, expect, it } from 'vitest';
import { parseClientFrame } from '../../src/adapters/web/client-frame.js';
import { hostAllowed, sameOrigin } from '../../src/adapters/web/request-guards.js';
import { createTokenBucket } from '../../src/adapters/web/token-bucket.js';
import { toWebReply } from '../../src/adapters/web/web-reply.js';
import { reply, type Reply } from '../../src/core/reply.js';
import type { Plan } from '../../src/plan/schema.js';

describe('parseClientFrame', () => {
  it.each([
    ['{"type":"hello","user":"alice"}', { type: 'hello', name: 'alice', room: 'general' }],
    ['{"type":"welcome_back","user":"李雷","channel":"ops"}', { type: 'welcome_back', name: '李雷', room: 'ops' }],
    ['{"type":"hello","user":" bob ","channel":"socket"}', { type: 'hello', name: 'bob', room: 'general' }],
    ['{"type":"message","user":"alice","channel":"web:general","text":"T9"}', { type: 'message', name: 'alice', room: 'general', text: 'T9', lang: null, button: false }],
    ['{"type":"hello"}', { type: 'hello', name: null, room: 'general' }],
    ['{"type":"message","text":"T9"}', { type: 'message', name: null, room: 'general', text: 'T9', lang: null, button: false }],
    [JSON.stringify({ type: 'message', user: 'bob', text: '污'.repeat(10_000) }), { type: 'message', name: 'bob', room: 'general', text: '污'.repeat(10_000), lang: null, button: false }],
    [JSON.stringify({ type: 'message', user: 'bob', text: '𠀀'.repeat(10_000) }), { type: 'message', name: 'bob', room: 'general', text: '𠀀'.repeat(10_000), lang: null, button: false }],
    ['{"type":"message","user":"王小明","text":"农村生活污水治理率要达到多少"}', { type: 'message', name: '王小明', room: 'general', text: '农村生活污水治理率要达到多少', lang: null, button: false }],
    ['{"type":"message","text":"T9","lang":"zh"}', { type: 'message', name: null, room: 'general', text: 'T9', lang: 'zh', button: false }],
    ['{"type":"message","text":"/plan undo","lang":"zh","button":true}', { type: 'message', name: null, room: 'general', text: '/plan undo', lang: 'zh', button: true }],
    ['{"type":"message","text":"T9","lang":"fr","button":"yes"}', { type: 'message', name: null, room: 'general', text: 'T9', lang: null, button: false }],
    ['{"type":"message","user":"ａｌｉｃｅ","text":"hi"}', { type: 'message', name: 'alice', room: 'general', text: 'hi', lang: null, button: false }],
  ])('reads %s', (raw, frame) => {
    expect(parseClientFrame(raw)).toEqual({ ok: true, frame });
  });

  it.each([
    ['', 'not-json'],
    ['{', 'not-json'],
    ['null', 'not-json'],
    ['"hello"', 'not-json'],
    ['{}', 'unknown-type'],
    ['{"type":"typing","user":"alice"}', 'unknown-type'],
    ['{"type":"hello","user":""}', 'bad-name'],
    ['{"type":"hello","user":"a b"}', 'bad-name'],
    ['{"type":"hello","user":"<b>"}', 'bad-name'],
    ['{"type":"hello","user":"' + 'x'.repeat(33) + '"}', 'bad-name'],
    ['{"type":"hello","user":"alice","channel":"Ops!"}', 'bad-channel'],
    ['{"type":"hello","user":"alice","channel":7}', 'bad-channel'],
    ['{"type":"message","user":"alice"}', 'empty-text'],
    ['{"type":"message","user":"alice","text":" \\n "}', 'empty-text'],
    [JSON.stringify({ type: 'message', user: 'alice', text: '污'.repeat(10_001) }), 'too-long'],
  ])('refuses %s as %s', (raw, problem) => {
    expect(parseClientFrame(raw)).toEqual({ ok: false, problem });
  });
});

describe('createTokenBucket', () => {
  it('allows a burst, then the rate, and refills over time', () => {
    let t = 0;
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 20 }, () => t);
    const takes = (n: number) => Array.from({ length: n }, () => bucket.take()).filter(Boolean).length;
    expect(takes(25)).toBe(20);
    t += 100;
    expect(takes(3)).toBe(1);
    t += 10_000;
    expect(takes(30)).toBe(20);
  });
});

describe('request guards', () => {
  it.each([
    ['localhost:3000', '127.0.0.1', true],
    ['127.0.0.1:3000', '127.0.0.1', true],
    ['[::1]:3000', '127.0.0.1', true],
    ['evil.example:3000', '127.0.0.1', false],
    [undefined, '127.0.0.1', false],
    ['bot.example.org', '0.0.0.0', true],
  ])('host %s on a %s bind: %s', (host, bind, ok) => {
    expect(hostAllowed(host, bind)).toBe(ok);
  });

  it.each([
    [undefined, 'localhost:3000', true],
    ['http://localhost:3000', 'localhost:3000', true],
    ['http://localhost:3001', 'localhost:3000', false],
    ['http://evil.example', 'localhost:3000', false],
    ['null', 'localhost:3000', false],
  ])('origin %s for host %s: %s', (origin, host, ok) => {
    expect(sameOrigin(origin, host)).toBe(ok);
  });
});

describe('toWebReply', () => {
  const plan = { items: [{ id: 'T9', kind: 'task' }, { id: 'G3', kind: 'group' }, { id: 'O3', kind: 'objective' }] } as unknown as Plan;
  const card = (id: string, extra: Partial<Reply> = {}): Reply =>
    reply('zh', [{ type: 'heading', text: id }, { type: 'quote', text: '原文', source: id }], { matches: [{ id, score: 0.9 }], ...extra });

  it('adds status buttons under a task or objective card, in the reply language', () => {
    const r = toWebReply(card('T9'), plan);
    expect(r.blocks.at(-1)).toEqual({
      type: 'actions',
      buttons: [
        { label: '正常推进', command: '/plan update T9 on-track' },
        { label: '有风险', command: '/plan update T9 at-risk' },
        { label: '滞后', command: '/plan update T9 off-track' },
        { label: '已完成', command: '/plan update T9 done' },
      ],
    });
    expect(r.text).toBe('T9\n原文（T9）：“原文”');
  });

  it('adds them to a status reply that opens with the item id', () => {
    const status = reply('en', [{ type: 'heading', text: 'O3 Soil and groundwater targets' }, { type: 'paragraph', text: 'Status: no update yet.' }], { matches: [{ id: 'O3', score: 1 }] });
    expect(toWebReply(status, plan).blocks.at(-1)).toMatchObject({ type: 'actions', buttons: [{ label: 'on track', command: '/plan update O3 on-track' }, {}, {}, {}] });
  });

  it.each([
    ['a group', card('G3')],
    ['a list that happens to match a task', reply('en', [{ type: 'heading', text: 'Tasks in G3' }, { type: 'list', items: [{ id: 'T9', text: 'Soil' }] }], { matches: [{ id: 'T9', score: 1 }] })],
    ['an error', card('T9', { error: { id: 'x' } })],
    ['a reply that quotes another item', { ...card('T9'), matches: [{ id: 'O3', score: 1 }] }],
    ['a reply with its own actions', { ...card('T9'), blocks: [...card('T9').blocks, { type: 'actions' as const, buttons: [{ label: 'Undo', command: '/plan undo' }] }] }],
  ])('adds no status buttons to %s', (_what, r) => {
    expect(toWebReply(r, plan).blocks.filter((b) => b.type === 'actions').length).toBeLessThanOrEqual(1);
    expect(JSON.stringify(toWebReply(r, plan).blocks)).not.toContain('on-track');
  });
});
