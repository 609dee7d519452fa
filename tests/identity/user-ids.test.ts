import { describe, expect, it } from 'vitest';
import { adminEntryMatches, readAdminEntry } from '../../src/core/admins.js';
import { cleanFreeText } from '../../src/core/free-text.js';
import { resolveUser } from '../../src/core/resolve-user.js';
import { consoleUser, parseUserId, sameUser, slackUser, webUser, type UserId } from '../../src/core/user-ids.js';
import { plainUserRefs, userRef } from '../../src/core/user-refs.js';
import { mrkdwn } from '../../src/adapters/slack/slack-text.js';

describe('user ids are made by the adapters’ constructors, in one canonical spelling', () => {
  it.each([
    [() => webUser('Bob'), 'web:bob'],
    [() => webUser('ｂｏｂ'), 'web:bob'],
    [() => consoleUser(' Carol '), 'console:carol'],
    [() => consoleUser('WangJun'), 'console:wangjun'],
    [() => consoleUser('李雷'), 'console:李雷'],
    [() => slackUser('U0123ABC'), 'slack:U0123ABC'],
  ])('%s → %s', (make, expected) => {
    expect(make()).toBe(expected);
  });

  it.each([[() => webUser('')], [() => webUser('bob smith')], [() => webUser('<@U1>')], [() => consoleUser('a:b')], [() => slackUser('u0123')], [() => slackUser('bob')]])('refuses %s', (make) => {
    expect(make).toThrow();
  });

  it.each([
    ['slack:U0123', 'slack:U0123'],
    ['web:Bob', 'web:bob'],
    ['Console:Erin', 'console:erin'],
    ['bob', null],
    ['slack:alice', null],
    ['teams:bob', null],
  ])('reads the stored or configured id %s as %s', (text, expected) => {
    expect(parseUserId(text)).toBe(expected);
  });
});

describe('sameUser: the one rule', () => {
  it.each([
    ['web:bob', 'web:Bob', true],
    ['web:bob', 'web:ＢＯＢ', true],
    ['console:carol', 'console:Carol', true],
    ['slack:U0123', 'slack:U0123', true],
    ['slack:U0123', 'slack:U0124', false],
    ['web:bob', 'console:bob', false],
    ['bob', 'web:bob', false],
    ['bob', 'bob', false],
  ])('%s vs %s: %s', (a, b, expected) => {
    expect(sameUser(a, b)).toBe(expected);
    expect(sameUser(b, a)).toBe(expected);
  });
});

describe('the user resolver: @name on the asker’s platform, qualified forms as written', () => {
  const web = webUser('admin');
  const con = consoleUser('admin');
  const slack = slackUser('UADMIN1');
  it.each<[string, UserId, string]>([
    ['@bob', web, 'web:bob'],
    ['bob', web, 'web:bob'],
    ['＠Bob', web, 'web:bob'],
    ['@Carol', con, 'console:carol'],
    ['@console:erin', web, 'console:erin'],
    ['@web:bob', con, 'web:bob'],
    ['@WEB:Bob', slack, 'web:bob'],
    ['slack:U0123', web, 'slack:U0123'],
    ['@slack:U0123', con, 'slack:U0123'],
    ['<@U0123>', web, 'slack:U0123'],
    ['<@U0123|bob>', slack, 'slack:U0123'],
    ['U0123ABC', slack, 'slack:U0123ABC'],
    ['@李雷', web, 'web:李雷'],
  ])('%s asked by %s → %s', (word, asker, expected) => {
    expect(resolveUser(word, asker)).toEqual({ ok: true, id: expected });
  });

  it('refuses a plain name on Slack, saying how to write it', () => {
    const r = resolveUser('@bob', slack);
    expect(r).toMatchObject({ ok: false, code: 'user.slack-name' });
    expect(!r.ok && r.en).toMatch(/mention the person.*@web:bob or @console:bob/);
  });

  it.each(['@slack:alice', '@web:', '@<b>'])('refuses %s', (word) => {
    expect(resolveUser(word, web)).toMatchObject({ ok: false, code: 'user.invalid' });
  });
});

describe('PLANBOT_ADMINS entries', () => {
  it.each([
    ['slack:U0123', 'user', 'slack:U0123'],
    ['U0123', 'slack-member', 'slack:U0123'],
    ['U0123ABCD', 'slack-member', 'slack:U0123ABCD'],
    ['W0ABCDEFG', 'slack-member', 'slack:W0ABCDEFG'],
    ['web:Alice', 'user', 'web:alice'],
    ['WangJun', 'name', null],
    ['WANG', 'name', null],
    ['slack:bob', 'unreadable', null],
  ])('%s is read as %s', (entry, kind, id) => {
    const a = readAdminEntry(entry);
    expect(a.kind).toBe(kind);
    if (id) expect(a).toMatchObject({ id });
  });

  it.each([
    ['U0123', 'slack:U0123', true],
    ['U0123', 'web:u0123', false],
    ['WangJun', 'console:wangjun', true],
    ['WangJun', 'web:WANGJUN', true],
    ['WangJun', 'slack:U0123', false],
    ['web:alice', 'console:alice', false],
    ['console:erin', 'console:Erin', true],
  ])('%s names %s: %s', (entry, user, expected) => {
    expect(adminEntryMatches(entry, user)).toBe(expected);
  });
});

describe('free text shown back', () => {
  it('drops C1 controls, bidi overrides, isolates and marks, and the markers of user references', () => {
    expect(cleanFreeText('a\u0085b\u009bc\u202Ed\u2066e\u2069f\u200Eg\u200Fh\u061Ci\u202Aj\uE000slack:U1\uE001')).toBe('abcdefghijslack:U1');
    expect(cleanFreeText('line one\nline two\t· 进度滞后')).toBe('line one\nline two\t· 进度滞后');
  });
});

describe('user references in replies', () => {
  it('render as names in plain text and as mentions on Slack only when built from an id', () => {
    const text = `owners: ${userRef('web:bob')}, ${userRef('slack:U0123')} · note: slack:U0BOSS <@U0BOSS> <!channel>`;
    expect(plainUserRefs(text)).toBe('owners: bob, slack:U0123 · note: slack:U0BOSS <@U0BOSS> <!channel>');
    expect(mrkdwn(text)).toBe('owners: bob, <@U0123> · note: slack:U0BOSS &lt;@U0BOSS&gt; &lt;!channel&gt;');
  });

  it('keep the platform when two people in one text would read alike', () => {
    expect(plainUserRefs(`owners: ${userRef('web:bob')}, ${userRef('console:bob')}, ${userRef('web:li')}`)).toBe('owners: web:bob, console:bob, li');
  });
});
