import { describe, expect, it } from 'vitest';
import { cityScenario } from './setup.js';

describe('the unit questions in Traditional characters', () => {
  it.each([
    ['周口負責哪些任務', /周口市：1项任务/],
    ['周口市負責什麼', /周口市：1项任务/],
    ['哪些任務沒有牽頭單位', /39项任务没有牵头单位/],
    ['T9各單位進度', /T9 土壤污染防治行动 各单位进度/],
    ['哪些單位還沒報送', /未报送/],
    ['哪些任務亮紅燈', /亮红灯/],
  ])('%s is answered as its Simplified form, and writes nothing', async (question, answer) => {
    const { say, store } = await cityScenario();
    const before = store.events().length;
    const r = await say(question, 'console:analyst');
    expect(r.text).toMatch(answer);
    expect(store.events().length).toBe(before);
  });
});

describe('counts in unit answers', () => {
  it('one item is "1 item", not "1 items"', async () => {
    const { say } = await cityScenario();
    const r = await say('what is Zhoukou responsible for', 'console:analyst');
    expect(r.text).toMatch(/^Zhoukou: 1 item$/m);
  });
});

describe('"who hasn’t reported" as people type it', () => {
  it.each(['who hasnt reported this week', 'who hasn’t reported this week', 'which units didnt report this week', '这周谁还没报送', '本周谁没有报送？'])('%s lists the units that have not reported, and writes nothing', async (question) => {
    const { say, store } = await cityScenario();
    const before = store.events().length;
    const r = await say(question, 'console:analyst');
    expect(r.text).toMatch(/Not reported by|未报送/);
    expect(r.text).toMatch(/Soil Division: T9|土壤生态环境处：T9/);
    expect(store.events().length).toBe(before);
  });
});

describe('a city’s done does not close the item for the other units', () => {
  it('after Zhoukou reports T9 done, the Soil Division and Nanyang still owe this cycle’s report', async () => {
    const { say } = await cityScenario();
    expect((await say('更新 T9 已完成', 'console:zl')).text).toMatch(/已记为周口市的报告/);
    const r = await say("who hasn't reported this week", 'console:analyst');
    expect(r.text).toMatch(/Soil Division: T9/);
    expect(r.text).toMatch(/Nanyang: T9/);
    expect(r.text).not.toMatch(/Zhoukou: T9/);
  });
});

describe('one of a counted thing is singular', () => {
  it('T34’s first quarterly milestone reads "1 analysis", not "1 analyses"', async () => {
    const { say } = await cityScenario();
    const r = await say('which tasks are red', 'console:analyst');
    expect(r.text).toMatch(/T34\.1 milestone 2021-03-31 missed \(1 analysis by then; nothing reported\)/);
  });
});
