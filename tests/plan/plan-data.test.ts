import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanDataError } from '../../src/errors.js';
import { extractIndicators } from '../../src/plan/extract-indicators.js';
import { BUNDLED_PLANS_DIR, loadPlan } from '../../src/plan/load-plan.js';
import { REAL_DOCUMENT, miniPlan } from './fixtures.js';

const plan = await loadPlan();
const item = (id: string) => plan.items.find((i) => i.id === id)!;

describe('the 2021 plan as data', () => {
  it('has every item translated in full, with titles and aliases in both languages', () => {
    expect(plan.items).toHaveLength(56);
    for (const it of plan.items) {
      expect(it.text.en, it.id).not.toBe(it.text.zh);
      expect(it.text.en.length, it.id).toBeGreaterThan(it.kind === 'group' ? 15 : Math.min(60, it.text.zh.length));
      expect(it.title.en, it.id).toMatch(/^[A-Z0-9"“(]/);
      expect(it.aliases.zh.length + it.aliases.en.length, it.id).toBeGreaterThan(2);
      expect(REAL_DOCUMENT.includes(it.text.zh), it.id).toBe(true);
    }
    expect(plan.title.en).toBe('2021 Henan Province Ecological Environment Work Key Points');
    expect(plan.preamble.en).toMatch(/general requirements|Xi Jinping/i);
  });

  it('keeps the numbers of the Chinese text in the English translation', () => {
    for (const it of plan.items) {
      const numbers = it.text.zh.match(/\d+(?:\.\d+)?/g) ?? [];
      for (const n of numbers) expect(it.text.en.replace(/,(?=\d{3})/g, ''), `${it.id} ${n}`).toContain(n);
    }
  });

  it('covers jargon and synonyms in the aliases', () => {
    expect(item('O3').aliases.zh).toContain('农污');
    expect(item('T2').aliases.zh).toContain('三线一单');
    expect(item('O3').aliases.en.join(' ')).toMatch(/wastewater/);
  });

  it('lists every indicator of the 2021 plan, each with metric, comparator, value, unit and deadline', () => {
    const all = plan.items.flatMap((i) => i.indicators.map((x) => [x.id, x.comparator, x.value, x.unit, x.deadline, x.aspirational, x.capped]));
    expect(all).toEqual([
      ['O3.1', '>=', 100, '%', '2021-12-31', true, true],
      ['O3.2', '>=', 100, '%', '2021-12-31', true, true],
      ['O3.3', '>=', 33, '%', '2021-12-31', false, false],
      ['O6.1', '<', 1.5, '起/万枚', '2021-12-31', false, false],
      ['T9.1', '>=', 800, '个', '2021-12-31', false, false],
      ['T9.2', '>=', 10, '%', '2021-12-31', false, false],
      ['T11.1', '>=', 100, '%', '2021-12-31', false, true],
      ['T20.1', '=', null, null, '2021-12-31', false, false],
      ['T26.1', '>=', 100, '%', '2021-12-31', false, true],
      ['T30.1', '>=', 100, '%', '2021-12-31', false, true],
      ['T34.1', '>=', 4, '次', '2021-12-31', false, false],
    ]);
  });

  it('states each indicator with the plan clause and its English', () => {
    const check = (id: string, zh: string, metricEn: RegExp, unitEn?: string) => {
      const ind = plan.items.flatMap((i) => i.indicators).find((x) => x.id === id)!;
      expect(ind.text.zh).toBe(zh);
      expect(ind.metric.en).toMatch(metricEn);
      if (unitEn) expect(ind.unitLabel?.en).toBe(unitEn);
    };
    check('O3.1', '受污染耕地安全利用率力争实现100%', /contaminated farmland/);
    check('O3.2', '污染地块安全利用率力争实现100%', /contaminated land plots/);
    check('O3.3', '农村生活污水治理率达到33%', /Rural domestic sewage treatment rate/, '%');
    check('O6.1', '核与辐射安全方面全省放射源辐射事故年发生率低于每万枚1.5起', /radiation accidents/, 'accidents per 10,000 sources a year');
    check('T9.1', '全省完成800个行政村庄整治任务', /Administrative villages/, 'villages');
    check('T9.2', '列入国家监管清单的农村黑臭水体治理数量达到10%', /black and odorous water bodies/, '%');
    check('T11.1', '推动滩区规模化养殖搬迁和流域规模化养殖场粪污无害化处理全覆盖', /manure/, '%');
    check('T20.1', '2021年底前全面完成生态环境保护综合行政执法队伍组建', /law enforcement teams/);
    check('T26.1', '确保医疗机构及设施环境监管和服务全覆盖', /medical institutions/, '%');
    check('T30.1', '实现应急管控清单内企业远程监控全覆盖', /remote monitoring/, '%');
    check('T34.1', '每季度对生态环境系统意识形态领域存在的风险进行一次分析研判', /ideological risks/);
  });
});

describe('indicator rules', () => {
  it.each([
    ['地表水达标率达到80%', { metric: '地表水达标率', comparator: '>=', value: 80, unit: '%', deadline: '2022-12-31' }],
    ['PM2.5平均浓度控制在50微克/立方米以内', { metric: 'PM2.5平均浓度', comparator: '<=', value: 50, unit: '微克/立方米' }],
    ['重污染天数不超过10次', { comparator: '<=', value: 10, unit: '次' }],
    ['完成20个工地整治任务', { metric: '工地整治', comparator: '>=', value: 20, unit: '个' }],
    ['2022年6月底前完成危险废物处置中心建设', { metric: '危险废物处置中心建设', comparator: '=', value: null, unit: null, deadline: '2022-06-30' }],
    ['实现重点企业在线监控全覆盖', { metric: '重点企业在线监控覆盖率', value: 100, unit: '%', capped: true }],
    ['受污染耕地安全利用率力争实现95%', { value: 95, aspirational: true, capped: false }],
  ])('%s', (clause, expected) => {
    const [found] = extractIndicators('T1', `${clause}。`, 2022);
    expect(found).toMatchObject({ id: 'T1.1', text: clause, ...expected });
  });

  it('finds nothing in text without a quantified target', () => {
    for (const t of ['开展2020年温室气体清单编制工作。', '统筹做好流域9市1区生态保护。', '维护好运用好12369环境热线。', '加强PM2.5和臭氧协同控制。']) {
      expect(extractIndicators('T1', t, 2021), t).toEqual([]);
    }
  });
});

describe('bad data files stop loading with file, item and field', () => {
  const copyPlan = () => {
    const dir = mkdtempSync(join(tmpdir(), 'planbot-plans-'));
    cpSync(join(BUNDLED_PLANS_DIR, 'henan-2021'), join(dir, 'henan-2021'), { recursive: true });
    return { dir, file: join(dir, 'henan-2021', 'translation.en.json') };
  };
  const edit = (file: string, change: (j: any) => void) => {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    change(j);
    writeFileSync(file, JSON.stringify(j));
  };
  const failure = async (dir: string) => {
    try {
      await loadPlan('henan-2021', dir);
    } catch (err) {
      expect(err).toBeInstanceOf(PlanDataError);
      return err as PlanDataError;
    }
    throw new Error('expected the plan to be refused');
  };

  it('an empty English title', async () => {
    const { dir, file } = copyPlan();
    edit(file, (j) => { j.items.T9.title.en = ''; });
    const err = await failure(dir);
    expect(err.message).toContain(file);
    expect(err.problems).toContainEqual({ itemId: 'T9', field: 'title.en', message: 'must not be empty' });
    expect(err.message).toMatch(/item T9, field title\.en: must not be empty/);
  });

  it('an unknown field, a missing item, an unknown item and an unknown indicator', async () => {
    const { dir, file } = copyPlan();
    edit(file, (j) => { j.items.T3.colour = 'red'; });
    expect((await failure(dir)).message).toMatch(/item T3.*colour/);
    edit(file, (j) => { delete j.items.T3.colour; delete j.items.T40; j.items.T41 = j.items.T39; });
    const err = await failure(dir);
    expect(err.problems).toContainEqual(expect.objectContaining({ itemId: 'T40', message: expect.stringMatching(/no translation/) }));
    expect(err.problems).toContainEqual(expect.objectContaining({ itemId: 'T41', message: expect.stringMatching(/no item T41/) }));
    edit(file, (j) => { j.items.T40 = j.items.T41; delete j.items.T41; j.items.T9.indicators['T9.7'] = { text: 'x' }; });
    expect((await failure(dir)).problems).toContainEqual(expect.objectContaining({ itemId: 'T9', field: 'indicators.T9.7' }));
  });

  it('a wrong type, a bad date and broken JSON', async () => {
    const { dir, file } = copyPlan();
    edit(file, (j) => { j.items.O3.indicators['O3.3'].value = '33'; j.items.O3.indicators['O3.1'].deadline = 'soon'; });
    const err = await failure(dir);
    expect(err.problems.map((p) => `${p.itemId} ${p.field}`)).toEqual(expect.arrayContaining(['O3 indicators.O3.3.value', 'O3 indicators.O3.1.deadline']));
    writeFileSync(file, '{ "version": 1, ');
    expect((await failure(dir)).message).toMatch(/not valid JSON/);
  });

  it('an added indicator whose clause is not in the text', async () => {
    const { dir, file } = copyPlan();
    edit(file, (j) => { j.items.T34.addIndicators[0].text.zh = '每月一次'; });
    expect((await failure(dir)).problems).toContainEqual(expect.objectContaining({ itemId: 'T34', field: 'addIndicators.0.text.zh' }));
  });

  it('a document that no longer parses names the document and the line', async () => {
    const { dir } = copyPlan();
    writeFileSync(join(dir, 'henan-2021', 'plan.zh.txt'), REAL_DOCUMENT.replace('\n13. ', '\n14. '));
    const err = await failure(dir);
    expect(err.file).toMatch(/plan\.zh\.txt$/);
    expect(err.message).toMatch(/line \d+: gap in numbering: expected task 13 but found 14/);
  });

  it('a plan without a translation file still loads, English falling back to Chinese', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planbot-plans-'));
    cpSync(join(BUNDLED_PLANS_DIR, 'henan-2021', 'plan.zh.txt'), join(dir, 'mini', 'plan.zh.txt'));
    writeFileSync(join(dir, 'mini', 'plan.zh.txt'), miniPlan());
    const mini = await loadPlan('mini', dir);
    expect(mini.items).toHaveLength(15);
    expect(mini.items[0]!.text.en).toBe(mini.items[0]!.text.zh);
  });
});
