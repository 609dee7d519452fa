import { beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText, reply, type Reply, type ReplyBlock } from '../../src/core/reply.js';
import type { MessageLimits } from '../../src/digest/limits.js';
import { NO_FILTERS, type DigestAudience, type DigestFilters } from '../../src/digest/subscriptions.js';
import { buildWeeklyDigest, type DigestInput } from '../../src/digest/weekly-digest.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import type { NewEvent, PlanEvent } from '../../src/store/events.js';
import { assign, fakePlan, logOf, update } from './fixtures.js';
import { SCRIPTED_NOW, scriptedStore } from './scripted-week.js';

const TZ = 'Asia/Shanghai';
let plan: Plan;
let events: readonly PlanEvent[];

beforeAll(async () => {
  plan = await loadPlan();
  events = (await scriptedStore()).events();
});

function digest(o: { filters?: Partial<DigestFilters>; lang?: DigestAudience['lang']; input?: Partial<DigestInput> } = {}) {
  return buildWeeklyDigest({
    plan,
    events,
    audience: { filters: { ...NO_FILTERS, ...o.filters }, lang: o.lang ?? 'en' },
    now: SCRIPTED_NOW,
    timeZone: TZ,
    ...o.input,
  });
}

const text = (r: Reply) => renderPlainText(r);

describe('golden rendering of a scripted week', () => {
  it('matches the golden file in both languages', async () => {
    await expect(text(digest({ lang: 'both' }).reply)).toMatchFileSnapshot('./golden/henan-2021-week-2021-12-06.both.txt');
  });
});

describe('the week and its content', () => {
  it('covers the last complete Monday–Sunday week in the time zone', () => {
    const d = digest();
    expect(d.week).toEqual({ start: '2021-12-06T00:00:00+08:00', end: '2021-12-12T23:59:59+08:00' });
    expect(d.weekKey).toBe('2021-12-06');
  });

  it('counts by status with the change since the week before', () => {
    const d = digest();
    expect(d.stats.counts).toEqual({ 'not-started': 36, 'on-track': 6, 'at-risk': 1, 'off-track': 1, done: 2 });
    expect(d.stats.previousCounts).toEqual({ 'not-started': 42, 'on-track': 3, 'at-risk': 1, 'off-track': 0, done: 0 });
    expect(text(d.reply)).toContain('46 items (change since the week before): 36 not started (−6) · 6 on track (+3) · 1 at risk (±0) · 1 off track (+1) · 2 done (+2)');
  });

  it('includes Sunday 23:59:30 local, leaves out Monday 00:00 and undone updates', () => {
    const out = text(digest().reply);
    expect(out).toContain('12-12 23:59 wang: done · “Plan published”');
    expect(out).not.toContain('T2 ');
    expect(out).not.toContain('Posted to the wrong item');
  });

  it('shows each indicator as a bar with numbers and its pace against the share of time gone', () => {
    const out = text(digest().reply);
    expect(out).toContain('T9.1 Administrative villages with completed environmental rectification ▓▓▓▓▓▓▓▓░░ 80% · 640/800 villages · behind pace (94.8% of the time gone)');
    expect(out).toContain('T30.1 Coverage of remote monitoring of enterprises on the emergency control list ▓▓▓▓▓▓▓▓▓▓ 100% · 100% / 100% · target reached');
    expect(out).toContain('0.4/1.5 accidents per 10,000 sources a year · within the limit');
  });

  it('says "on pace" when the share achieved is at least the share of time gone (half the time, half the task)', () => {
    const log = logOf([update({ itemId: 'T9', at: '2021-06-08T02:00:00Z', progress: [{ indicatorId: 'T9.1', value: 420, target: null, unit: null }] })]);
    const out = text(digest({ input: { events: log, now: new Date('2021-06-14T09:00:00+08:00') } }).reply);
    expect(out).toContain('▓▓▓▓▓░░░░░ 52.5% · 420/800 villages · on pace (44.9% of the time gone)');
  });

  it('lists every item that needs attention, worst first: off track, at risk, behind pace, then stale with owners mentioned', () => {
    const d = digest();
    const out = text(d.reply);
    expect(out).toContain(
      [
        'Needs attention (7)',
        '• T24 Hazardous waste, tailings and chemicals control — 🔴 off track · owners: zhao · “Two hazardous-waste disposal sites are behind schedule”',
        '• T7 PM2.5 and ozone co-control — 🟡 at risk · owners: zhang · “安阳、鹤壁臭氧超标天数增加”',
        '• O3 Soil and groundwater targets — 🟡 O3.3 behind pace (93.9% done, 94.8% of the time gone) · owners: chen',
        '• T9 Soil pollution prevention action — 🟡 T9.1 behind pace (80% done, 94.8% of the time gone); T9.2 behind pace (70% done, 94.8% of the time gone) · owners: li',
        '• T34 Party building responsibilities — 🟡 T34.1 behind pace (75% done, 94.8% of the time gone) · “Q3 analysis submitted”',
        '• T33 Strengthening political building — no update in the 342 days since assignment (2021-01-04) · @sun',
        '• T12 Enhancing Yellow River ecological functions — no update for 53 days (last update 2021-10-20) · @wang slack:U042 · “Wetland restoration plan approved”',
      ].join('\n'),
    );
    expect(d.stats).toMatchObject({ attention: 7, atRisk: 2, stale: 2 });
    expect(d.mentions.sort()).toEqual(['slack:U042', 'web:sun', 'web:wang']);
    expect(out).toContain('Due in the next 30 days (10)');
    expect(out).not.toMatch(/• T30\.1 .*due in/);
  });

  it('counts staleness from the later of the last update and the last assignment', async () => {
    // T12 was last updated on 20 October; reassigned on 10 December, it is no longer stale on the 12th.
    const store = await scriptedStore();
    await store.append(assign({ itemId: 'T12', owner: 'web:zhou', user: 'web:admin', at: '2021-12-10T02:00:00Z' }));
    const out = text(digest({ input: { events: store.events() } }).reply);
    // T12 still owes this cycle's report (未报送), so look at the attention section only.
    expect(out.split('Needs attention')[1]!.split('Due in the next')[0]).not.toContain('• T12 ');
    expect(out).toContain('Needs attention (6)');
  });

  it('honours the stale and deadline windows given as options', () => {
    const d = digest({ input: { options: { staleDays: 60, deadlineDays: 10 } } });
    expect(d.stats.stale).toBe(1); // only T33, assigned on 4 January and never updated
    expect(d.stats.deadlines).toBe(0);
    expect(text(d.reply)).toContain('Nothing falls due in the next 10 days.');
  });
});

describe('filters', () => {
  const ids = (r: Reply) => [...new Set(r.blocks.flatMap((b) => (b.type === 'list' ? b.items.map((i) => i.id.split('.')[0]) : [])))].sort();

  it('by group: only the tasks of G3', () => {
    const d = digest({ filters: { group: 'G3' } });
    expect(d.stats.items).toBe(3);
    expect(ids(d.reply)).toEqual(['T7', 'T9']);
    expect(text(d.reply)).toContain('group G3');
  });

  it('by owner, by the one same-user rule (web names in any case)', () => {
    for (const owner of ['web:li', 'web:LI']) {
      const d = digest({ filters: { owner } });
      expect(d.stats.items).toBe(2);
      expect(ids(d.reply)).toEqual(['T30', 'T9']);
    }
  });

  it('"at risk" takes everything it names: at risk, off track, behind pace or overdue, and says so', () => {
    const d = digest({ filters: { status: 'at-risk' } });
    expect(ids(d.reply)).toEqual(['O3', 'T24', 'T34', 'T7', 'T9']);
    expect(d.stats.items).toBe(5);
    const out = text(d.reply);
    expect(out).toContain('at risk, off track, behind pace or overdue · in English');
    expect(out).toContain('• T24 Hazardous waste, tailings and chemicals control — 🔴 off track');
    expect(out).not.toContain('Nothing needs attention');
  });

  it('"off track" takes items off track, behind pace or overdue, not those only at risk', () => {
    const d = digest({ filters: { status: 'off-track' } });
    expect(ids(d.reply)).toEqual(['O3', 'T24', 'T34', 'T9']);
    expect(text(d.reply)).toContain('off track, behind pace or overdue · in English');
  });

  it('other statuses are the status itself', () => {
    const d = digest({ filters: { status: 'done' } });
    expect(d.stats.items).toBe(2);
    expect(text(d.reply)).toContain('Nothing needs attention: no item is at risk, off track, behind pace, overdue or without an update for more than 14 days.');
  });
});

describe('languages', () => {
  it('writes Chinese', () => {
    const out = text(digest({ lang: 'zh' }).reply);
    expect(out).toContain('工作周报：2021-12-06 至 2021-12-12');
    expect(out).toContain('共46项（括号内为较上周变化）：未开始36项（−6），正常推进6项（+3）');
    expect(out).toContain('▓▓▓▓▓▓▓▓░░ 80% · 640/800个行政村 · 落后于时序进度（时间过去94.8%）');
    expect(out).not.toContain('Weekly digest');
  });

  it('writes both: Chinese first, then English, in one reply', () => {
    const d = digest({ lang: 'both' });
    const out = text(d.reply);
    expect(d.reply.lang).toBe('zh');
    expect(out.indexOf('工作周报')).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('工作周报')).toBeLessThan(out.indexOf('Weekly digest'));
    expect(d.reply.blocks.length).toBeLessThanOrEqual(50);
  });
});

describe('platform limits', () => {
  const big = fakePlan(300);
  const week: NewEvent[] = [];
  for (let n = 1; n <= 300; n++) {
    week.push(assign({ planId: big.id, itemId: `T${n}`, owner: `web:owner${n % 17}` }));
    if (n % 3 !== 0) {
      week.push(
        update({
          planId: big.id,
          itemId: `T${n}`,
          status: n % 2 ? 'at-risk' : 'off-track',
          at: '2021-06-09T03:00:00Z',
          user: `web:user${n % 11}`,
          progress: [{ indicatorId: `T${n}.1`, value: n % 90, target: null, unit: null }],
          note: `Field check ${n}: ${'progress is slower than planned because of the rain season; '.repeat(n % 4)}`,
        }),
      );
    }
  }
  const bigLog = logOf(week);
  const build = (limits: MessageLimits, lang: DigestAudience['lang'] = 'en') =>
    buildWeeklyDigest({ plan: big, events: bigLog, audience: { filters: NO_FILTERS, lang }, now: new Date('2021-06-14T09:00:00+08:00'), timeZone: TZ, options: { limits } });
  const blockChars = (b: ReplyBlock) => renderPlainText(reply('en', [b])).length;
  /** Every list entry of the unlimited digest, by id: what a shown entry must be, whole. */
  const fullEntries = (lang: DigestAudience['lang']) =>
    new Map(
      build({ maxBlocks: 10_000, maxSectionChars: 1_000_000 }, lang)
        .reply.blocks.flatMap((b) => (b.type === 'list' ? b.items : []))
        .map((i) => [`${i.id}\n${i.text}`, true]),
    );

  it.each([
    [{ maxBlocks: 50, maxSectionChars: 3000 }, 'en'],
    [{ maxBlocks: 20, maxSectionChars: 600 }, 'en'],
    [{ maxBlocks: 20, maxSectionChars: 600 }, 'both'],
    [{ maxBlocks: 12, maxSectionChars: 400 }, 'zh'],
  ] as const)('%j (%s): within limits, nothing cut mid-item, the rest counted', (limits, lang) => {
    const d = build(limits, lang);
    expect(d.reply.blocks.length).toBeLessThanOrEqual(limits.maxBlocks);
    for (const b of d.reply.blocks) expect(blockChars(b)).toBeLessThanOrEqual(limits.maxSectionChars);
    const whole = fullEntries(lang);
    const shown = d.reply.blocks.flatMap((b) => (b.type === 'list' ? b.items : []));
    expect(shown.length).toBeGreaterThan(0);
    for (const i of shown) expect(whole.has(`${i.id}\n${i.text}`), `${i.id} shown whole`).toBe(true);
    const out = text(d.reply);
    expect(out).toMatch(/… and \d+ more|……另有\d+/);
  });

  it('counts exactly what it leaves out', () => {
    const d = build({ maxBlocks: 20, maxSectionChars: 600 });
    const blocks = d.reply.blocks;
    const at = blocks.findIndex((b) => b.type === 'heading' && b.text.startsWith('Needs attention'));
    let shown = 0;
    let more = 0;
    for (const b of blocks.slice(at + 1)) {
      if (b.type === 'list') shown += b.items.length;
      else if (b.type === 'context' && /… and (\d+) more that need attention/.test(b.text)) more = Number(/(\d+)/.exec(b.text)![1]);
      else break;
    }
    // 200 items at risk or off track, and 100 assigned in January and never updated (stale).
    expect(d.stats).toMatchObject({ attention: 300, atRisk: 200, stale: 100 });
    expect(shown).toBeGreaterThan(0);
    expect(shown + more).toBe(300);
  });

  it('shows at most maxEntriesPerSection entries of a section however much room there is', () => {
    const d = buildWeeklyDigest({ plan: big, events: bigLog, audience: { filters: { ...NO_FILTERS, status: 'at-risk' }, lang: 'en' }, now: new Date('2021-06-14T09:00:00+08:00'), timeZone: TZ, options: { maxEntriesPerSection: 7 } });
    const out = text(d.reply);
    const at = out.indexOf('Needs attention');
    expect(out.slice(at).split('\n').filter((l) => l.startsWith('• T'))).toHaveLength(7);
    expect(out).toContain(`… and ${d.stats.attention - 7} more that need attention`);
  });

  it('with room for little more than headings, names the sections it left out', () => {
    const d = build({ maxBlocks: 8, maxSectionChars: 3000 });
    expect(d.reply.blocks.length).toBeLessThanOrEqual(8);
    expect(text(d.reply)).toMatch(/Left out to fit one message: .*\(\d+\)/);
  });
});
