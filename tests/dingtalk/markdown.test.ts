import { describe, expect, it } from 'vitest';
import { escapeMarkdown, MAX_MARKDOWN_CHARS, targetOf, textFromDingTalk, toMarkdownMessages } from '../../src/adapters/dingtalk/index.js';
import { reply, type Reply } from '../../src/core/reply.js';
import { userRef } from '../../src/core/user-refs.js';

/** A reply with overrides, in Chinese by default. */
const aReply = (overrides: Partial<Reply> = {}): Reply => ({ ...reply('zh', [{ type: 'paragraph', text: '你好' }]), ...overrides });

describe('DingTalk markdown', () => {
  it.each([
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['[link](http://x)', '[link\\](http://x)'],
    ['![img](http://x/a.png)', '![img\\](http://x/a.png)'],
    ['[a][ref] and [ref]: http://x', '[a\\][ref] and [ref\\]: http://x'],
    ['<font color=red>x</font>', '\\<font color=red>x\\</font>'],
    ['<http://x>', '\\<http://x>'],
    ['\\](http://x)', '\\\\\\](http://x)'],
    ['/plan confirm [TOKEN] · a|b · 3>2 · x < y · staff_1 · 5*4', '/plan confirm [TOKEN] · a|b · 3>2 · x < y · staff_1 · 5*4'],
    ['# heading', '\\# heading'],
    ['> quote', '\\> quote'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['53.8% · 430/800', '53.8% · 430/800'],
    ['T9-1 a-b', 'T9-1 a-b'],
    ['`code` ~x~ a|b \\', '\\`code\\` \\~x\\~ a|b \\'],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it('splits a long reply into messages within the limit, nothing lost, titles numbered', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ id: `T${i}`, text: `第${i}项任务的说明，较长的一段文字用于测试拆分。` }));
    const messages = toMarkdownMessages(aReply({ blocks: [{ type: 'heading', text: '任务清单' }, { type: 'list', items }] }), { group: false });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(MAX_MARKDOWN_CHARS);
    const all = messages.map((m) => m.text).join('\n');
    for (const i of [0, 199, 399]) expect(all).toContain(`**T${i}**`);
    expect(messages[0]!.title).toBe('任务清单');
    expect(messages[1]!.title).toBe(`任务清单 （2/${messages.length}）`);
  });

  it('in a group @-mentions the asker only, listing them in at; one to one mentions nobody', () => {
    const r = aReply({ blocks: [{ type: 'paragraph', text: `T9 由 ${userRef('dingtalk:staff2')} 负责` }] });
    const group = toMarkdownMessages(r, { group: true, asker: 'staff1' })[0]!;
    expect(group.text).toBe('@staff1\n\nT9 由 staff2 负责');
    expect(group.atUserIds).toEqual(['staff1']);
    const direct = toMarkdownMessages(r, { group: false })[0]!;
    expect(direct.atUserIds).toEqual([]);
    expect(direct.text).toBe('T9 由 staff2 负责');
  });

  it('turns Record / Cancel into the words to type, as dtmd links one to one', () => {
    const r = aReply({ blocks: [{ type: 'actions', buttons: [{ label: '记录', command: '/plan confirm ABC' }, { label: '取消', command: '/plan cancel ABC' }] }] });
    expect(toMarkdownMessages(r, { group: true, asker: 's' })[0]!.text).toContain('回复（请@我）：**确认** / **取消**');
    expect(toMarkdownMessages(r, { group: false, shortcuts: true })[0]!.text).toContain('[确认](dtmd://dingtalkclient/sendMessage?content=%E7%A1%AE%E8%AE%A4)');
  });

  it('does not repeat a button whose command the reply already spells out', () => {
    const undo = { type: 'actions' as const, buttons: [{ label: '撤销', command: '/plan undo T9' }] };
    expect(toMarkdownMessages(aReply({ blocks: [{ type: 'context', text: '如需撤销：/plan undo T9' }, undo] }), { group: false })[0]!.text).toBe('如需撤销：/plan undo T9');
    expect(toMarkdownMessages(aReply({ blocks: [undo] }), { group: false })[0]!.text).toBe('回复 撤销：**/plan undo T9**');
  });

  it('sends the titles of files as text with a note, for now', () => {
    const r = aReply({ files: [{ name: '台账.xlsx', mediaType: 'application/octet-stream', data: new Uint8Array(1), title: '2021年台账' }] });
    const text = toMarkdownMessages(r, { group: false })[0]!.text;
    expect(text).toContain('2021年台账 (台账.xlsx)');
    expect(text).toMatch(/钉钉暂不发送文件/);
  });
});

describe('DingTalk ids and text', () => {
  it.each([
    ['dingtalk:cidAbc==', false, { kind: 'group', openConversationId: 'cidAbc==' }],
    ['dingtalk:user:0123', false, { kind: 'user', staffId: '0123' }],
    ['dingtalk:0123', true, { kind: 'user', staffId: '0123' }],
    ['slack:C123', false, null],
    ['dingtalk:', false, null],
  ])('reads %s (as a user: %s)', (id, asUser, target) => {
    expect(targetOf(id, asUser)).toEqual(target);
  });

  it('reads people @-mentioned in a message as dingtalk users when the mentions line up, else leaves the text', () => {
    expect(textFromDingTalk('/plan assign T9 @王军', ['0456'])).toBe('/plan assign T9 @dingtalk:0456');
    expect(textFromDingTalk('  T9   是什么 ', [])).toBe('T9 是什么');
    expect(textFromDingTalk('@王军 @李四 T9', ['0456'])).toBe('@王军 @李四 T9');
  });
});
