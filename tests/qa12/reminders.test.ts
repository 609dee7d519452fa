import { describe, expect, it } from 'vitest';
import { freshDb, runCli } from '../support/run-cli.js';

/** T9 led by the Soil Division (no members) with Zhoukou (zl) and Nanyang (ny) responsible, set up through the console. */
async function setUp() {
  const db = freshDb();
  const env = { PLANBOT_DB: db, PLANBOT_ADMINS: 'admin', LOG_LEVEL: 'silent' };
  const cli = (argv: string[], stdin: string[] = []) => runCli(argv, { env, stdin });
  const setup = await cli(['chat', '--json', '--user', 'admin', '--now', '2021-06-01T10:00:00+08:00'], ['/plan member @zl 周口', '/plan member @ny 南阳', '/plan lead T9 土壤处', '/plan units T9 +周口 +南阳']);
  expect(setup.stdout.trim().split('\n').map((l) => JSON.parse(l).ok)).toEqual([true, true, true, true]);
  return cli;
}

describe('plan-bot remind --due when a unit that owes a report has nobody to remind', () => {
  it('says which unit owes what and how to add a member, instead of "everyone responsible has reported"', async () => {
    const cli = await setUp();
    await cli(['chat', '--user', 'zl', '--now', '2021-06-07T10:00:00+08:00'], ['更新 T9 120/800']);
    await cli(['chat', '--user', 'ny', '--now', '2021-06-07T11:00:00+08:00'], ['更新 T9 90/800']);
    const text = await cli(['remind', '--due', '--now', '2021-06-10T09:30:00+08:00']);
    expect(text.stdout).not.toMatch(/everyone responsible has reported/);
    expect(text.stdout).toMatch(/Soil Division owes T9 but has no members to remind: an admin adds one with \/plan member @NAME 土壤生态环境处/);
    const json = JSON.parse((await cli(['remind', '--due', '--json', '--now', '2021-06-10T09:40:00+08:00'])).stdout);
    expect(json.sent).toEqual([]);
    expect(json.unreachable).toEqual([{ target: 'soil-division', items: ['T9'] }]);
  });
});

describe('plan-bot show --json carries the light of each unit, as the item card shows it', () => {
  it('units.lights agrees with the card’s "Lights by unit" and the province counts sum', async () => {
    const cli = await setUp();
    await cli(['chat', '--user', 'zl', '--now', '2021-06-07T10:00:00+08:00'], ['更新 T9 380/800']);
    await cli(['chat', '--user', 'ny', '--now', '2021-06-07T11:00:00+08:00'], ['更新 T9 90/800']);
    const now = '2021-07-02T10:00:00+08:00';
    await cli(['chat', '--user', 'admin', '--now', '2021-06-08T10:00:00+08:00'], ['/plan milestone T9.1 2021-06-30 400']);
    const show = JSON.parse((await cli(['show', 'T9', '--json', '--now', now])).stdout);
    expect(show.progress).toEqual([expect.objectContaining({ indicatorId: 'T9.1', value: 470, target: 800 })]);
    expect(show.units.lights).toEqual({ 'soil-division': 'red', zhoukou: 'red', nanyang: 'red' });
    const card = (await cli(['chat', '--user', 'analyst', '--now', now], ['what is T9'])).stdout;
    expect(card).toMatch(/Lights by unit: Soil Division 🔴 red · Zhoukou 🔴 red · Nanyang 🔴 red/);
    expect(card).toMatch(/Zhoukou 380\/800 · Nanyang 90\/800 → province 470\/800/);
  });
});

describe('a member of two units that both owe a report', () => {
  it('gets one reminder naming both units (with the @unit to report as), and nothing the second time', async () => {
    const cli = await setUp();
    await cli(['chat', '--user', 'admin', '--now', '2021-06-01T10:05:00+08:00'], ['/plan member @both 周口 南阳', '/plan member @soil 土壤处']);
    const first = await cli(['remind', '--due', '--json', '--now', '2021-06-17T09:30:00+08:00']);
    const r = JSON.parse(first.stdout);
    expect(r.kind).toBe('eve');
    const toBoth = r.sent.filter((s: { user: string }) => s.user === 'console:both');
    expect(toBoth.map((s: { target: string }) => s.target)).toEqual(['zhoukou', 'nanyang']);
    expect(new Set(toBoth.map((s: { text: string }) => s.text)).size).toBe(1);
    expect(toBoth[0].text).toMatch(/周口市本周期[\s\S]*南阳市本周期/);
    expect(toBoth[0].text).toMatch(/\/plan update T9 @Zhoukou …[\s\S]*\/plan update T9 @Nanyang …/);
    const printed = await cli(['remind', '--due', '--now', '2021-06-18T09:30:00+08:00']);
    expect(printed.stdout.match(/Reminder for console:both:/g)).toHaveLength(1);
    expect(printed.stdout).toMatch(/to: console:soil, console:zl, console:both, console:ny\.$/m);
    const again = JSON.parse((await cli(['remind', '--due', '--json', '--now', '2021-06-18T10:30:00+08:00'])).stdout);
    expect(again.sent).toEqual([]);
    expect(again.alreadySent).toEqual(['console:soil', 'console:zl', 'console:both', 'console:ny']);
  });
});

describe('plan-bot history names the unit a report was for', () => {
  it('"zl for Zhoukou", as the chat’s history shows it, not the unit id', async () => {
    const cli = await setUp();
    await cli(['chat', '--user', 'zl', '--now', '2021-06-07T10:00:00+08:00'], ['更新 T9 120/800']);
    const out = (await cli(['history', 'T9'])).stdout;
    expect(out).toMatch(/2021-06-07 10:00 zl for Zhoukou · T9\.1 120\/800 villages/);
  });
});

describe('the digest’s change since the week before reads the rolled-up status', () => {
  it('a city reporting at risk after its lead unit reported on track changes nothing in a quiet week', async () => {
    const cli = await setUp();
    await cli(['chat', '--user', 'admin', '--now', '2021-06-08T10:00:00+08:00'], ['/plan update T9 @soil-division on track']);
    await cli(['chat', '--user', 'ny', '--now', '2021-06-09T10:00:00+08:00'], ['更新 T9 有风险 90/800']);
    const out = (await cli(['digest', '--now', '2021-06-21T09:00:00+08:00'])).stdout;
    expect(out).toMatch(/46 items \(change since the week before\): 45 not started \(±0\) · 1 on track \(±0\) · 0 at risk \(±0\)/);
  });
});
