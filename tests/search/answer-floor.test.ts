import { describe, expect, it } from 'vitest';
import { makeBot, say } from '../support/make-bot.js';

describe('the out-of-scope floor does not depend on extra words; numbers, deadlines and unquantified targets', () => {
  it('a plausible question padded with extra words is answered, and says how sure the bot is', async () => {
    const r = await say(makeBot(), 'hey, what are we supposed to be doing about the hotline people call to report pollution?', 'web:alice');
    expect(r.matches[0]?.id).toBe('T21');
    expect(r.text).toContain('Not sure');
  });

  it('a question with no plan concept is still "nothing in the plan matches"', async () => {
    for (const q of ['how much does a Tesla Model 3 cost', 'who is the manager of Real Madrid', '帮我订一张去上海的机票']) {
      const r = await say(makeBot(), q, 'web:alice');
      expect(r.matches, q).toEqual([]);
    }
  });

  it('a target the plan does not quantify says so and quotes what the plan says', async () => {
    const en = await say(makeBot(), 'what is the PM2.5 concentration target for 2021?', 'web:alice');
    expect(en.matches[0]?.id).toBe('O1');
    expect(en.text).toContain('The plan sets no number for this');
    const zh = await say(makeBot(), '臭氧浓度今年要降到多少', 'web:alice');
    expect(zh.matches[0]?.id).toBe('O1');
    expect(zh.text).toContain('计划没有为此设定具体数值');
    // Among items scoring about the same, a target question is the objective's (T1 mentions targets too).
    const year = await say(makeBot(), 'air quality target for 2021', 'web:alice');
    expect(year.matches[0]?.id).toBe('O1');
    expect(year.text).toContain('complete the annual targets');
  });

  it('a deadline question states the plan-year default when the text names no other date', async () => {
    const r = await say(makeBot(), 'when is T24 due?', 'web:alice');
    expect(r.matches[0]?.id).toBe('T24');
    expect(r.text).toContain('end of 2021');
  });

  it('Traditional Chinese reads as Simplified in search', async () => {
    expect((await say(makeBot(), '醫療廢物收集轉運', 'web:alice')).matches[0]?.id).toBe('T26');
  });
});
