import { describe, expect, it } from 'vitest';
import { testBot } from '../intents/fixtures.js';

/** A bot whose admin is console:admin, with T9 led by the Soil Division and Zhoukou and Nanyang responsible. */
async function setUp() {
  const t = await testBot({ admins: ['console:admin'] });
  const admin = (text: string) => t.say(text, 'console:admin');
  for (const cmd of [
    '/plan member @web:zl 周口',
    '/plan member @web:nan 南阳市',
    '/plan member @web:soil 土壤处',
    '/plan member @web:two Zhoukou',
    '/plan member @web:two Nanyang',
    '/plan lead T9 土壤处',
    '/plan units T9 +周口 +南阳',
  ]) {
    const r = await admin(cmd);
    expect(r.error, `${cmd}: ${r.text}`).toBeUndefined();
  }
  return { ...t, admin };
}

describe('units and membership (admins)', () => {
  it('an admin adds a unit and members; a user may belong to several; others may not change them', async () => {
    const { say, admin } = await setUp();
    const added = await admin('/plan unit add 法规处 "Regulations Division"');
    expect(added.text).toMatch(/Added unit Regulations Division \(法规处\), id regulations-division|已添加单位法规处/);
    expect((await admin('/plan member @web:zl 法规处')).text).toMatch(/web:zl|zl/);
    const list = await admin('/plan unit');
    expect(list.text).toMatch(/Regulations Division \(regulations-division\): zl/);
    expect(list.text).toMatch(/Nanyang \(nanyang\): nan, two/);
    const refused = await say('/plan member @web:zl 南阳', 'web:zl');
    expect(refused.error?.id).toBe('permission.admin');
    const removed = await admin('/plan member remove @web:two 南阳');
    expect(removed.text).toMatch(/no longer|移出/);
    expect((await admin('/plan unit add 周口 "Zhoukou again"')).error?.id).toBe('unit.exists');
  });

  it('a member written without a platform is a user of the admin’s own platform', async () => {
    const { admin } = await setUp();
    expect((await admin('/plan member @zl 周口')).text).toMatch(/console:zl|zl/);
    expect((await admin('/plan unit')).text).toMatch(/周口市: zl, two, zl|Zhoukou.*zl/);
  });

  it('lead and responsible units show on the item card, in both languages', async () => {
    const { say, admin } = await setUp();
    expect((await admin('/plan units T9 all-cities')).text).toMatch(/added .*Zhengzhou|新增.*郑州市/);
    expect((await admin('/plan units T9 -郑州 -开封')).text).toMatch(/removed Zhengzhou, Kaifeng|移除郑州市、开封市/);
    const en = await say('what is task 9', 'web:zl');
    expect(en.text).toMatch(/Lead unit: Soil Division/);
    expect(en.text).toMatch(/Responsible units: Zhoukou, Nanyang, Luoyang, /);
    expect(en.text).not.toMatch(/Zhengzhou/);
    const zh = await say('第九项任务', 'web:zl');
    expect(zh.text).toMatch(/牵头单位: 土壤生态环境处/);
    expect(zh.text).toMatch(/责任单位: 周口市、南阳市、洛阳市、/);
  });
});

describe('unit commands in Chinese, with typos and mistakes', () => {
  it('单位 添加, 成员, 成员 移除, 牵头, 责任单位 全部地市', async () => {
    const { admin, say } = await setUp();
    expect((await admin('/plan 单位 添加 法规处 "Regulations Division" 政策法规处')).text).toMatch(/已添加单位法规处（Regulations Division），编号 regulations-division/);
    expect((await admin('/plan 成员 @web:fg 政策法规处')).text).toMatch(/已将 .*fg 加入法规处/);
    expect((await admin('/plan 成员 移除 @web:fg 法规处')).text).toMatch(/已将 .*fg 移出法规处/);
    expect((await admin('/plan 牵头 T20 法规处')).text).toMatch(/T20 .*的牵头单位：法规处/);
    expect((await admin('/plan 责任单位 T20 全部地市')).text).toMatch(/T20 责任单位：新增郑州市、开封市.*济源示范区。/);
    expect((await admin('/plan lead T20 none')).text).toMatch(/T20 has no lead unit now/);
    expect((await say('tasks with no lead unit', 'web:zl')).text).toMatch(/• T20 /);
  });

  it('a typo in a unit name is read; an unknown unit is refused with the closest names', async () => {
    const { admin } = await setUp();
    expect((await admin('/plan member @web:x Zhoukuo')).text).toMatch(/x now belongs to Zhoukou/);
    const unknown = await admin('/plan lead T9 Zhoukouxx');
    expect(unknown.error?.id).toBe('unit.unknown');
    expect(unknown.text).toMatch(/No unit "Zhoukouxx"\. Did you mean 周口市 \(Zhoukou\)\?/);
    const nothing = await admin('/plan units T9');
    expect(nothing.error?.id).toBe('unit.missing');
    expect(nothing.text).toMatch(/\/plan units T9 all-cities/);
  });
});

describe('per-unit reports and the roll-up', () => {
  it('Zhoukou 120/800 and Nanyang 90/800 make the province 210/800, not the last writer’s 90', async () => {
    const { say, store } = await setUp();
    const zk = await say('/plan update T9 120/800', 'web:zl');
    expect(zk.text).toMatch(/Recorded as the report of Zhoukou/);
    const ny = await say('/plan 更新 T9 90/800 有风险', 'web:nan');
    expect(ny.text).toMatch(/已记为南阳市的报告/);
    expect(ny.text).toMatch(/T9\.1 分单位：周口市 120\/800 · 南阳市 90\/800 → 全省 210\/800（各单位合计）/);
    expect(ny.text).toMatch(/26\.3% · 210\/800/);
    expect(store.events().filter((e) => e.type === 'update').map((e) => (e as { unit?: string }).unit)).toEqual(['zhoukou', 'nanyang']);
    const card = await say('T9', 'web:nan');
    // web:nan wrote Chinese last, so the id-only question is answered in Chinese.
    expect(card.text).toMatch(/T9\.1 .*26\.3% · 210\/800个行政村/);
    // Zhoukou reports again: its own value is replaced, the province still sums.
    await say('/plan update T9 150/800', 'web:zl');
    expect((await say('/plan status T9', 'web:zl')).text).toMatch(/240\/800/);
  });

  it('a rate is the lead unit’s value; a city’s own rate is shown but does not set the province', async () => {
    const { say } = await setUp();
    await say('/plan update T9 T9.2=50%', 'web:zl');
    const before = await say('T9 by city', 'web:zl');
    expect(before.text).toMatch(/Zhoukou: T9\.2 50%/);
    expect(before.text).toMatch(/T9\.2 province: no value yet \(lead unit's value\)/);
    await say('/plan update T9 T9.2=12%', 'web:soil');
    const after = await say('T9 by city', 'web:zl');
    expect(after.text).toMatch(/Soil Division \(lead\): T9\.2 12%/);
    expect(after.text).toMatch(/T9\.2 province: 12% \(lead unit's value\)/);
    expect((await say('T9', 'web:zl')).text).toMatch(/T9\.2 .*12%/);
  });

  it('a qualitative target is met when the lead unit reports it done', async () => {
    const { say, admin } = await setUp();
    await admin('/plan lead T20 土壤处');
    await admin('/plan units T20 +周口');
    await say('/plan update T20 done', 'web:zl');
    expect((await say('is T20 done', 'web:zl')).text).not.toMatch(/Status: done/);
    await say('/plan update T20 done', 'web:soil');
    expect((await say('/plan status T20', 'web:zl')).text).toMatch(/Status: done/);
  });

  it('a member of several units is asked which, and nothing is recorded until they say', async () => {
    const { say, store } = await setUp();
    const n = store.events().length;
    const asked = await say('/plan update T9 120/800', 'web:two');
    expect(asked.error?.id).toBe('update.which-unit');
    expect(asked.text).toMatch(/several units of T9 \(Zhoukou, Nanyang\)|\(Nanyang, Zhoukou\)/);
    expect(asked.text).toMatch(/\/plan update T9 @周口市/);
    expect(store.events()).toHaveLength(n);
    const ok = await say('/plan update T9 @Zhoukou 120/800', 'web:two');
    expect(ok.text).toMatch(/Recorded as the report of Zhoukou/);
  });

  it('admins and the lead unit report for any responsible unit with @unit; a city only for itself', async () => {
    const { say, admin, store } = await setUp();
    expect((await say('/plan update T9 @Nanyang 30/800', 'web:soil')).text).toMatch(/report of Nanyang/);
    expect((await admin('/plan update T9 @Zhoukou 40/800')).text).toMatch(/report of Zhoukou/);
    const refused = await say('/plan update T9 @nanyang 99/800', 'web:zl');
    expect(refused.error?.id).toBe('permission.unit');
    expect(refused.text).toMatch(/Only members of Nanyang, of the lead unit of T9 or admins/);
    const notResponsible = await admin('/plan update T9 @Luoyang 1/800');
    expect(notResponsible.error?.id).toBe('update.unit-not-responsible');
    expect(store.events().filter((e) => e.type === 'update').map((e) => (e as { unit?: string }).unit)).toEqual(['nanyang', 'zhoukou']);
    expect((await say('/plan status T9', 'web:zl')).text).toMatch(/70\/800/);
  });

  it('someone in none of the units, no owner and no admin, may not report; an owner reports for the province', async () => {
    const { say, admin } = await setUp();
    const r = await say('/plan update T9 10/800', 'web:stranger');
    expect(r.error?.id).toBe('permission.update');
    expect(r.text).toMatch(/Only members of the units of T9 \(Soil Division, Zhoukou, Nanyang\)/);
    await admin('/plan assign T9 @web:stranger');
    const owner = await say('/plan update T9 on-track', 'web:stranger');
    expect(owner.error).toBeUndefined();
    expect(owner.text).not.toMatch(/Recorded as the report of/);
  });

  it('a report without a report verb is proposed with its unit, and recorded as that unit’s when confirmed', async () => {
    const { say, store } = await setUp();
    const proposed = await say('T9 @Zhoukou 120/800', 'web:two');
    expect(proposed.text).toMatch(/For unit: Zhoukou/);
    expect(store.events().filter((e) => e.type === 'update')).toHaveLength(0);
    const yes = await say('yes', 'web:two');
    expect(yes.text).toMatch(/report of Zhoukou/);
    expect(store.events().filter((e) => e.type === 'update').map((e) => (e as { unit?: string }).unit)).toEqual(['zhoukou']);
  });

  it('a question never writes, also with a unit', async () => {
    const { say, store } = await setUp();
    const n = store.events().length;
    await say('T9 @周口 120/800?', 'web:zl');
    await say('周口T9完成了吗', 'web:zl');
    expect(store.events()).toHaveLength(n);
  });

  it('the province value feeds attention: 210/800 on 7 June is behind pace', async () => {
    const { say } = await setUp();
    await say('/plan update T9 120/800', 'web:zl');
    await say('/plan update T9 90/800', 'web:nan');
    const r = await say('what needs attention', 'web:zl');
    expect(r.text).toMatch(/T9 .*T9\.1 behind pace \(26\.3% done/);
  });
});

describe('history and undo of unit reports', () => {
  it('history says whose report it was; undo takes the unit’s value out of the province total', async () => {
    const { say } = await setUp();
    await say('/plan update T9 120/800', 'web:zl');
    await say('/plan update T9 90/800', 'web:nan');
    expect((await say('/plan history T9', 'web:zl')).text).toMatch(/nan for Nanyang · T9\.1 90\/800 villages[\s\S]*zl for Zhoukou · T9\.1 120\/800/);
    await say('/plan undo', 'web:nan');
    expect((await say('/plan status T9', 'web:zl')).text).toMatch(/120\/800/);
    expect((await say('/plan status T9', 'web:zl')).text).not.toMatch(/210\/800/);
  });
});

describe('items without units behave as before', () => {
  it('an owner’s report on T11 is the item’s, and @unit is refused there', async () => {
    const { say, admin } = await setUp();
    await admin('/plan assign T11 @web:zl');
    const r = await say('/plan update T11 on-track 70%', 'web:zl');
    expect(r.error).toBeUndefined();
    expect(r.text).not.toMatch(/Recorded as the report of/);
    const refused = await say('/plan update T11 @周口 70%', 'web:zl');
    expect(refused.error?.id).toBe('update.item-has-no-units');
    expect(refused.text).toMatch(/\/plan units T11 \+周口市/);
  });
});

describe('unit questions, in both languages', () => {
  it('周口负责哪些任务 / what is Zhoukou responsible for', async () => {
    const { say, admin } = await setUp();
    await admin('/plan lead T20 周口');
    const zh = await say('周口负责哪些任务', 'web:zl');
    expect(zh.intent).toBe('unit-tasks');
    expect(zh.text).toMatch(/周口市：2项任务/);
    expect(zh.text).toMatch(/牵头：\n• T20 /);
    expect(zh.text).toMatch(/负责：\n• T9 /);
    const en = await say('what is Zhoukou responsible for', 'web:zl');
    expect(en.intent).toBe('unit-tasks');
    expect(en.text).toMatch(/Zhoukou: 2 items/);
    expect((await say('周口市负责什么？', 'web:zl')).intent).toBe('unit-tasks');
    // a person is not a unit: the owner list still answers
    expect((await say('bob负责的任务', 'web:zl')).intent).toBe('list-items');
  });

  it('各地市T9进度 / T9 by city', async () => {
    const { say } = await setUp();
    await say('/plan update T9 120/800', 'web:zl');
    const zh = await say('各地市T9进度', 'web:zl');
    expect(zh.intent).toBe('item-by-unit');
    expect(zh.text).toMatch(/周口市: T9\.1 120\/800/);
    expect(zh.text).toMatch(/南阳市: 尚未报告/);
    expect(zh.text).toMatch(/T9\.1 全省：120\/800（各单位合计）/);
    const en = await say('T9 by city', 'web:zl');
    expect(en.intent).toBe('item-by-unit');
    expect(en.text).toMatch(/Nanyang: no report yet/);
    expect((await say('T11 by city', 'web:zl')).text).toMatch(/no lead or responsible units yet/);
  });

  it('tasks with no lead unit / 哪些任务没有牵头单位', async () => {
    const { say } = await setUp();
    const en = await say('tasks with no lead unit', 'web:zl');
    expect(en.intent).toBe('no-lead-unit');
    expect(en.text).toMatch(/^39 tasks have no lead unit/);
    expect(en.text).not.toMatch(/• T9 /);
    const zh = await say('哪些任务没有牵头单位', 'web:zl');
    expect(zh.intent).toBe('no-lead-unit');
    expect(zh.text).toMatch(/39项任务没有牵头单位/);
  });
});
