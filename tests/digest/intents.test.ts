import { beforeAll, describe, expect, it } from 'vitest';
import { digestPreviewIntent } from '../../intents/digest-preview.js';
import { allIntents } from '../../intents/index.js';
import { subscribeIntent, subscriptionsIntent, unsubscribeIntent } from '../../intents/subscribe.js';
import { createBot, type Incoming } from '../../src/core/bot.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Intent } from '../../src/core/intent.js';
import { silentLogger } from '../../src/core/logger.js';
import { createPlanSearch } from '../../src/core/plan-search.js';
import { renderPlainText } from '../../src/core/reply.js';
import { deriveSubscriptions } from '../../src/digest/subscriptions.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { update } from './fixtures.js';
import { asUser } from '../support/make-bot.js';

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

const mine = [subscribeIntent, unsubscribeIntent, subscriptionsIntent, digestPreviewIntent] as Intent[];
// As intents/index.ts will list them: the digest intents before `ask`, the fallback.
const intents = [...allIntents.filter((i) => i.id !== 'ask'), ...mine, ...allIntents.filter((i) => i.id === 'ask')];

function chat(store = new MemoryStore()) {
  const bot = createBot({ plan, search: createPlanSearch(plan), store, clock: fixedClock('2021-06-15T10:00:00+08:00'), timeZone: 'Asia/Shanghai', admins: [], logger: silentLogger, intents });
  /** A `/plan …` command in a channel; each test states only what matters to it. */
  const say = async (text: string, o: Partial<Incoming> = {}) => {
    const r = await bot.handle({ text, user: { id: asUser('slack:U1') }, platform: 'slack', channel: 'slack:C1', command: true, ...o });
    return { ...r, text: renderPlainText(r) };
  };
  return { store, say };
}

describe('/plan subscribe', () => {
  it('records a subscription of the current channel, in the language it was asked in by default', async () => {
    const { store, say } = chat();
    const r = await say('subscribe');
    expect(r.intent).toBe('subscribe');
    expect(r.text).toContain('Subscribed this channel to the weekly progress digest: whole plan · in English.');
    expect(store.events().at(-1)).toMatchObject({ type: 'subscribe', channel: 'slack:C1', lang: 'en', user: 'slack:U1', platform: 'slack', filters: { group: null, owner: null, status: null }, at: '2021-06-15T02:00:00.000Z' });
  });

  it.each([
    ['subscribe G3 at-risk both', { group: 'G3', owner: null, status: 'at-risk' }, 'both'],
    ['订阅 任务组3 滞后 双语', { group: 'G3', owner: null, status: 'off-track' }, 'both'],
    ['订阅', { group: null, owner: null, status: null }, 'zh'],
    ['subscribe mine zh', { group: null, owner: 'slack:U1', status: null }, 'zh'],
    ['sub @slack:U9 en', { group: null, owner: 'slack:U9', status: null }, 'en'],
  ])('%s', async (text, filters, lang) => {
    const { store, say } = chat();
    const r = await say(text);
    expect(r.error).toBeUndefined();
    expect(deriveSubscriptions(store.events(), plan.id).get('slack:C1')).toMatchObject({ filters, lang });
  });

  it('replaces the channel’s subscription when subscribing again', async () => {
    const { store, say } = chat();
    await say('subscribe');
    const r = await say('subscribe G3');
    expect(r.text).toContain("Updated this channel's weekly digest: group G3 · in English.");
    expect(deriveSubscriptions(store.events(), plan.id).size).toBe(1);
  });

  it.each([
    ['subscribe purple', 'digest.unknown-words', /did not understand "purple"/],
    ['subscribe G99', 'item.not-found', /no item "G99"/],
    ['subscribe T9', 'digest.unknown-words', /did not understand "T9"/],
  ])('%s is a user error that says how to fix it', async (text, id, message) => {
    const { store, say } = chat();
    const r = await say(text);
    expect(r.error?.id).toBe(id);
    expect(r.text).toMatch(message);
    expect(store.events()).toHaveLength(0);
  });

  it('needs a channel', async () => {
    const r = await chat().say('subscribe', { channel: null });
    expect(r.error?.id).toBe('digest.no-channel');
  });
});

describe('/plan unsubscribe and /plan subscriptions', () => {
  it('lists subscriptions, then unsubscribes the current channel', async () => {
    const { store, say } = chat();
    await say('subscribe G3');
    await say('订阅 双语', { channel: 'web:general', platform: 'web', user: { id: asUser('web:li') } });
    const list = await say('subscriptions');
    expect(list.text).toContain('2 channels receive the weekly digest:');
    expect(list.text).toContain('• slack:C1 group G3 · in English · since 2021-06-15 by slack:U1 (this channel)');
    expect(list.text).toContain('• web:general whole plan · in Chinese and English · since 2021-06-15 by li');
    const r = await say('unsubscribe');
    expect(r.text).toContain('will no longer receive');
    expect([...deriveSubscriptions(store.events(), plan.id).keys()]).toEqual(['web:general']);
    const again = await say('取消订阅');
    expect(again.ephemeral).toBe(true);
    expect(again.text).toContain('本频道没有订阅周报');
  });

  it('says when no channel is subscribed', async () => {
    expect((await chat().say('订阅列表')).text).toContain('目前没有频道订阅周报');
  });
});

describe('/plan digest: a preview only the caller sees', () => {
  it('uses the channel’s subscription', async () => {
    const store = new MemoryStore();
    await store.append(update({ itemId: 'T9', at: '2021-06-08T02:00:00Z', note: 'Survey done' }));
    const { say } = chat(store);
    await say('subscribe G3 zh');
    const r = await say('digest');
    expect(r.intent).toBe('digest-preview');
    expect(r.ephemeral).toBe(true);
    expect(r.text).toContain("Preview of this channel's weekly digest (the last complete Monday–Sunday week), visible only to you.");
    expect(r.text).toContain('工作周报：2021-06-07 至 2021-06-13');
    expect(r.text).toContain('任务组 G3');
    expect(r.blocks.length).toBeLessThanOrEqual(50);
  });

  it('previews other filters without subscribing, and works from free text', async () => {
    const { store, say } = chat();
    const r = await say('周报 有风险');
    expect(r.ephemeral).toBe(true);
    expect(r.text).toContain('本频道未订阅周报');
    expect(r.text).toContain('有风险、滞后、落后于时序进度或逾期 · 中文');
    expect(store.events()).toHaveLength(0);
    for (const words of ['weekly digest', 'show me the digest', '周报', '本周周报']) {
      const free = await say(words, { command: false });
      expect(free.intent, words).toBe('digest-preview');
    }
    expect((await say('weekly digest', { command: false })).text).toContain('Weekly digest: 2021-06-07 to 2021-06-13');
    expect((await say('what is the target of task 9', { command: false })).intent).not.toBe('digest-preview');
  });
});
