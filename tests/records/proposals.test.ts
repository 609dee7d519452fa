import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { ProposalBook } from '../../src/core/proposals.js';
import { proposalToken, recordsBot, talk } from './talk.js';

/** A clock a test moves by hand. */
function handClock(start = '2021-06-07T09:00:00+08:00'): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

const MINUTE = 60_000;

describe('a report read from chatter is proposed, and recorded only when its author confirms it', () => {
  it('previews exactly what would be recorded, with Record / Cancel buttons, and records on the Record button', async () => {
    const { bot, store } = recordsBot();
    const r = await talk(bot, 'T9 有风险 430/800 周口进度滞后');
    expect(store.events()).toEqual([]);
    expect(r.text).toContain('尚未记录');
    expect(r.blocks).toContainEqual({
      type: 'fields',
      fields: [
        { label: '事项', value: 'T9 土壤污染防治行动' },
        { label: '状态', value: '有风险' },
        { label: '进度', value: 'T9.1 430/800个行政村' },
        { label: '备注', value: '周口进度滞后' },
      ],
    });
    const token = proposalToken(r)!;
    expect(r.blocks.find((b) => b.type === 'actions')).toEqual({
      type: 'actions',
      buttons: [
        { label: '记录', command: `/plan confirm ${token}` },
        { label: '取消', command: `/plan cancel ${token}` },
      ],
    });
    const done = await talk(bot, `/plan confirm ${token}`);
    expect(done.text).toContain('已更新 T9 土壤污染防治行动：有风险');
    expect(store.events()).toMatchObject([{ type: 'update', itemId: 'T9', status: 'at-risk', user: 'web:admin', platform: 'web', note: '周口进度滞后', progress: [{ indicatorId: 'T9.1', value: 430, target: 800 }] }]);
    // Settled once: the same button again records nothing more, and says it was recorded.
    const again = await talk(bot, `/plan confirm ${token}`);
    expect(again.error).toEqual({ id: 'proposal.already-recorded' });
    expect(store.events()).toHaveLength(1);
  });

  it.each([
    ['yes', 'console:erin'],
    ['y', 'console:erin'],
    ['确认', 'console:erin'],
    ['是', 'console:erin'],
    ['確認', 'console:erin'],
  ])('on the console, typing “%s” confirms the pending proposal of that user in that channel', async (word, user) => {
    const { bot, store } = recordsBot({ admins: [user] });
    await talk(bot, 'T11 at risk', user, 'console:ops');
    const r = await talk(bot, word, user, 'console:ops');
    expect(r.intent).toBe('confirm-proposal');
    expect(r.text).toContain('Updated T11 Yellow River environmental supervision: at risk');
    expect(store.events()).toMatchObject([{ type: 'update', itemId: 'T11', status: 'at-risk', user, platform: 'console' }]);
  });

  it.each(['no', '取消', 'cancel'])('typing “%s” cancels it and nothing is recorded', async (word) => {
    const { bot, store } = recordsBot();
    const r = await talk(bot, 'T11 滞后');
    const token = proposalToken(r)!;
    const cancelled = await talk(bot, word);
    expect(cancelled.intent).toBe('cancel-proposal');
    expect(cancelled.text).toMatch(/Cancelled: nothing was recorded|已取消：未记录任何内容/);
    expect(store.events()).toEqual([]);
    const late = await talk(bot, `/plan confirm ${token}`);
    expect(late.error).toEqual({ id: 'proposal.already-cancelled' });
    expect(store.events()).toEqual([]);
  });

  it('the Cancel button cancels by token', async () => {
    const { bot, store } = recordsBot();
    const token = proposalToken(await talk(bot, 'T11 70%'))!;
    const r = await talk(bot, `/plan cancel ${token}`);
    expect(r.text).toBe('Cancelled: nothing was recorded.');
    expect(store.events()).toEqual([]);
  });

  it('refuses a confirmation by another user (same channel, even an admin) and records nothing; the author still can', async () => {
    const { bot, store } = recordsBot({ admins: ['web:admin', 'web:carol'] });
    const token = proposalToken(await talk(bot, 'T11 at risk', 'web:admin'))!;
    const other = await talk(bot, `/plan confirm ${token}`, 'web:carol');
    expect(other.error).toEqual({ id: 'proposal.other-user' });
    expect(other.text).toContain('Only admin, who sent this report, can confirm or cancel it. Nothing was recorded');
    const cancel = await talk(bot, `/plan cancel ${token}`, 'web:carol');
    expect(cancel.error).toEqual({ id: 'proposal.other-user' });
    // "yes" from someone with nothing pending is no confirmation at all.
    expect((await talk(bot, 'yes', 'web:carol')).intent).not.toBe('confirm-proposal');
    expect(store.events()).toEqual([]);
    await talk(bot, `/plan confirm ${token}`, 'web:admin');
    expect(store.events()).toMatchObject([{ itemId: 'T11', status: 'at-risk', user: 'web:admin' }]);
  });

  it('tells the same name on another platform apart: console:admin cannot confirm web:admin’s proposal', async () => {
    const { bot, store } = recordsBot({ admins: ['web:admin', 'console:admin'] });
    const token = proposalToken(await talk(bot, 'T11 at risk', 'web:admin', 'room'))!;
    const r = await talk(bot, `/plan confirm ${token}`, 'console:admin', 'room');
    expect(r.error).toEqual({ id: 'proposal.other-user' });
    expect(store.events()).toEqual([]);
  });

  it('refuses a confirmation from another channel', async () => {
    const { bot, store } = recordsBot();
    const token = proposalToken(await talk(bot, 'T11 at risk', 'web:admin', 'web:room-1'))!;
    expect((await talk(bot, 'yes', 'web:admin', 'web:room-2')).intent).not.toBe('confirm-proposal');
    const r = await talk(bot, `/plan confirm ${token}`, 'web:admin', 'web:room-2');
    expect(r.error).toEqual({ id: 'proposal.other-channel' });
    expect(store.events()).toEqual([]);
  });

  it('records within 10 minutes, and after 10 minutes says it lapsed and records nothing', async () => {
    const clock = handClock();
    const { bot, store } = recordsBot({ clock });
    await talk(bot, 'T11 at risk');
    clock.advance(10 * MINUTE);
    await talk(bot, 'yes');
    expect(store.events()).toHaveLength(1);

    await talk(bot, 'T11 滞后');
    clock.advance(10 * MINUTE + 1000);
    const r = await talk(bot, '确认');
    expect(r.error).toEqual({ id: 'proposal.expired' });
    expect(r.text).toBe('该报告等待确认已超过10分钟，已失效。未记录任何内容；请重新发送（以“更新”开头可直接记录）。');
    expect(store.events()).toHaveLength(1);
  });

  it('after a restart (a new bot, proposals lost) a confirmation says nothing was recorded and to send it again', async () => {
    const first = recordsBot();
    const token = proposalToken(await talk(first.bot, 'T11 at risk'))!;
    const restarted = recordsBot({ store: first.store, proposals: new ProposalBook() });
    const r = await talk(restarted.bot, `/plan confirm ${token}`);
    expect(r.error).toEqual({ id: 'proposal.none' });
    expect(r.text).toMatch(/Nothing was recorded; send it again/);
    expect(first.store.events()).toEqual([]);
  });

  it('a newer proposal replaces the pending one: “yes” records the newest only', async () => {
    const { bot, store } = recordsBot();
    await talk(bot, 'T11 at risk');
    await talk(bot, 'T9 420/800');
    await talk(bot, 'yes');
    expect(store.events()).toMatchObject([{ itemId: 'T9', status: null, progress: [{ indicatorId: 'T9.1', value: 420, target: 800 }] }]);
  });

  it('checks permission before proposing: a non-owner is told at once, and nothing is pending', async () => {
    const { bot, store } = recordsBot();
    const r = await talk(bot, 'T9 at risk', 'web:bob');
    expect(r.error).toEqual({ id: 'permission.update' });
    expect(proposalToken(r)).toBeNull();
    expect((await talk(bot, 'yes', 'web:bob')).intent).not.toBe('confirm-proposal');
    expect(store.events()).toEqual([]);
  });
});

describe('what writes directly', () => {
  it.each([
    ['/plan update T11 at-risk 70%', 'at-risk'],
    ['/plan 更新 T11 滞后', 'off-track'],
    ['update T11 at risk', 'at-risk'],
    ['更新 T11 有风险', 'at-risk'],
    ['汇报 T11 正常推进 70%', 'on-track'],
    ['报送 T11 滞后', 'off-track'],
    ['上报 T11 滞后', 'off-track'],
    ['填报 T11 已完成', 'done'],
    ['匯報 T11 滯後', 'off-track'],
  ])('“%s” is recorded at once (a /plan command or a report verb first)', async (text, status) => {
    const { bot, store } = recordsBot();
    const r = await talk(bot, text);
    expect(proposalToken(r)).toBeNull();
    expect(r.text).toMatch(/^Updated T11|^已更新 T11/);
    expect(store.events()).toMatchObject([{ type: 'update', itemId: 'T11', status }]);
  });

  it('a progress-only report keeps the status and says so, never “not started”', async () => {
    const { bot, store } = recordsBot();
    await talk(bot, '/plan 更新 T9 有风险');
    const r = await talk(bot, '/plan 更新 T9 120/800');
    expect(r.text.split('\n')[0]).toBe('已更新 T9 土壤污染防治行动：已记录进度，状态不变（有风险）');
    expect(r.text).not.toContain('未开始');
    const fresh = recordsBot();
    const first = await talk(fresh.bot, '/plan update T9 120/800');
    expect(first.text.split('\n')[0]).toBe('Updated T9 Soil pollution prevention action: progress recorded; no status reported yet');
    expect(first.text).toContain('Status: not reported');
    expect(first.text).not.toMatch(/not started/);
    expect(store.events().map((e) => (e.type === 'update' ? e.status : null))).toEqual(['at-risk', null]);
  });

  it('/plan 更新T11 進展順利 70％ (Traditional, full-width %) is read, not kept as a note', async () => {
    const { bot, store } = recordsBot();
    await talk(bot, '/plan 更新T11 進展順利 70％');
    expect(store.events()).toMatchObject([{ itemId: 'T11', status: 'on-track', note: null, progress: [{ indicatorId: 'T11.1', value: 70, unit: '%' }] }]);
  });

  it('/plan 更新T11 進展很好 (no status word) is refused with how to write it, and nothing is stored', async () => {
    const { bot, store } = recordsBot();
    const r = await talk(bot, '/plan 更新T11 進展很好');
    expect(r.error).toEqual({ id: 'status.unknown' });
    expect(r.text).toMatch(/不是有效状态.*若要作为备注，请加引号/s);
    expect(store.events()).toEqual([]);
  });
});
