import { describe, expect, it } from 'vitest';
import { makeBot, say } from '../support/make-bot.js';

describe('"the plan" in a question is the plan being asked, not the plans it names', () => {
  it('"what number does the plan set for air quality in 2021" is O1 (said unquantified), not T1 the five-year plan', async () => {
    const r = await say(makeBot(), 'what number does the plan set for air quality in 2021', 'web:alice');
    expect(r.matches[0]?.id).toBe('O1');
    expect(r.text).toContain('The plan sets no number for this');
  });

  it('the five-year plan is still T1', async () => {
    const bot = makeBot();
    expect((await say(bot, 'the 14th five-year plan', 'web:alice')).matches[0]?.id).toBe('T1');
    expect((await say(bot, 'who drafts the plan for the 14th five year period', 'web:alice')).matches[0]?.id).toBe('T1');
  });

  it('"our plan for X" is what we plan to do (a task), not the plan itself', async () => {
    expect((await say(makeBot(), "what's our plan for VOCs and NOx this year please", 'web:alice')).matches[0]?.id).toBe('T7');
  });
});
