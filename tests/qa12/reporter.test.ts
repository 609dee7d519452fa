import { describe, expect, it } from 'vitest';
import { cityScenario } from './setup.js';

describe('a city reporter names the task in Chinese words', () => {
  it('"汇报 任务九 150/800" and "更新 任務九 …" are reports on T9 for the reporter’s unit', async () => {
    const { say } = await cityScenario();
    const r = await say('汇报 任务九 150/800', 'console:zl');
    expect(r.error, r.text).toBeUndefined();
    expect(r.text).toMatch(/已记为周口市的报告/);
    expect(r.text).toMatch(/周口市 150\/800/);
    const trad = await say('更新 任務九 170/800', 'console:zl');
    expect(trad.text).toMatch(/周口市 170\/800/);
  });
});

describe('a value for one target written as the milestone command writes it ("T9.2 6%")', () => {
  it('is progress on that target, not a note; the rate is the lead unit’s value, a city’s own value is shown beside it', async () => {
    const { say, admin } = await cityScenario();
    const lead = await admin('/plan update T9 @soil-division T9.2 6%');
    expect(lead.error, lead.text).toBeUndefined();
    expect(lead.text).toMatch(/T9\.2 by unit: Soil Division 6% → province 6%/);
    expect(lead.text).not.toMatch(/note:/);
    const city = await say('更新 T9 T9.2 8%', 'console:zl');
    expect(city.error, city.text).toBeUndefined();
    expect(city.text).toMatch(/已记为周口市的报告/);
    expect(city.text).toMatch(/T9\.2 分单位：土壤生态环境处 6% · 周口市 8% → 全省 6%/);
  });
});

describe('a mistyped value in a report', () => {
  it('"更新 T9 12o/800" (a letter o for a zero) is refused with how to write it, not answered with the item card', async () => {
    const { say, store } = await cityScenario();
    const before = store.events().length;
    const r = await say('更新 T9 12o/800', 'console:zl');
    expect(r.error?.id).toBe('progress.unreadable');
    expect(r.text).toMatch(/无法识别进度“12o\/800”。请写成 430\/800/);
    expect(store.events().length).toBe(before);
  });
});

describe('a reporter asks which unit they belong to', () => {
  it.each([
    ['which unit am I in', 'console:zl', /You belong to Zhoukou\. Your reports on its items count for it: T9\./],
    ['我属于哪个单位', 'console:zl', /您属于周口市。您对其事项的报告记在该单位名下：T9。/],
    ['我屬於哪個單位？', 'console:both', /您属于南阳市、周口市。/],
    ['what are my units', 'console:stranger', /You belong to no unit yet\. An admin adds you with \/plan member @console:stranger 周口/],
  ])('%s (%s)', async (question, user, answer) => {
    const { say, store } = await cityScenario();
    const before = store.events().length;
    const r = await say(question, user);
    expect(r.text).toMatch(answer);
    expect(store.events().length).toBe(before);
  });
});

describe('a city reports done on an item whose lead unit has not', () => {
  it('the reply says the item as a whole is not done yet, and why', async () => {
    const { say, admin } = await cityScenario();
    await admin('/plan lead T20 土壤处');
    await admin('/plan units T20 +周口');
    const r = await say('更新 T20 已完成', 'console:zl');
    expect(r.text).toMatch(/已更新 T20 加强生态环保执法管理：已完成；整项状态：正常推进（牵头单位报告完成后才算完成）/);
    const en = await say('update T20 done', 'console:zl');
    expect(en.text).toMatch(/Updated T20 .*: done; the item as a whole: on track \(only the lead unit's done makes it done\)/);
  });
});
