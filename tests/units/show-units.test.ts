import { describe, expect, it } from 'vitest';
import { freshDb, runCli } from '../support/run-cli.js';

describe('plan-bot show --json with units', () => {
  it('carries the lead and responsible units, the province value of each indicator and the value of each unit', async () => {
    const db = freshDb();
    const cli = (argv: string[], stdin: string[] = []) => runCli(argv, { env: { PLANBOT_DB: db }, stdin });
    const now = ['--now', '2021-06-07T09:00:00+08:00'];
    const admin = await cli(['chat', '--json', '--user', 'admin', ...now], [
      '/plan member @web:zl 周口',
      '/plan member @web:nan 南阳',
      '/plan lead T9 土壤处',
      '/plan units T9 +周口 +南阳',
      '/plan update T9 @周口 120/800',
      '/plan update T9 @南阳 90/800 at-risk',
      '/plan update T9 @土壤处 T9.2=12%',
    ]);
    expect(admin.stdout.split('\n').map((l) => JSON.parse(l).ok)).toEqual([true, true, true, true, true, true, true]);

    const show = JSON.parse((await cli(['show', 'T9', '--json'])).stdout);
    expect(show.status).toBe('at-risk');
    expect(show.progress).toEqual(
      expect.arrayContaining([
        { indicatorId: 'T9.1', value: 210, target: 800, unit: '个' },
        { indicatorId: 'T9.2', value: 12, target: null, unit: '%' },
      ]),
    );
    expect(show.units).toMatchObject({
      lead: 'soil-division',
      responsible: ['zhoukou', 'nanyang'],
      indicators: [
        {
          id: 'T9.1',
          rollup: 'sum',
          province: { indicatorId: 'T9.1', value: 210, target: 800, unit: '个' },
          units: { 'soil-division': null, zhoukou: { value: 120, target: 800 }, nanyang: { value: 90, target: 800 } },
        },
        { id: 'T9.2', rollup: 'lead', province: { value: 12, unit: '%' }, units: { 'soil-division': { value: 12 }, zhoukou: null, nanyang: null } },
      ],
    });
    expect(show.units.reports.nanyang).toMatchObject({ status: 'at-risk', user: 'console:admin' });

    const text = (await cli(['show', 'T9'])).stdout;
    expect(text).toMatch(/Lead unit \/ 牵头单位: 土壤生态环境处/);
    expect(text).toMatch(/T9\.1 \(sum\): 周口市 120\/800 · 南阳市 90\/800 → 210\/800/);
  });

  it('an item without units has no units field', async () => {
    const show = JSON.parse((await runCli(['show', 'T11', '--json'])).stdout);
    expect(show.units).toBeUndefined();
  });
});

describe('plan-bot digest with units', () => {
  it('reads the province value and says whose report each update was', async () => {
    const db = freshDb();
    const cli = (argv: string[], stdin: string[] = []) => runCli(argv, { env: { PLANBOT_DB: db }, stdin });
    await cli(['chat', '--user', 'admin', '--now', '2021-06-08T09:00:00+08:00'], [
      '/plan member @web:zl 周口',
      '/plan member @web:nan 南阳',
      '/plan lead T9 土壤处',
      '/plan units T9 +周口 +南阳',
    ]);
    await cli(['chat', '--user', 'zl', '--now', '2021-06-08T10:00:00+08:00'], ['/plan update T9 @周口 120/800']);
    await cli(['chat', '--user', 'nan', '--now', '2021-06-08T11:00:00+08:00'], ['/plan update T9 @南阳 90/800']);
    const digest = await cli(['digest', '--now', '2021-06-14T09:00:00+08:00']);
    expect(digest.code).toBe(0);
    expect(digest.stdout).toMatch(/T9\.1 [^\n]*210\/800/);
    expect(digest.stdout).toMatch(/T9\.1 Administrative villages [^\n]*26\.3% · 210\/800 villages · behind pace/);
    expect(digest.stdout).toMatch(/06-08 10:00 zl \(Zhoukou\): T9\.1 15% · 120\/800 villages\n {2}– 06-08 11:00 nan \(Nanyang\): T9\.1 11\.3% · 90\/800 villages/);
    expect(digest.stdout).toMatch(/zl（周口市）：T9\.1 15%/);
    expect(digest.stdout).toMatch(/T9 Soil pollution prevention action — 🟡 T9\.1 behind pace \(26\.3% done/);
  });
});
