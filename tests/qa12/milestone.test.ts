import { describe, expect, it } from 'vitest';
import { cityScenario } from './setup.js';

describe('setting a milestone on an item with units', () => {
  it('judges the light on the province total of the two cities, as the card does', async () => {
    const { say, admin } = await cityScenario();
    await say('更新 T9 160/800', 'console:zl');
    await say('更新 T9 90/800', 'console:ny');
    const r = await admin('/plan milestone T9.1 2021-06-30 400');
    expect(r.error, r.text).toBeUndefined();
    // The admin wrote Chinese last, so this id-only command is answered in Chinese.
    expect(r.text).toMatch(/灯号：🟡 黄灯 — T9\.1 落后于时序进度（完成31\.3%/);
    expect((await say('what is T9', 'console:analyst')).text).toMatch(/Light: 🟡 yellow — T9\.1 behind pace \(31\.3% done/);
  });
});

describe('a milestone beyond the target', () => {
  it('"/plan milestone T9.1 June 30 900" (the target is 800) is refused with the target, nothing recorded', async () => {
    const { admin, store } = await cityScenario();
    const before = store.events().length;
    const r = await admin('/plan milestone T9.1 June 30 900');
    expect(r.error?.id).toBe('milestone.beyond-target');
    expect(r.text).toMatch(/900 is more than the target of T9\.1 \(800 villages by the end of 2021\)/);
    expect(store.events().length).toBe(before);
    expect((await admin('/plan 节点 T9.2 9月底 12%')).text).toMatch(/12%超过 T9\.2 的目标（10%，2021年底前）/);
  });
});
