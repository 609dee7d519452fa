import { describe, expect, it } from 'vitest';
import { indicatorAnswer, itemCard } from '../../src/core/render-item.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';

const plan = await loadPlan();
const TZ = 'Asia/Shanghai';
const AT = Date.parse('2021-06-15T10:00:00+08:00');
const t9 = plan.items.find((i) => i.id === 'T9')!;
const g3 = plan.items.find((i) => i.id === 'G3')!;

describe('item cards and target answers worked out once per item and language', () => {
  it('give the same frozen blocks every time, each reply its own array of them', () => {
    for (const lang of ['en', 'zh'] as const) {
      const first = itemCard(t9, plan, undefined, lang, TZ, AT);
      const again = itemCard(t9, plan, undefined, lang, TZ, AT);
      expect(again).toEqual(first);
      expect(again).not.toBe(first);
      // Shared between replies (an adapter may key its work on a block), so no reply can change one.
      const fields = first.find((b) => b.type === 'fields');
      const fieldsAgain = again.find((b) => b.type === 'fields');
      expect(fields && fieldsAgain && fields === fieldsAgain && Object.isFrozen(fields)).toBe(true);
      expect(indicatorAnswer(t9, t9.indicators[0]!, plan, undefined, lang, TZ, AT)).toEqual(indicatorAnswer(t9, t9.indicators[0]!, plan, undefined, lang, TZ, AT));
    }
  });

  it('keeps English and Chinese apart', () => {
    expect(itemCard(t9, plan, undefined, 'en', TZ)[0]).toEqual({ type: 'heading', text: `T9 ${t9.title.en} (Task 9 · G3 ${g3.title.en})` });
    expect(itemCard(t9, plan, undefined, 'zh', TZ)[0]).toEqual({ type: 'heading', text: `T9 ${t9.title.zh} （任务九 · G3 ${g3.title.zh}）` });
  });

  it('shares words no reply can change', () => {
    const fields = itemCard(t9, plan, undefined, 'en', TZ).find((b) => b.type === 'fields');
    expect(() => {
      if (fields?.type === 'fields') fields.fields[0]!.value = 'changed';
    }).toThrow(TypeError);
    const list = itemCard(g3, plan, undefined, 'en', TZ).find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items.length).toBeGreaterThan(0);
  });

  it('reads the item in the plan it is given: another plan with the same item places it there', () => {
    const renamed: Plan = { ...plan, items: plan.items.map((i) => (i.id === 'G3' ? { ...i, title: { en: 'Renamed group', zh: '改名的任务组' } } : i)) };
    expect(itemCard(t9, plan, undefined, 'en', TZ)[0]).toMatchObject({ text: expect.stringContaining(g3.title.en) });
    expect(itemCard(t9, renamed, undefined, 'en', TZ)[0]).toMatchObject({ text: expect.stringContaining('Renamed group') });
    expect(indicatorAnswer(t9, t9.indicators[0]!, renamed, undefined, 'zh', TZ)[0]).toMatchObject({ text: expect.stringContaining('改名的任务组') });
    expect(itemCard(t9, plan, undefined, 'en', TZ)[0]).toMatchObject({ text: expect.stringContaining(g3.title.en) });
  });
});
