import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import type { MemoryStore } from '../../src/store/memory-store.js';
import { storeWith, update } from '../digest/fixtures.js';
import { makeBot, say } from '../support/make-bot.js';

/**
 * Issue 12: sign-off (销号) and reopening through the bot core. A sign-off is always proposed first
 * (Record / Cancel), recorded only when the same admin confirms; a signed-off item leaves the
 * attention lists; `/plan reopen` undoes it; both are in the history.
 */

const ADMIN = 'web:admin';
const NOW = '2022-01-05T09:00:00+08:00';
const bot = (store: MemoryStore) => makeBot({ store, clock: fixedClock(NOW), admins: [ADMIN] });
const signoffs = (store: MemoryStore) => store.events().filter((e) => e.type === 'signoff' || e.type === 'reopen').map((e) => e.type);
/** T20 reported done (its target, 100% of counties with teams, reached); T24 off track. It is after the plan year. */
const reported = () =>
  storeWith([
    update({ itemId: 'T20', status: 'done', user: 'web:zhao', at: '2021-12-20T02:00:00Z' }),
    update({ itemId: 'T24', status: 'off-track', user: 'web:zhao', at: '2021-12-20T02:00:00Z' }),
  ]);

describe('/plan signoff', () => {
  it('is proposed with Record / Cancel, recorded only when the admin confirms, and the item shows as signed off', async () => {
    const store = await reported();
    const b = bot(store);
    const p = await say(b, '/plan signoff T20', ADMIN);
    expect(p.intent).toBe('signoff');
    expect(p.text).toContain('Nothing is recorded yet. Record this?');
    expect(p.text).toContain('Sign off T20 Enforcement teams and county bureaus (销号)');
    expect(p.text).not.toContain('start with “update”');
    const buttons = p.blocks.find((x) => x.type === 'actions');
    expect(buttons?.type === 'actions' && buttons.buttons.map((x) => x.label)).toEqual(['Record', 'Cancel']);
    expect(signoffs(store)).toEqual([]);

    const ok = await say(b, 'yes', ADMIN);
    expect(ok.intent).toBe('confirm-proposal');
    expect(ok.text).toContain('Signed off T20 Enforcement teams and county bureaus.');
    expect(signoffs(store)).toEqual(['signoff']);
    expect(store.events().at(-1)).toMatchObject({ type: 'signoff', itemId: 'T20', user: ADMIN });
    const card = await say(b, 'T20', 'web:alice');
    expect(card.text).toContain('Signed off (销号) on 2022-01-05 by admin; /plan reopen T20 reopens it.');
  });

  it('Chinese, with the Record button’s command; cancel records nothing', async () => {
    const store = await reported();
    const b = bot(store);
    const p = await say(b, '/plan 销号 T20', ADMIN);
    expect(p.text).toContain('尚未记录。是否记录以下内容？');
    const cancel = p.blocks.flatMap((x) => (x.type === 'actions' ? x.buttons : [])).find((x) => x.label === '取消')!;
    expect((await say(b, cancel.command, ADMIN)).text).toContain('已取消');
    expect(signoffs(store)).toEqual([]);
    const again = await say(b, '销号 T20', ADMIN);
    const record = again.blocks.flatMap((x) => (x.type === 'actions' ? x.buttons : [])).find((x) => x.label === '记录')!;
    expect((await say(b, record.command, ADMIN)).text).toContain('已对 T20');
    expect(signoffs(store)).toEqual(['signoff']);
  });

  it('only the admin who proposed it may confirm it', async () => {
    const store = await reported();
    const b = makeBot({ store, clock: fixedClock(NOW), admins: [ADMIN, 'slack:U0ADMIN2'] });
    const p = await say(b, '/plan signoff T20', ADMIN);
    const record = p.blocks.flatMap((x) => (x.type === 'actions' ? x.buttons : [])).find((x) => x.label === 'Record')!;
    const other = await say(b, record.command, 'slack:U0ADMIN2', { channel: 'web:general' });
    expect(other.error?.id).toBe('proposal.other-user');
    expect(signoffs(store)).toEqual([]);
  });

  it('refuses an item not reported done, saying how to fix it, before proposing anything', async () => {
    const store = await reported();
    const r = await say(bot(store), '/plan signoff T24', ADMIN);
    expect(r.error?.id).toBe('signoff.not-done');
    expect(r.text).toBe('T24 is not reported done (now: off track), so it cannot be signed off. Its owners report it first with /plan update T24 done; then sign it off with /plan signoff T24.');
    const zh = await say(bot(store), '/plan 销号 T9', ADMIN);
    expect(zh.text).toContain('T9 尚未报告完成（当前：尚未报告状态），不能销号。请负责人先报告完成：/plan 更新 T9 已完成');
    expect(signoffs(store)).toEqual([]);
  });

  it('is for admins only', async () => {
    const store = await reported();
    const r = await say(bot(store), '/plan signoff T20', 'web:zhao');
    expect(r.error?.id).toBe('permission.admin');
    expect(signoffs(store)).toEqual([]);
  });
});

describe('signed-off items leave the attention lists; /plan reopen brings them back', () => {
  it('an item signed off is not in "what needs attention" nor "which tasks are red"; reopened, it is again', async () => {
    // T24 done after all, but late in the plan year: done items need no attention either, so T24 is made off track after the sign-off.
    const store = await storeWith([update({ itemId: 'T24', status: 'done', user: 'web:zhao', at: '2021-12-20T02:00:00Z' })]);
    const b = bot(store);
    await say(b, '/plan signoff T24', ADMIN);
    await say(b, 'yes', ADMIN);
    await store.append(update({ itemId: 'T24', status: 'off-track', user: 'web:zhao', at: '2022-01-04T02:00:00Z' }));
    const ids = async (q: string) => (await say(b, q, 'web:alice')).matches.map((m) => m.id);
    expect(await ids('what needs attention')).not.toContain('T24');
    expect(await ids('which tasks are red')).not.toContain('T24');

    const reopen = await say(b, '/plan reopen T24', ADMIN);
    expect(reopen.error).toBeUndefined();
    expect(reopen.text).toContain('Reopened T24');
    expect(reopen.text).toContain('Light: 🔴 red — off track');
    expect(signoffs(store)).toEqual(['signoff', 'reopen']);
    expect(await ids('what needs attention')).toContain('T24');
    expect(await ids('哪些任务亮红灯')).toContain('T24');

    // A user with no earlier message: an id-only command is answered in English.
    const history = await say(b, '/plan history T24', 'web:bob');
    expect(history.text).toContain('admin reopened it (sign-off undone)');
    expect(history.text).toContain('admin signed it off (销号)');
  });

  it('reopening an item not signed off changes nothing and says so; signing off twice too', async () => {
    const store = await reported();
    const b = bot(store);
    expect((await say(b, '/plan reopen T20', ADMIN)).error?.id).toBe('reopen.not-signed-off');
    await say(b, '/plan signoff T20', ADMIN);
    await say(b, '确认', ADMIN);
    const twice = await say(b, '/plan signoff T20', ADMIN);
    expect(twice.error?.id).toBe('signoff.already');
    expect(twice.text).toContain('/plan reopen T20');
    expect(signoffs(store)).toEqual(['signoff']);
  });
});
