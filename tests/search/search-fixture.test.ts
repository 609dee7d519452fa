import { describe, expect, it } from 'vitest';
import { buildSearchIndex, RANKING } from '../../src/search/index.js';
import { FIXTURE_ITEMS, planItem } from './fixture.js';

const index = buildSearchIndex(FIXTURE_ITEMS);
const top = (q: string): string | null => index.search(q)[0]?.id ?? null;

describe('search over a few plan items (no aliases)', () => {
  it.each([
    ["what's the rural sewage target", 'O3'],
    ['wht is the rual sewage targt', 'O3'],
    ['农村生活污水治理率要达到多少', 'O3'],
    ['safe use of polluted farmland', 'O3'],
    ['放射源辐射事故年发生率', 'O6'],
    ['how often may radiation accidents happen', 'O6'],
    ['carbon peaking roadmap', 'T4'],
    ['碳达峰', 'T4'],
    ['水污染防治', 'T8'],
    ['black and odorous water bodies', 'T8'],
    ['how many administrative villages will be rectified', 'T9'],
    ['危废', 'T9'],
    ['hazardous waste campaign', 'T9'],
    ['生物多样性调查观测', 'T14'],
    ['biodiversity survey', 'T14'],
    ['12369', 'T21'],
    ['environmental hot line', 'T21'],
    ['干部网络培训', 'T37'],
    ['online training for officials', 'T37'],
  ])('%j → %s', (q, id) => {
    expect(top(q)).toBe(id);
  });

  it.each(['who won the world cup', '今天股市怎么样', 'hello', 'asdfgh', '😀', "'; DROP TABLE items; --", '', '   '])(
    '%j finds nothing',
    (q) => {
      expect(index.search(q)).toEqual([]);
    },
  );

  it('answers explicit references directly, with full confidence', () => {
    expect(index.search('what is task 9')).toEqual([{ id: 'T9', score: 1 }]);
    expect(index.search('第九项任务')[0]).toEqual({ id: 'T9', score: 1 });
    expect(index.search('目标三')[0]).toEqual({ id: 'O3', score: 1 });
  });

  it('still searches the rest of a question that names an item', () => {
    expect(index.search('task 9 and the 12369 hotline').map((h) => h.id)).toEqual(['T9', 'T21']);
  });

  it('ignores a reference to an item the plan does not have', () => {
    expect(index.search('task 99')).toEqual([]);
  });

  it('returns scores in 0..1, best first, within the relative cutoff of the best', () => {
    const hits = index.search('rural sewage');
    expect(hits.length).toBeGreaterThan(1);
    for (const [i, h] of hits.entries()) {
      expect(h.score).toBeGreaterThanOrEqual(RANKING.minScore);
      expect(h.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(h.score).toBeLessThanOrEqual(hits[i - 1]!.score);
      expect(h.score).toBeGreaterThanOrEqual(hits[0]!.score * RANKING.relativeCutoff);
    }
  });

  it('honours the limit', () => {
    expect(index.search('pollution', { limit: 1 })).toHaveLength(1);
    expect(index.search('pollution', { limit: 0 })).toEqual([]);
  });

  it('prefers a task to its group heading on a near tie', () => {
    const items = [
      planItem({ id: 'G1', kind: 'group', title: { zh: '碳达峰行动', en: 'Carbon peaking action' } }),
      planItem({ id: 'T1', parent: 'G1', title: { zh: '碳达峰行动', en: 'Carbon peaking action' } }),
    ];
    expect(buildSearchIndex(items).search('carbon peaking').map((h) => h.id)).toEqual(['T1', 'G1']);
  });

  it('weighs titles, aliases and indicator metrics above body text', () => {
    const items = [
      planItem({ id: 'T1', text: { zh: '其他', en: 'Among other things, noise.' } }),
      planItem({ id: 'T2', title: { zh: '噪声', en: 'Noise' } }),
      planItem({ id: 'T3', text: { zh: '其他', en: 'Other things.' }, aliases: { zh: [], en: ['noise'] } }),
    ];
    const hits = buildSearchIndex(items).search('noise', { relative: 0 });
    expect(hits.map((h) => h.id).slice(0, 2).sort()).toEqual(['T2', 'T3']);
    expect(hits.at(-1)?.id).toBe('T1');
  });

  it('explains how it understood a query: stop words gone, typos corrected, synonyms added', () => {
    const slots = index.explain('wht is the rual sewage targt');
    expect(slots.map((s) => s.label)).toEqual(['rural', 'sewag', 'target']);
    const sewage = slots[1]!.alternatives.flatMap((a) => a.terms);
    expect(sewage).toEqual(expect.arrayContaining(['wastewater', '污水']));
  });

  it('matches mixed tokens in either language', () => {
    const items = [
      planItem({ id: 'T1', text: { zh: '深化VOCs和氮氧化物综合治理', en: 'Deepen the treatment of volatile organic compounds and NOx.' } }),
      planItem({ id: 'T2', text: { zh: '组织开展COP15宣传', en: 'Publicity for the biodiversity conference.' } }),
    ];
    const small = buildSearchIndex(items);
    expect(small.search('VOCs')[0]?.id).toBe('T1');
    expect(small.search('cop15')[0]?.id).toBe('T2');
  });
});
