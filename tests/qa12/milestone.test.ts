import { describe, expect, it } from 'vitest';
import { cityScenario } from './setup.js';

describe('setting a milestone on an item with units', () => {
  it('judges the light on the province total of the two cities, as the card does', async () => {
    const { say, admin } = await cityScenario();
    await say('更新 T9 160/800', 'console:zl');
    await say('更新 T9 90/800', 'console:ny');
    const r = await admin('/plan milestone T9.1 2021-06-30 400');
    expect(r.error, r.text).toBeUndefined();
    expect(r.text).toMatch(/Light: 🟡 yellow — T9\.1 behind pace \(31\.3% done/);
    expect((await say('what is T9', 'console:analyst')).text).toMatch(/Light: 🟡 yellow — T9\.1 behind pace \(31\.3% done/);
  });
});
