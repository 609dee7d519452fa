import { describe, expect, it } from 'vitest';
import { judgeAttention } from '../../src/core/attention.js';
import { unitLights } from '../../src/core/render-units.js';
import { buildLedger, ledgerAsOf } from '../../src/ledger/index.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { deriveStates } from '../../src/store/item-state.js';
import { deriveUnits } from '../../src/store/unit-state.js';
import { logOf } from '../digest/fixtures.js';
import { ledgerLog } from './fixtures.js';

const plan = await loadPlan('henan-2021', 'data/plans');
const TZ = 'Asia/Shanghai';
const NOW = new Date('2021-06-15T09:00:00+08:00');
const events = logOf(ledgerLog());
const ledgerAt = (week?: string, lang: 'zh' | 'en' = 'zh') => buildLedger({ plan, events, asOf: ledgerAsOf(week, NOW, TZ, plan.year), timeZone: TZ, lang });

describe('the ledger model', () => {
  it('has a row per item and target, and for an item with units the province then each unit (lead first)', () => {
    const rows = ledgerAt().rows.filter((r) => r.itemId === 'T9' && r.indicatorId === 'T9.1');
    expect(rows.map((r) => [r.unit, r.lead, r.value, r.target, r.status])).toEqual([
      ['全省', '周口市', 210, 800, 'on-track'],
      ['周口市', '周口市', 120, 800, 'on-track'],
      ['南阳市', '周口市', 90, 800, 'off-track'],
    ]);
    expect(rows[1]).toMatchObject({ share: 0.15, reportedAt: '2021-06-08T02:00:00Z', reportedBy: 'web:zl', note: '周口进展顺利', deadline: '2021-12-31' });
    // Items without units: one row per target, the unit column empty; one without targets: one row.
    const t12 = ledgerAt().rows.filter((r) => r.itemId === 'T12');
    expect(t12.every((r) => r.unit === null && r.lead === null)).toBe(true);
    expect(t12.length).toBe(Math.max(1, plan.items.find((i) => i.id === 'T12')!.indicators.length));
  });

  it('takes every light from the one attention computation (item and unit lights), never its own', () => {
    const ledger = ledgerAt();
    const states = deriveStates(events, plan);
    const judge = judgeAttention(plan, { at: NOW, timeZone: TZ });
    for (const id of ['T9', 'T12', 'T20', 'O1']) {
      const item = plan.items.find((i) => i.id === id)!;
      const own = ledger.rows.filter((r) => r.itemId === id && (r.unit === null || r.unit === '全省'));
      expect(new Set(own.map((r) => r.light))).toEqual(new Set([judge.of(item, states.get(id)).light]));
    }
    const t9 = plan.items.find((i) => i.id === 'T9')!;
    const lights = unitLights(t9, plan, deriveUnits(events, plan), states.get('T9'), NOW, TZ);
    expect(ledger.rows.find((r) => r.itemId === 'T9' && r.unit === '南阳市')!.light).toBe(lights.get('nanyang'));
    expect(ledger.rows.find((r) => r.itemId === 'T20')!.light).toBe('red');
    expect(ledger.rows.find((r) => r.itemId === 'T12')!.light).toBe('green');
  });

  it('as of a week: the events up to Sunday 24:00 in PLANBOT_TZ, judged then', () => {
    const week = ledgerAt('2021-06-09');
    expect(week.asOf).toMatchObject({ date: '2021-06-13', at: Date.parse('2021-06-14T00:00:00+08:00') });
    expect(week.rows.find((r) => r.itemId === 'T12')).toMatchObject({ status: 'at-risk', light: 'yellow' });
    expect(week.history.map((h) => h.at)).not.toContain('2021-06-14T01:00:00Z');
    expect(week.rows.find((r) => r.itemId === 'T9')!.expected).toBeCloseTo((Date.parse('2021-06-14T00:00:00+08:00') - Date.parse('2021-01-01T00:00:00+08:00')) / (Date.parse('2022-01-01T00:00:00+08:00') - Date.parse('2021-01-01T00:00:00+08:00')), 6);
    // Now, the later update counts.
    expect(ledgerAt().rows.find((r) => r.itemId === 'T12')!.status).toBe('done');
  });

  it('refuses a week that has not ended and a date it cannot read, with what would do', () => {
    expect(() => ledgerAt('2021-06-15')).toThrow(/has not ended yet/);
    expect(() => ledgerAt('next tuesday')).toThrow(/2021-06-30/);
  });

  it('keeps every update in the history and every target in the indicators, in the ledger language', () => {
    const en = ledgerAt(undefined, 'en');
    expect(en.history).toHaveLength(5);
    expect(en.history[1]).toMatchObject({ itemId: 'T9', unit: 'Nanyang', user: 'web:ny', status: 'off-track', progress: 'T9.1 90/800', undone: false });
    expect(en.rows.find((r) => r.itemId === 'T9')!.unit).toBe('Province');
    const t91 = en.indicators.find((i) => i.indicatorId === 'T9.1')!;
    expect(t91).toMatchObject({ itemId: 'T9', comparator: '>=', target: 800, deadline: '2021-12-31', rollup: 'sum' });
    expect(en.indicators.length).toBe(plan.items.reduce((n, i) => n + i.indicators.length, 0));
  });
});
