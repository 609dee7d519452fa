import { describe, expect, it } from 'vitest';
import { buttonKey, cardFor, channelOf, commandOfKey, conversationOf, escapeMarkdown, markdownText, packMessages, splitBytes, textFromWeCom, toMarkdownMessages } from '../../src/adapters/wecom/index.js';
import { isListedAdmin } from '../../src/core/admins.js';
import { reply } from '../../src/core/reply.js';
import { parseUserId, sameUser, userOn, wecomUser } from '../../src/core/user-ids.js';
import { userRef } from '../../src/core/user-refs.js';
import { makeBot, say } from '../support/make-bot.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('WeCom users', () => {
  it.each([
    ['zhangsan', 'wecom:zhangsan'],
    ['ZhangSan', 'wecom:zhangsan'],
    [' li.si@corp ', 'wecom:li.si@corp'],
    ['wang_wu-2', 'wecom:wang_wu-2'],
  ])('%j is %s', (userid, id) => {
    expect(wecomUser(userid)).toBe(id);
    expect(parseUserId(id)).toBe(id);
  });

  it.each(['', '_lead', 'has space', '张三', 'a'.repeat(65), '<@boss>'])('%j is not a WeCom userid', (userid) => {
    expect(() => wecomUser(userid)).toThrow(/not a WeCom userid/);
    expect(userOn('wecom', userid)).toBeNull();
  });

  it('is the same user whatever the case, and never a user of another platform', () => {
    expect(sameUser('wecom:ZhangSan', 'wecom:zhangsan')).toBe(true);
    expect(sameUser('wecom:zhangsan', 'web:zhangsan')).toBe(false);
  });

  it('may be an admin through PLANBOT_ADMINS', () => {
    expect(isListedAdmin(['wecom:ZhangSan'], 'wecom:zhangsan')).toBe(true);
    expect(isListedAdmin(['zhangsan'], 'wecom:zhangsan')).toBe(false);
  });

  it('writes @name on WeCom as a WeCom user (assign an owner from WeCom)', async () => {
    const bot = makeBot({ admins: ['wecom:admin'] });
    const r = await say(bot, '/plan assign T9 @lisi', 'wecom:admin', { channel: 'wecom:dm:admin' });
    expect(r.error).toBeUndefined();
    expect(bot.deps.store.events().at(-1)).toMatchObject({ type: 'assign', itemId: 'T9' });
    expect(JSON.stringify(bot.deps.store.events().at(-1))).toContain('wecom:lisi');
  });
});

describe('WeCom conversations', () => {
  it.each([
    [{ chattype: 'group', chatid: 'wrG1', from: { userid: 'ZhangSan' } }, 'wecom:wrG1'],
    [{ chattype: 'single', from: { userid: 'ZhangSan' } }, 'wecom:dm:zhangsan'],
  ])('the channel of %j is %s', (body, channel) => {
    expect(channelOf(body)).toBe(channel);
  });

  it.each([
    ['wecom:wrG1', false, { chatid: 'wrG1', chatType: 2 }],
    ['wecom:dm:zhangsan', false, { chatid: 'zhangsan', chatType: 1 }],
    ['wecom:zhangsan', true, { chatid: 'zhangsan', chatType: 1 }],
    ['slack:C123', false, null],
  ] as const)('%s (a person: %s) is sent to %j', (id, direct, to) => {
    expect(conversationOf(id, direct)).toEqual(to);
  });

  it.each([
    ['@计划助手 T9 进展如何', 'group', 'T9 进展如何'],
    ['@PlanBot /plan assign T9 @lisi', 'group', '/plan assign T9 @lisi'],
    ['@lisi is T9 done', 'single', '@lisi is T9 done'],
  ])('reads %j in a %s chat as %j', (content, chattype, text) => {
    expect(textFromWeCom(content, chattype)).toBe(text);
  });
});

describe('WeCom markdown', () => {
  it('escapes what users wrote, so it never becomes markup, a tag or a mention', () => {
    const shown = escapeMarkdown('note: <@boss> **now** [x](http://e.vil) <font color="warning">hi</font>\n# title\n> quote\n- item');
    expect(shown).not.toContain('<@');
    expect(shown).not.toContain('<font');
    expect(shown).toContain('\\*\\*now\\*\\*');
    expect(shown).toContain('\\[x\\]');
    expect(shown.split('\n').slice(1)).toEqual(['\\# title', '\\> quote', '\\- item']);
  });

  it('a progress line shows its percentage as written: no stray backslash before 52.5% or -3, and a list number escaped as 1\\.', () => {
    const [md] = toMarkdownMessages(reply('zh', [{ type: 'progress', label: 'T9.1 完成整治的行政村数量', ratio: 0.525, detail: '52.5% · 420/800个行政村' }, { type: 'paragraph', text: '-3 个\n2021. 年底' }]));
    expect(md).toContain('`▓▓▓▓▓░░░░░` 52.5% · 420/800个行政村');
    expect(md).toContain('-3 个\n2021\\. 年底');
    expect(escapeMarkdown('1. 第一\n- 项\n+ 项\n-3')).toBe('1\\. 第一\n\\- 项\n\\+ 项\n-3');
  });

  it('shows a user reference by name, never as a WeCom mention', () => {
    expect(markdownText(`owner ${userRef('wecom:zhangsan')} and ${userRef('slack:U0123')}`)).toBe('owner zhangsan and slack:U0123');
  });

  it('splits by UTF-8 bytes at line boundaries, never inside a character', () => {
    const line = '农村生活污水治理率达到百分之三十三。'; // 18 characters, 54 bytes
    const pieces = splitBytes(Array.from({ length: 100 }, () => line).join('\n'), 4096);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(bytes(p)).toBeLessThanOrEqual(4096);
    expect(pieces.join('\n')).toBe(Array.from({ length: 100 }, () => line).join('\n'));
    const one = splitBytes('汉'.repeat(2000), 4096);
    expect(one.map(bytes)).toEqual([4095, 6000 - 4095]);
  });

  it('packs blocks into as few messages as fit', () => {
    expect(packMessages(['a', 'b', 'c'], 4096)).toEqual(['a\n\nb\n\nc']);
    expect(packMessages(['x'.repeat(3000), 'y'.repeat(3000)], 4096)).toEqual(['x'.repeat(3000), 'y'.repeat(3000)]);
  });

  it('does not repeat a button the text already spells out (the outcome posted after a click on 记录)', () => {
    const r = reply('zh', [{ type: 'heading', text: '已更新 T9 土壤污染防治行动：有风险' }, { type: 'context', text: '如需撤销：/plan undo T9' }, { type: 'actions', buttons: [{ label: '撤销', command: '/plan undo T9' }, { label: '历史', command: '/plan history T9' }] }]);
    const text = toMarkdownMessages(r).join('\n');
    expect(text.split('/plan undo T9')).toHaveLength(2);
    expect(text).toContain('历史: `/plan history T9`');
  });

  it('names a reply’s files, which WeCom does not get yet, with a note', () => {
    const r = reply('zh', [{ type: 'paragraph', text: '台账已生成。' }], { files: [{ name: '台账.xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: new Uint8Array(), title: '2021年台账' }] });
    const text = toMarkdownMessages(r).join('\n');
    expect(text).toContain('2021年台账 (台账.xlsx)');
    expect(text).toContain('企业微信暂不能发送文件');
  });
});

describe('WeCom cards', () => {
  it('carries a command in a button key and reads it back; a foreign key is nothing', () => {
    expect(commandOfKey(buttonKey('/plan confirm 1a2b3c4d', 'zh'))).toEqual({ command: '/plan confirm 1a2b3c4d', lang: 'zh' });
    expect(commandOfKey('button_confirm')).toBeNull();
    expect(commandOfKey(buttonKey('rm -rf /', 'en'))).toBeNull();
  });

  it('puts a proposal’s Record / Cancel on a button card, and lists no commands in the text beside it', () => {
    const r = reply('en', [{ type: 'heading', text: 'Nothing is recorded yet. Record this?' }, { type: 'actions', buttons: [{ label: 'Record', command: '/plan confirm ab12' }, { label: 'Cancel', command: '/plan cancel ab12' }] }], { ephemeral: true });
    const card = cardFor(r, 'plan-1')!;
    expect(card).toMatchObject({ card_type: 'button_interaction', task_id: 'plan-1', main_title: { title: 'Nothing is recorded yet. …' } });
    expect(card.button_list!.map((b) => [b.text, commandOfKey(b.key)?.command])).toEqual([['Record', '/plan confirm ab12'], ['Cancel', '/plan cancel ab12']]);
    expect(toMarkdownMessages(r, 4096, false).join('')).not.toContain('/plan confirm');
    expect(toMarkdownMessages(r).join('')).toContain('`/plan confirm ab12`');
  });
});
