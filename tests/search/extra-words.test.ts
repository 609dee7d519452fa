import { describe, expect, it } from 'vitest';
import { makeBot, say } from '../support/make-bot.js';

describe('extra words of a question do not push a valid question under the floor', () => {
  it.each([
    ['how many times a year do we have to review ideological risk', 'T34', '4'],
    ['roughly how many villages are we supposed to clean up this year in total', 'T9', null],
  ])('%s → %s', async (q, id, number) => {
    const r = await say(makeBot(), q, 'web:alice');
    expect(r.matches[0]?.id).toBe(id);
    if (number) expect(r.text.split('\n')[0]).toContain(number);
  });

  it('"臭氧有没有具体指标" is O1, which sets no number for ozone', async () => {
    const r = await say(makeBot(), '臭氧有没有具体指标', 'console:wang');
    expect(r.matches[0]?.id).toBe('O1');
    expect(r.text).toContain('计划没有为此设定具体数值');
  });

  it('"量化"/"quantified" name no plan content: 地下水有没有量化目标 is O3', async () => {
    expect((await say(makeBot(), '地下水有没有量化目标', 'console:wang')).matches[0]?.id).toBe('O3');
  });

  it('a deadline cue in Traditional characters gets the deadline: 統一着裝什麼時候落實', async () => {
    const r = await say(makeBot(), '統一着裝什麼時候落實', 'console:wang');
    expect(r.matches[0]?.id).toBe('T20');
    expect(r.text).toContain('2021年底');
  });
});
