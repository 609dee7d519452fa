import { describe, expect, it } from 'vitest';
import { deriveStates } from '../../src/store/item-state.js';
import { steppingClock, testBot } from './fixtures.js';

describe('/plan update', () => {
  it('records an admin’s update and confirms it with status, progress bar and how to undo', async () => {
    const { say, store } = await testBot();
    const r = await say('/plan update T9 at-risk 420/800 Zhoukou and Nanyang behind schedule');
    expect(r.intent).toBe('update-status');
    expect(r.error).toBeUndefined();
    expect(r.text).toContain('Updated T9 Soil pollution prevention action: at risk');
    expect(r.text).toMatch(/T9\.1 .*▓▓▓▓▓░░░░░ 52\.5% · 420\/800 villages/);
    expect(r.text).toContain('note: Zhoukou and Nanyang behind schedule');
    expect(r.text).toContain('Undo with /plan undo T9');
    expect(r.blocks.find((b) => b.type === 'actions')).toEqual({ type: 'actions', buttons: [{ label: 'Undo', command: '/plan undo T9' }] });
    expect(store.events()).toMatchObject([
      { type: 'update', itemId: 'T9', status: 'at-risk', user: 'web:alice', platform: 'web', planId: 'henan-2021', at: '2021-06-07T01:00:00.000Z', progress: [{ indicatorId: 'T9.1', value: 420, target: 800 }], note: 'Zhoukou and Nanyang behind schedule' },
    ]);
  });

  it('answers a Chinese update in Chinese', async () => {
    const { say } = await testBot();
    const r = await say('/plan 更新 T9 有风险 430/800 进度滞后');
    expect(r.lang).toBe('zh');
    expect(r.text).toContain('已更新 T9');
    expect(r.text).toContain('有风险');
    expect(r.text).toMatch(/430\/800个行政村/);
    expect(r.text).toContain('备注：进度滞后');
    expect(r.text).toContain('如需撤销：/plan undo');
  });

  it.each([
    ['T9 有风险 430/800', 'update-status'],
    ['update T9 on-track 420/800', 'update-status'],
    ['更新 T9 正常推进 T9.1=500', 'update-status'],
    ['T9 done', 'update-status'],
    ['update on T9', 'item-status'],
    ['update T9?', 'ask'],
    ['report T9 progress please', 'item-status'],
    ['T9 status', 'item-status'],
    ['T9 done?', 'item-status'],
    ['T9', 'show-item'],
    ['history of T9', 'history'],
    ['T9 更新记录', 'history'],
    ['undo', 'undo'],
    ['撤销上一次更新', 'undo'],
    ['assign T9 to @bob', 'assign'],
    ['把 T9 分配给 bob', 'assign'],
    ['remove @bob from T9', 'unassign'],
    ['my tasks', 'list-items'],
    ['what is the rural sewage target', 'ask'],
  ])('routes the chat form “%s” to %s', async (text, intent) => {
    const { say } = await testBot();
    expect((await say(text)).intent).toBe(intent);
  });

  it.each([
    ['/plan update T41 at-risk', 'item.not-found', /no item "T41".*did you mean T40/s],
    ['/plan update T9 at-rsk 420/800', 'status.unknown', /not-started, on-track, at-risk, off-track, done/],
    ['/plan update T9 -3/800', 'progress.negative', /cannot be negative/],
    ['/plan update T11 120%', 'progress.over-100', /share above 100%/],
    ['/plan update T9 5', 'progress.ambiguous', /say which: T9\.1=5 or T9\.2=5/],
    ['/plan update', 'item.missing', /Say which item/],
    ['/plan 更新 T9 有风险 130%', 'progress.over-100', /超过100%/],
    ['/plan 更新 T9 5', 'progress.ambiguous', /请写明：T9\.1=5 或 T9\.2=5/],
  ])('refuses “%s” (%s) and records nothing', async (text, id, message) => {
    const { say, store } = await testBot();
    const r = await say(text);
    expect(r.error).toEqual({ id });
    expect(r.ephemeral).toBe(true);
    expect(r.text).toMatch(message);
    expect(store.events()).toHaveLength(0);
  });
});

describe('permissions', () => {
  it('lets admins and owners update, refuses anyone else saying who may, and lets anyone read', async () => {
    const { say, store } = await testBot();
    const early = await say('/plan update T9 done', 'web:bob');
    expect(early.error).toEqual({ id: 'permission.update' });
    expect(early.text).toBe('T9 has no owners yet, so only an admin (alice) may update it; an admin can make you an owner with /plan assign T9 @web:bob.');

    expect((await say('/plan assign T9 @bob')).text).toContain('bob is now an owner of T9');
    const owner = await say('/plan update T9 on-track 300/800', 'web:bob');
    expect(owner.error).toBeUndefined();

    const other = await say('/plan update T9 done', 'web:carol');
    expect(other.error).toEqual({ id: 'permission.update' });
    expect(other.text).toBe('Only the owners of T9 (bob) or an admin (alice) may update it; an admin can add you with /plan assign T9 @web:carol.');
    const otherZh = await say('/plan 更新 T9 已完成', 'web:carol');
    expect(otherZh.text).toBe('只有 T9 的负责人（bob）或管理员（alice）可以更新它；管理员可用 /plan assign T9 @web:carol 将您加为负责人。');

    expect((await say('/plan status T9', 'web:carol')).error).toBeUndefined();
    expect((await say('/plan history T9', 'web:carol')).error).toBeUndefined();
    expect(store.events().filter((e) => e.type === 'update').map((e) => e.user)).toEqual(['web:bob']);
  });

  it('lets only admins assign and unassign', async () => {
    const { say, store } = await testBot();
    const r = await say('/plan assign T9 @bob', 'web:bob');
    expect(r.error).toEqual({ id: 'permission.admin' });
    expect(r.text).toBe('Only an admin (alice) may assign owners.');
    expect((await say('/plan unassign T9 @bob', 'web:carol')).text).toBe('Only an admin (alice) may remove owners.');
    expect((await say('把任务九分配给bob', 'web:carol')).text).toBe('只有管理员（alice）可以指定负责人。');
    expect(store.events()).toHaveLength(0);
  });

  it('treats a user the composition root passes in admins as admin (local embedded mode)', async () => {
    const { say } = await testBot({ admins: ['console:me'] });
    expect((await say('/plan update T9 done', 'console:me')).error).toBeUndefined();
  });
});

describe('assign and unassign', () => {
  it('adds and removes owners, strips @, and feeds "my tasks" and status', async () => {
    const { say, store, plan } = await testBot();
    expect((await say('/plan assign T9 @bob @carol')).text).toContain('Owners of T9: bob, carol');
    expect((await say('/plan assign t9 bob')).text).toContain('bob already owns T9; nothing changed.');
    expect((await say('把 T10 分配给 bob')).text).toContain('已将 bob 设为 T10');
    const mine = await say('my tasks', 'web:bob');
    expect(mine.matches.map((m) => m.id)).toEqual(['T9', 'T10']);
    expect((await say('/plan mine', 'web:carol')).matches.map((m) => m.id)).toEqual(['T9']);
    expect((await say('/plan unassign T9 @carol')).text).toContain('carol no longer owns T9');
    expect(deriveStates(store.events(), plan.id).get('T9')?.owners).toEqual(['web:bob']);
    const notOwner = await say('/plan unassign T9 @dave');
    expect(notOwner.error).toEqual({ id: 'unassign.not-owner' });
    expect(notOwner.text).toBe('dave is not an owner of T9. Owners: bob.');
    expect((await say('/plan assign T9')).error).toEqual({ id: 'user.missing' });
    expect((await say('/plan assign @bob')).error).toEqual({ id: 'item.missing' });
  });
});

describe('status, history and undo', () => {
  async function withUpdates() {
    const clock = steppingClock();
    const t = await testBot({ clock });
    await t.say('/plan assign T9 @bob');
    await t.say('/plan update T9 on-track 300/800', 'web:bob');
    clock.advance(60);
    await t.say('/plan update T9 at-risk 420/800 Zhoukou behind', 'web:alice');
    clock.advance(60);
    await t.say('/plan update T9 off-track T9.2=6', 'web:bob');
    clock.advance(5);
    return { ...t, clock };
  }

  it('status shows the owners, the last update and by whom', async () => {
    const { say } = await withUpdates();
    const r = await say('/plan status T9', 'web:carol');
    expect(r.text).toMatch(/T9\.1 .* 52\.5% · 420\/800 villages/);
    expect(r.text).toMatch(/T9\.2 .* 6%/);
    expect(r.text).toContain('Status: off track · updated 2021-06-07 11:00 by bob · owners: bob');
  });

  it('history lists every update newest first, in the configured time zone', async () => {
    const { say } = await withUpdates();
    const r = await say('/plan history T9', 'web:carol');
    expect(r.text.split('\n')).toEqual([
      'Updates of T9 Soil pollution prevention action, newest first (3):',
      '• 2021-06-07 11:00 bob · off track · T9.2 6%',
      '• 2021-06-07 10:00 alice · at risk · T9.1 420/800 villages · “Zhoukou behind”',
      '• 2021-06-07 09:00 bob · on track · T9.1 300/800 villages',
      'Owners assigned and removed, newest first:',
      '• 2021-06-07 09:00 alice assigned bob',
      'Owners: bob',
    ]);
    const zh = await say('/plan 历史 T9');
    expect(zh.text).toContain('T9 土壤污染防治行动 的更新记录（3条，最新在前）：');
    expect((await say('/plan history T10', 'web:carol')).text).toContain('No updates of T10');
  });

  it('undo reverts the user’s own last update as a new event; status goes back; history marks it', async () => {
    const { say, store, plan } = await withUpdates();
    const r = await say('/plan undo', 'web:bob');
    expect(r.intent).toBe('undo');
    expect(r.text).toContain('Undone: your update of T9 from 2021-06-07 11:00');
    expect(r.text).toContain('Status: at risk');
    const last = store.events().at(-1)!;
    const offTrack = store.events().find((e) => e.type === 'update' && e.status === 'off-track')!;
    expect(last).toMatchObject({ type: 'undo', itemId: 'T9', reverts: offTrack.id, user: 'web:bob' });
    expect(store.events().filter((e) => e.type === 'update')).toHaveLength(3);
    const state = deriveStates(store.events(), plan.id).get('T9')!;
    expect(state.status).toBe('at-risk');
    expect(state.progress.find((p) => p.indicatorId === 'T9.2')).toBeUndefined();
    const history = await say('/plan history T9');
    expect(history.text).toContain('• 2021-06-07 11:00 bob · off track · T9.2 6% (undone by bob 2021-06-07 11:05)');
  });

  it('undo never touches someone else’s update; repeated undos walk back through one’s own', async () => {
    const { say, store, plan } = await withUpdates();
    expect((await say('/plan undo', 'web:alice')).text).toContain('Undone: your update of T9 from 2021-06-07 10:00');
    // bob's off-track update (after alice's) still stands.
    expect(deriveStates(store.events(), plan.id).get('T9')!.status).toBe('off-track');
    const none = await say('/plan undo', 'web:alice');
    expect(none.error).toEqual({ id: 'undo.nothing' });
    expect(none.text).toContain('only your own updates can be undone');
    expect((await say('撤销', 'web:carol')).text).toContain('只能撤销自己的更新');
    await say('/plan undo', 'web:bob');
    await say('/plan undo', 'web:bob');
    expect(deriveStates(store.events(), plan.id).get('T9')!.status).toBeNull();
    expect(store.events().filter((e) => e.type === 'undo').map((e) => e.user)).toEqual(['web:alice', 'web:bob', 'web:bob']);
  });

  it('undo ID limits the undo to that item', async () => {
    const { say } = await withUpdates();
    await say('/plan update T10 done', 'web:alice');
    expect((await say('/plan undo T9', 'web:alice')).text).toContain('your update of T9');
  });
});

describe('through the file store', () => {
  it('keeps every one of many concurrent chat updates across a restart', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openFileStore } = await import('../../src/store/file-store.js');
    const file = join(mkdtempSync(join(tmpdir(), 'planbot-intents-')), 'state.json');
    const store = await openFileStore(file);
    const { say } = await testBot({ store });
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => say(`/plan update T${1 + (i % 40)} on-track note ${i}`)));
    expect(replies.every((r) => r.intent === 'update-status' && !r.error)).toBe(true);
    await store.close();

    const reopened = await openFileStore(file);
    try {
      const after = await testBot({ store: reopened });
      expect(reopened.events()).toHaveLength(50);
      const history = await after.say('/plan history T1');
      expect(history.text).toContain('newest first (2)');
      expect(history.text).toMatch(/“note 40”[\s\S]*“note 0”/);
    } finally {
      await reopened.close();
    }
  });
});
