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
