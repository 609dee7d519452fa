import { describe, expect, it } from 'vitest';
import { readLeadingUnit, resolveUnit } from '../../src/core/resolve-unit.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { Unit } from '../../src/plan/units.js';

const plan = await loadPlan();
const units = [...plan.units!, Unit.parse({ id: 'regulations-division', zh: '法规处', en: 'Regulations Division' })];

describe('the plan ships the 18 Henan units', () => {
  it('17 prefecture-level cities and 济源示范区, each a city, with zh and en names', () => {
    const cities = plan.units!.filter((u) => u.kind === 'city');
    expect(cities).toHaveLength(18);
    expect(cities.map((u) => u.zh.replace(/市$/, ''))).toEqual(['郑州', '开封', '洛阳', '平顶山', '安阳', '鹤壁', '新乡', '焦作', '濮阳', '许昌', '漯河', '三门峡', '南阳', '商丘', '信阳', '周口', '驻马店', '济源示范区']);
    expect(cities.every((u) => /^[a-z]+$/.test(u.id) && /^[A-Z]/.test(u.en))).toBe(true);
  });
});

describe('resolveUnit: one resolver for every unit name', () => {
  const cases: [string, string][] = [
    ['周口', 'zhoukou'],
    ['周口市', 'zhoukou'],
    ['Zhoukou', 'zhoukou'],
    ['zhoukou', 'zhoukou'],
    ['ZHOUKOU', 'zhoukou'],
    ['Zhoukou City', 'zhoukou'],
    ['@周口', 'zhoukou'],
    ['＠周口市', 'zhoukou'],
    ['Ｚｈｏｕｋｏｕ', 'zhoukou'],
    ['Zhoukuo', 'zhoukou'], // a typo
    ['Nanyng', 'nanyang'],
    ['Pingdinshan', 'pingdingshan'],
    ['平頂山', 'pingdingshan'], // Traditional
    ['驻马店市', 'zhumadian'],
    ['驻马殿', 'zhumadian'], // one character off
    ['济源', 'jiyuan'],
    ['济源示范区', 'jiyuan'],
    ['Jiyuan', 'jiyuan'],
    ['土壤处', 'soil-division'],
    ['Soil Division', 'soil-division'],
    ['soil-division', 'soil-division'],
    ['法规处', 'regulations-division'],
    ['regulations division', 'regulations-division'],
  ];
  it.each(cases)('%s → %s', (text, id) => {
    expect(resolveUnit(text, units)).toEqual({ ok: true, id });
  });

  it('refuses what is no unit, with the closest names and how to add one, in both languages', () => {
    const r = resolveUnit('Beijing', units);
    expect(r).toMatchObject({ ok: false, code: 'unit.unknown' });
    if (r.ok) return;
    expect(r.en).toMatch(/No unit "Beijing".*\/plan unit add/);
    expect(r.zh).toMatch(/没有单位“Beijing”/);
  });

  it('does not guess a two-character Chinese name from one character off', () => {
    expect(resolveUnit('周日', units).ok).toBe(false);
  });

  it('suggests near names it will not take', () => {
    const r = resolveUnit('Zhoukouxxx', units);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.choices).toContain('zhoukou');
  });
});

describe('readLeadingUnit: a unit at the start of a question', () => {
  it.each([
    ['周口负责哪些任务', 'zhoukou', 2],
    ['周口市负责哪些任务', 'zhoukou', 3],
    ['Zhoukou tasks', 'zhoukou', 7],
    ['济源示范区的任务', 'jiyuan', 5],
  ])('%s', (text, id, length) => {
    expect(readLeadingUnit(text, units)).toEqual({ id, length });
  });
  it('a Latin name must end where a word ends', () => {
    expect(readLeadingUnit('Hebiscus', units)).toBeNull();
  });
});
