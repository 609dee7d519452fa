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
