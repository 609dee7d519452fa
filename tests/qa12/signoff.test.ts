import { describe, expect, it } from 'vitest';
import { cityScenario } from './setup.js';

describe('sign-off reads the item as the units roll it up', () => {
  it('a city reporting done does not make T9 signable while its lead unit has not; the refusal names the lead unit', async () => {
    const { say, admin, store } = await cityScenario();
    expect((await say('更新 T9 已完成', 'console:zl')).text).toMatch(/已记为周口市的报告/);
    const before = store.events().length;
    const r = await admin('/plan signoff T9');
    expect(r.error?.id).toBe('signoff.not-done');
    // The admin wrote Chinese last, so this id-only command is answered in Chinese.
    expect(r.text).toMatch(/T9 尚未报告完成（当前：正常推进）/);
    expect(r.text).toMatch(/请牵头单位土壤生态环境处先报告完成：\/plan 更新 T9 @土壤生态环境处 已完成/);
    expect(store.events().length).toBe(before);
  });

  it('the lead unit’s done makes it signable even when a city reported after it; sign-off asks first, leaves the lists, reopen restores', async () => {
    const { say, admin } = await cityScenario();
    expect((await admin('/plan update T9 @soil-division done')).error).toBeUndefined();
    expect((await say('更新 T9 正常推进 300/800', 'console:zl')).error).toBeUndefined();
    const asked = await admin('/plan signoff T9');
    expect(asked.error, asked.text).toBeUndefined();
    expect(asked.text).toMatch(/Nothing is recorded yet/);
    expect((await admin('yes')).text).toMatch(/Signed off T9/);
    expect((await say('needs attention', 'console:analyst')).text).not.toMatch(/• T9 /);
    expect((await admin('/plan reopen T9')).text).toMatch(/Reopened T9/);
  });
});
