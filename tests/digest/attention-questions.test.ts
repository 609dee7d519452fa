import { beforeEach, describe, expect, it } from 'vitest';
import { homeView } from '../../src/adapters/slack/app-home.js';
import { fixedClock } from '../../src/core/clock.js';
import { renderPlainText, type Reply } from '../../src/core/reply.js';
import { postDueDigests } from '../../src/digest/scheduler.js';
import type { MemoryStore } from '../../src/store/memory-store.js';
import { makeBot, say } from '../support/make-bot.js';
import { assign, storeWith, update } from './fixtures.js';

/**
 * Issue 10 §4, "Nothing at risk while something is", through the platform-neutral port: questions
 * about this week, the posted digest, subscriptions filtered for risk, lists of what is behind and
 * staleness counted from assignment, all read by the one rule of attention (src/core/attention.ts).
 */

const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const FRIDAY = '2021-12-10T15:00:00+08:00';
/** Monday 13 December 00:00: the end of the week 6–12 December, so a question now reads as its digest. */
const MONDAY_MIDNIGHT = '2021-12-13T00:00:00+08:00';
const ALICE = 'web:alice';

let store: MemoryStore;
beforeEach(async () => {
  store = await storeWith([
    assign({ itemId: 'T24', owner: 'web:zhao', user: 'web:admin', at: at('2021-11-01T09:00:00') }),
    assign({ itemId: 'T9', owner: 'web:li', user: 'web:admin', at: at('2021-11-01T09:00:00') }),
    assign({ itemId: 'T7', owner: 'web:zhang', user: 'web:admin', at: at('2021-11-01T09:00:00') }),
    assign({ itemId: 'T12', owner: 'web:wang', user: 'web:admin', at: at('2021-10-01T09:00:00') }),
    update({ itemId: 'T9', status: 'on-track', user: 'web:li', at: at('2021-12-07T10:00:00'), progress: [{ indicatorId: 'T9.1', value: 100, target: null, unit: null }] }),
    update({ itemId: 'T7', status: 'at-risk', user: 'web:zhang', at: at('2021-12-07T11:00:00'), note: '臭氧超标天数增加' }),
    update({ itemId: 'T24', status: 'on-track', user: 'web:zhao', at: at('2021-12-01T09:00:00') }),
    // Wednesday: T24 goes off track. And T33 is assigned, two days before Friday.
    update({ itemId: 'T24', status: 'off-track', user: 'web:zhao', at: at('2021-12-08T10:00:00'), note: 'Two disposal sites behind schedule' }),
    assign({ itemId: 'T33', owner: 'web:sun', user: 'web:admin', at: at('2021-12-08T09:00:00') }),
    // T34's quarterly analyses are all in (its Q1–Q3 milestones would otherwise be missed, issue 12): nobody's concern here.
    update({ itemId: 'T34', status: 'on-track', user: 'web:admin', at: at('2021-12-06T09:00:00'), progress: [{ indicatorId: 'T34.1', value: 4, target: null, unit: null }] }),
  ]);
});

const botAt = (now: string) => makeBot({ store, clock: fixedClock(now), admins: ['web:admin'] });
const ask = (now: string, text: string, extra: { command?: boolean; channel?: string } = {}) => say(botAt(now), text, ALICE, extra);
/** The list lines of a reply's "needs attention" part (from its heading to the next heading). */
function attentionLines(text: string, heading: RegExp): string[] {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => heading.test(l));
  if (from < 0) return [];
  const rest = lines.slice(from + 1);
  const end = rest.findIndex((l) => !l.startsWith('• '));
  return end < 0 ? rest : rest.slice(0, end);
}

describe('"this week" in a question means Monday 00:00 to now; the posted digest covers the week that ended', () => {
  it('on a Friday, "what changed this week" sees Wednesday’s off track and says which days it covers', async () => {
    const r = await ask(FRIDAY, 'what changed this week');
    expect(r.intent).toBe('digest-preview');
    expect(r.text).toContain('This week so far: 2021-12-06 00:00 to 2021-12-10 15:00');
    expect(r.text).toContain('Monday 00:00 to now');
    expect(r.text).toContain('12-08 10:00 zhao: off track · “Two disposal sites behind schedule”');
    expect(attentionLines(r.text, /^Needs attention/)[0]).toBe('• T24 Hazardous waste, tailings and chemicals control — 🔴 off track · owners: zhao · “Two disposal sites behind schedule”');
    expect(r.text).not.toMatch(/Nothing (is|needs)/);
    expect(r.text).not.toContain('Weekly digest');
  });

  it.each(['本周有什么变化', '这周有什么变化', '这周有什么进展'])('%s: the same, in Chinese', async (q) => {
    const r = await ask(FRIDAY, q);
    expect(r.intent).toBe('digest-preview');
    expect(r.text).toContain('本周至今：2021-12-06 00:00 至 2021-12-10 15:00');
    expect(attentionLines(r.text, /^需要关注/)).toContain('• T24 “一废一库一品”监管 — 🔴 滞后 · 负责人：zhao · “Two disposal sites behind schedule”');
    expect(r.text).not.toContain('没有需要关注的事项');
  });

  it('"what changed last week" and the digest preview cover the last complete Monday–Sunday week, and say so', async () => {
    const last = await ask(FRIDAY, 'what changed last week');
    expect(last.text).toContain('Weekly digest: 2021-11-29 to 2021-12-05');
    expect(last.text).toContain('Last week, Monday to Sunday');
    const preview = await ask(FRIDAY, '/plan digest');
    expect(preview.text).toContain('Weekly digest: 2021-11-29 to 2021-12-05');
    expect(preview.text).toContain('(the last complete Monday–Sunday week)');
    const zh = await ask(FRIDAY, '上周有什么变化');
    expect(zh.text).toContain('工作周报：2021-11-29 至 2021-12-05');
  });

  it('the digest posted on Monday covers Monday to Sunday of the week that ended, with Wednesday’s off track', async () => {
    const posted: Reply[] = [];
    await say(botAt(FRIDAY), '/plan subscribe en', ALICE, { channel: 'web:general' });
    await postDueDigests({ plan: botAt(FRIDAY).deps.plan, store, clock: fixedClock('2021-12-13T09:00:00+08:00'), timeZone: 'Asia/Shanghai', post: async (_c, reply) => void posted.push(reply) });
    const text = renderPlainText(posted[0]!);
    expect(text).toContain('Weekly digest: 2021-12-06 to 2021-12-12');
    expect(text).toContain('Monday to Sunday, Asia/Shanghai');
    expect(attentionLines(text, /^Needs attention/)[0]).toContain('• T24 Hazardous waste, tailings and chemicals control — 🔴 off track');
  });
});

describe('a subscription filtered "at-risk" takes everything its text claims', () => {
  it('says "at risk, off track, behind pace or overdue" and posts exactly those: never "nothing" while T24 is off track', async () => {
    const sub = await say(botAt(FRIDAY), '/plan subscribe at-risk en', ALICE, { channel: 'web:risk' });
    expect(sub.text).toContain('Subscribed this channel to the weekly progress digest: at risk, off track, behind pace or overdue · in English.');
    const posted: Reply[] = [];
    await postDueDigests({ plan: botAt(FRIDAY).deps.plan, store, clock: fixedClock('2021-12-13T09:00:00+08:00'), timeZone: 'Asia/Shanghai', post: async (_c, reply) => void posted.push(reply) });
    const text = renderPlainText(posted[0]!);
    expect(text).toContain('at risk, off track, behind pace or overdue · in English');
    const ids = attentionLines(text, /^Needs attention/).map((l) => l.split(' ')[1]);
    expect(ids).toEqual(['T24', 'T7', 'T9']);
    expect(text).not.toMatch(/Nothing (is|needs)/);
    // T12 is stale only, T33 nothing at all: neither is what "at risk" names.
    expect(text).not.toContain('• T12');
  });

  it('"off track" (滞后) says and takes off track, behind pace or overdue', async () => {
    const sub = await say(botAt(FRIDAY), '/plan 订阅 滞后', ALICE, { channel: 'web:late' });
    expect(sub.text).toContain('滞后、落后于时序进度或逾期 · 中文');
    const preview = await say(botAt(MONDAY_MIDNIGHT), '/plan 周报', ALICE, { channel: 'web:late' });
    expect(attentionLines(preview.text, /^需要关注/).map((l) => l.split(' ')[1])).toEqual(['T24', 'T9']);
  });
});

describe('questions about what is behind list what the digest lists, in its words', () => {
  it('哪些任务进度滞后 lists T9, behind pace, with the very line of the digest', async () => {
    const list = await ask(MONDAY_MIDNIGHT, '哪些任务进度滞后');
    expect(list.intent).toBe('list-items');
    expect(list.matches.map((m) => m.id)).toEqual(['T24', 'T9']);
    const digest = await ask(MONDAY_MIDNIGHT, '/plan 周报');
    const line = attentionLines(digest.text, /^需要关注/).find((l) => l.startsWith('• T9 '))!;
    expect(line).toBe('• T9 土壤污染防治行动 — 🟡 T9.1 落后于时序进度（完成12.5%，时间过去94.8%） · 负责人：li');
    expect(list.text.split('\n')).toContain(line);
  });

  it.each([
    ['at-risk tasks', ['T24', 'T7', 'T9'], '3 tasks at risk, off track, behind pace or overdue:'],
    ['有风险的任务', ['T24', 'T7', 'T9'], '有风险、滞后、落后于时序进度或逾期的任务（3项）：'],
    ['what is behind schedule', ['T24', 'T9'], '2 items off track, behind pace or overdue:'],
    ['off track', ['T24', 'T9'], '2 items off track, behind pace or overdue:'],
    ['滞后的任务', ['T24', 'T9'], '滞后、落后于时序进度或逾期的任务（2项）：'],
    ['what needs attention', ['T24', 'T7', 'T9', 'T12'], '4 items that need attention (at risk, off track, behind pace, overdue or stale):'],
  ])('%s → %j', async (q, ids, heading) => {
    const r = await ask(FRIDAY, q);
    expect(r.intent).toBe('list-items');
    expect(r.matches.map((m) => m.id)).toEqual(ids);
    expect(r.text.split('\n')[0]).toBe(heading);
  });

  it('questions about one item stay questions about that item', async () => {
    expect((await ask(FRIDAY, 'is T24 off track')).intent).not.toBe('list-items');
  });
});

describe('"stale" counts from the later of the last update and the last assignment', () => {
  it('an item assigned two days ago is not "without an update"; one assigned long ago and never updated is', async () => {
    const r = await ask(FRIDAY, 'what needs attention');
    expect(r.text).not.toContain('T33');
    expect(r.text).toContain('• T12 Enhancing Yellow River ecological functions — no update in the 70 days since assignment (2021-10-01) · @wang');
    const digest = await ask(MONDAY_MIDNIGHT, '/plan digest');
    // The 未报送 / Not reported section does name T33 (assigned, never reported): look at attention only.
    expect(digest.text.split('Needs attention')[1]!.split('Due in the next')[0]).not.toContain('T33 ');
    expect(digest.text).toContain('• T12 Enhancing Yellow River ecological functions — no update in the 72 days since assignment (2021-10-01) · @wang');
  });

  it('and once its owner is silent for more than 14 days after assignment, it is', async () => {
    const r = await ask('2021-12-23T09:00:01+08:00', 'what needs attention');
    expect(r.text).toContain('• T33 Strengthening political building — no update in the 15 days since assignment (2021-12-08) · @sun');
  });
});

describe('App Home reads the same rule', () => {
  it('lists what needs attention with its reasons, and not an item assigned two days ago', () => {
    const view = homeView({ plan: botAt(FRIDAY).deps.plan, events: store.events(), userId: 'slack:U1', now: new Date(FRIDAY), timeZone: 'Asia/Shanghai' });
    const json = JSON.stringify(view);
    expect(json).toMatch(/Needs attention[^"]*\(4\)/);
    expect(json).toContain('• 🔴 *T24*');
    expect(json).toContain('T9.1 behind pace (12.5% done, 94.1% of the time gone)');
    expect(json).not.toContain('*T33*');
  });
});
