import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homeView } from '../../src/adapters/slack/app-home.js';
import { fixedClock } from '../../src/core/clock.js';
import { storeWith, update } from '../digest/fixtures.js';
import { runCli } from '../support/run-cli.js';
import { makeBot, say } from '../support/make-bot.js';

/** Issue 12: "which tasks are red" and its kin, read by the one computation of lights, on every door that shows them. */

const NOW = '2021-06-25T09:00:00+08:00';
const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const script = () =>
  storeWith([
    update({ itemId: 'T24', status: 'off-track', user: 'web:zhao', at: at('2021-06-20T09:00:00') }),
    update({ itemId: 'T9', status: 'on-track', user: 'web:li', at: at('2021-06-20T09:00:00'), progress: [{ indicatorId: 'T9.1', value: 300, target: null, unit: null }] }),
    // T34's first quarterly analysis is in; its second is due on 30 June, within 7 days.
    update({ itemId: 'T34', status: 'on-track', user: 'web:sun', at: at('2021-06-20T09:00:00'), progress: [{ indicatorId: 'T34.1', value: 1, target: null, unit: null }] }),
  ]);

describe('questions about lights, in both languages', () => {
  it.each([
    ['which tasks are red', ['T24'], '1 task with a 🔴 red light:'],
    ['red lights', ['T24'], '1 item with a 🔴 red light:'],
    ['哪些任务亮红灯', ['T24'], '亮红灯（🔴）的任务（1项）：'],
    ['红灯任务有哪些', ['T24'], '亮红灯（🔴）的任务（1项）：'],
    ['yellow lights', ['T9', 'T34'], '2 items with a 🟡 yellow light:'],
    ['哪些任务亮黄灯', ['T9', 'T34'], '亮黄灯（🟡）的任务（2项）：'],
    ['/plan list red', ['T24'], '1 task with a 🔴 red light:'],
  ])('%s → %j', async (q, ids, heading) => {
    const b = makeBot({ store: await script(), clock: fixedClock(NOW) });
    const r = await say(b, q, 'web:alice');
    expect(r.intent).toBe('list-items');
    expect(r.matches.map((m) => m.id)).toEqual(ids);
    expect(r.text.split('\n')[0]).toBe(heading);
  });

  it('each listed with its reasons, in the words of the digest', async () => {
    const b = makeBot({ store: await script(), clock: fixedClock(NOW) });
    const r = await say(b, 'yellow lights', 'web:alice');
    expect(r.text).toContain('• T9 Soil pollution prevention action — 🟡 T9.1 behind pace (37.5% done, 48% of the time gone)');
    expect(r.text).toContain('• T34 Party building responsibilities — 🟡 T34.1 behind pace (25% done, 48% of the time gone); T34.1 milestone 2021-06-30 in 5 days (2 analyses, not yet met)');
  });

  it('"开绿灯" and other words are not questions about lights', async () => {
    const b = makeBot({ store: await script(), clock: fixedClock(NOW) });
    expect((await say(b, '环评审批开绿灯', 'web:alice')).intent).not.toBe('list-items');
    expect((await say(b, 'is T9 green', 'web:alice')).intent).not.toBe('list-items');
  });
});

describe('the same light on App Home and in plan-bot show --json', () => {
  it('App Home counts the lights and marks each item that needs attention', async () => {
    const store = await script();
    const view = JSON.stringify(homeView({ plan: makeBot().deps.plan, events: store.events(), userId: 'slack:U1', now: new Date(NOW), timeZone: 'Asia/Shanghai' }));
    expect(view).toContain('🔴 red · 红灯 *1*');
    expect(view).toContain('🟡 yellow · 黄灯 *2*');
    expect(view).toContain('• 🔴 *T24*');
  });

  it('the answer to a target question carries the item’s light', async () => {
    const b = makeBot({ store: await script(), clock: fixedClock(NOW) });
    const r = await say(b, "what's the rural sewage target", 'web:alice');
    expect(r.text).toContain('Light: 🟢 green — nothing reported yet; no milestone missed');
    const t9 = await say(b, 'T9.1', 'web:alice');
    expect(t9.text).toContain('Light: 🟡 yellow — T9.1 behind pace (37.5% done, 48% of the time gone)');
  });

  it('show --json carries the light and the milestones, judged at --now', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'planbot-lights-')), 'state.json');
    const before = await runCli(['show', 'T34', '--json', '--db', db, '--now', '2021-03-20T09:00:00+08:00'], { env: {} });
    expect(before.code).toBe(0);
    const json = JSON.parse(before.stdout);
    expect(json).toMatchObject({ id: 'T34', light: 'green', signedOff: null });
    expect(json.milestones.map((m: { date: string }) => m.date)).toEqual(['2021-03-31', '2021-06-30', '2021-09-30', '2021-12-31']);
    const after = await runCli(['show', 'T34', '--json', '--db', db, '--now', '2021-04-01T09:00:00+08:00'], { env: {} });
    expect(JSON.parse(after.stdout).light).toBe('red');
    const text = await runCli(['show', 'T34', '--db', db, '--now', '2021-04-01T09:00:00+08:00'], { env: {} });
    expect(text.stdout).toContain('Light: 🔴 red — T34.1 milestone 2021-03-31 missed (1 analysis by then; nothing reported)');
    expect(text.stdout).toContain('灯号：🔴 红灯');
  });
});
