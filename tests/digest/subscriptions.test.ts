import { describe, expect, it } from 'vitest';
import { deriveSubscriptions, parseDigestWords, sameUser } from '../../src/digest/subscriptions.js';
import { logOf, subscribe, unsubscribe } from './fixtures.js';

describe('parseDigestWords', () => {
  it.each([
    ['', {}],
    ['G3', { group: 'G3' }],
    ['group 3', { group: 'G3' }],
    ['g12 both', { group: 'G12', lang: 'both' }],
    ['at risk en', { status: 'at-risk', lang: 'en' }],
    ['off-track', { status: 'off-track' }],
    ['@alice', { owner: 'alice' }],
    ['owner:slack:U123 zh', { owner: 'slack:U123', lang: 'zh' }],
    ['owner bob', { owner: 'bob' }],
    ['mine', { mine: true }],
    ['G3, at-risk, bilingual', { group: 'G3', status: 'at-risk', lang: 'both' }],
    ['任务组3 有风险 双语', { group: 'G3', status: 'at-risk', lang: 'both' }],
    ['G3 滞后 中文', { group: 'G3', status: 'off-track', lang: 'zh' }],
    ['我的 英文', { mine: true, lang: 'en' }],
    ['负责人：张三', { owner: '张三' }],
    ['G３ ＥＮ', { group: 'G3', lang: 'en' }],
    ['weekly digest for this channel', {}],
  ])('%j', (text, expected) => {
    expect(parseDigestWords(text)).toEqual({ group: null, owner: null, status: null, lang: null, mine: false, unknown: [], ...expected });
  });

  it('returns words it does not know instead of dropping them', () => {
    expect(parseDigestWords('G3 purple weekly').unknown).toEqual(['purple']);
  });
});

describe('deriveSubscriptions', () => {
  it('keeps the latest subscription of each channel and drops unsubscribed ones', () => {
    const log = logOf([
      subscribe({ channel: 'web:general', lang: 'en' }),
      subscribe({ channel: 'slack:C1', lang: 'zh' }),
      subscribe({ channel: 'web:general', lang: 'both', filters: { group: 'G3', owner: null, status: null }, at: '2021-06-03T00:00:00Z' }),
      unsubscribe({ channel: 'slack:C1' }),
      subscribe({ channel: 'web:other-plan', planId: 'other' }),
    ]);
    const subs = deriveSubscriptions(log, 'henan-2021');
    expect([...subs.keys()]).toEqual(['web:general']);
    expect(subs.get('web:general')).toMatchObject({ lang: 'both', filters: { group: 'G3' }, since: '2021-06-03T00:00:00Z' });
  });
});

describe('owner filters use the one same-user rule', () => {
  it.each([
    ['web:alice', 'web:alice', true],
    ['web:Alice', 'web:alice', true],
    ['alice', 'web:alice', false],
    ['web:alice', 'console:alice', false],
    ['web:bob', 'web:alice', false],
  ])('%s matches %s: %s', (filter, owner, expected) => {
    expect(sameUser(filter, owner)).toBe(expected);
  });
});
