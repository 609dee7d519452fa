import { describe, expect, it } from 'vitest';
import { mrkdwn, textFromSlack } from '../../src/adapters/slack/index.js';
import { userRef } from '../../src/core/user-refs.js';
import { conversationOf, splitText } from '../../src/adapters/slack/slack-text.js';
import { RecentIds } from '../../src/core/recent-ids.js';
import { scrubTokens } from '../../src/adapters/slack/bolt-logger.js';

describe('textFromSlack', () => {
  it.each([
    ['<@UBOT> status of T9', 'status of T9'],
    ['assign T9 <@U123>', 'assign T9 slack:U123'],
    ['assign T9 <@U123|bob>', 'assign T9 slack:U123'],
    ['ask in <#C1|general>', 'ask in #general'],
    ['see <https://example.com|the site>', 'see the site'],
    ['<!here> 10 &lt; 20 &amp; 5 &gt; 1', '@here 10 < 20 & 5 > 1'],
    ['<@UBOT>T9进展如何', 'T9进展如何'],
  ])('%s → %s', (input, expected) => {
    expect(textFromSlack(input, 'UBOT')).toBe(expected);
  });
});

describe('mrkdwn', () => {
  it('escapes markup and turns only structured references of Slack users into mentions', () => {
    expect(mrkdwn(`a<b & ${userRef('slack:U123')}, ${userRef('web:alice')}`)).toBe('a&lt;b &amp; <@U123>, alice');
    expect(mrkdwn('note: slack:U0BOSS <@U0BOSS> <!channel>')).toBe('note: slack:U0BOSS &lt;@U0BOSS&gt; &lt;!channel&gt;');
  });
});

describe('conversationOf', () => {
  it.each([
    ['slack:C123', 'C123'],
    ['slack:D9', 'D9'],
    ['web:room', null],
    ['C123', null],
  ])('%s → %s', (channel, expected) => expect(conversationOf(channel)).toBe(expected));
});

describe('splitText', () => {
  it('splits at lines, then at spaces, never over the limit', () => {
    expect(splitText('aa\nbb\ncc', 5)).toEqual(['aa\nbb', 'cc']);
    expect(splitText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(splitText('x'.repeat(12), 5)).toEqual(['xxxxx', 'xxxxx', 'xx']);
  });
});

describe('RecentIds', () => {
  it('recognises an id seen within the TTL, and forgets after it', () => {
    let now = 0;
    const ids = new RecentIds(1000, 100, () => now);
    expect(ids.check('Ev1')).toBe(false);
    expect(ids.check('Ev1')).toBe(true);
    now = 2000;
    expect(ids.check('Ev1')).toBe(false);
  });

  it('stays bounded', () => {
    const ids = new RecentIds(60_000, 3, () => 0);
    for (const id of ['a', 'b', 'c', 'd']) ids.check(id);
    expect(ids.check('a')).toBe(false);
    expect(ids.check('d')).toBe(true);
  });
});

describe('scrubTokens', () => {
  it('removes anything that looks like a Slack token', () => {
    expect(scrubTokens('token xoxb-123-456-abc and xapp-1-A1-2-ff')).toBe('token xoxb-[redacted] and xapp-[redacted]');
  });
});
