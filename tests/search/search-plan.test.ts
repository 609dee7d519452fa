import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/load-plan.js';
import { buildSearchIndex, type SearchIndex } from '../../src/search/index.js';

let index: SearchIndex;
beforeAll(async () => {
  index = buildSearchIndex((await loadPlan()).items);
});
const top = (q: string): string | null => index.search(q)[0]?.id ?? null;

describe('search over the real 2021 Henan plan', () => {
  it.each([
    // the examples
    ["what's the rural sewage target", 'O3'],
    ['wht is the rual sewage targt', 'O3'],
    ['农村生活污水治理率要达到多少', 'O3'],
    ['水污染防治', 'T8'],
    ['干部网络培训', 'T37'],
    ['生物多样性调查观测', 'T14'],
    ['放射源辐射事故年发生率', 'O6'],
    // paraphrases
    ['what percentage of village sewage must be handled', 'O3'],
    ['how many radioactive source accidents are allowed', 'O6'],
    ['by how much should CO2 per unit GDP fall', 'O4'],
    ['which cities should study peaking first', 'T4'],
    ['compile the 2020 greenhouse gas inventory', 'T5'],
    ['shift freight from road to rail', 'T7'],
    ['nine cities and one district along the yellow river', 'T12'],
    ['artificial intelligence in environmental supervision', 'T19'],
    ['upstream downstream joint response to sudden water pollution incidents', 'T22'],
    ['tailings ponds and chemicals risk', 'T24'],
    ['hospital sewage during the pandemic', 'T26'],
    ['ideological risk analysis every quarter', 'T34'],
    ['recruit outstanding cadres', 'T39'],
    ['ten measures to care for cadres', 'T40'],
    ['南水北调中线水源地保护', 'T8'],
    ['碳达峰行动方案', 'T4'],
    ['环境污染强制责任保险', 'T27'],
    ['省委巡视反馈问题整改', 'T35'],
    ['ＰＭ２．５和臭氧协同控制', 'T7'],
    ['WHAT IS THE OZONE AND PM2.5 PLAN', 'T7'],
    // typos
    ['rual wastewatr treatmnt rate', 'O3'],
    ['biodiversty survey', 'T14'],
    ['emergncy suplies depot', 'T23'],
    ['carbn peeking plan', 'T4'],
    ['hazardus waste rectification', 'T24'],
    ['wat abut the yelow river floodplain manure', 'T11'],
    // references
    ['what is task 9', 'T9'],
    ['objective 4', 'O4'],
    ['第二十四项任务', 'T24'],
    ['目标三', 'O3'],
    ['show me T40', 'T40'],
  ])('%j → %s', (q, id) => {
    expect(top(q)).toBe(id);
  });

  it.each([
    'who won the world cup',
    '今天股市怎么样',
    'hello',
    'asdfgh',
    '😀😀😀',
    "SELECT * FROM users; DROP TABLE items;--",
    '<script>alert(1)</script>',
    "what's the weather tomorrow",
    'what time is it',
    'can you help me',
    'tell me a joke',
    'how do I reset my password',
    'python programming tutorial',
    '明天会下雨吗',
    '帮我写一首诗',
    '北京到上海的火车票',
    '# Heading\n* list item',
  ])('%j is out of scope', (q) => {
    expect(index.search(q)).toEqual([]);
  });

  it('does not take ozone (O3) for objective 3 when the question is about something else', () => {
    expect(top('coordinated control of PM2.5 and O3')).toBe('T7');
  });

  it('offers close alternatives after the best hit', () => {
    const ids = index.search('rural sewage').map((h) => h.id);
    expect(ids).toEqual(expect.arrayContaining(['O3', 'T9']));
  });
});
