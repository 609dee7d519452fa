import { describe, expect, it } from 'vitest';
import { deadlineNote, noNumberNote, weakMatchNote } from '../../src/core/answer-notes.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';

const plan = await loadPlan();
const o1 = plan.items.find((i) => i.id === 'O1')!;
const t9 = plan.items.find((i) => i.id === 'T9')!;

describe('notes added to answers', () => {
  it('are the same frozen block on every call, one per item or target and language', () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const note of [() => noNumberNote(o1, lang), () => deadlineNote(t9, undefined, plan, lang), () => deadlineNote(t9, t9.indicators[1], plan, lang), () => weakMatchNote(lang)]) {
        const a = note();
        expect(note()).toBe(a);
        expect(Object.isFrozen(a)).toBe(true);
      }
    }
    expect(noNumberNote(o1, 'en')).not.toEqual(noNumberNote(o1, 'zh'));
    expect(deadlineNote(t9, undefined, plan, 'en')).not.toBe(deadlineNote(t9, t9.indicators[0], plan, 'en'));
    expect(weakMatchNote('en')).not.toEqual(weakMatchNote('zh'));
  });

  it('say what the plan they are given says: another plan year, another deadline', () => {
    const next: Plan = { ...plan, year: 2022 };
    expect(deadlineNote(t9, undefined, plan, 'en')).toMatchObject({ text: expect.stringContaining('end of 2021 (2021-12-31)') });
    // T9's targets name 2021-12-31: in a 2022 plan that is a date of the text, not the year's end.
    expect(deadlineNote(t9, undefined, next, 'en')).toMatchObject({ text: 'Deadline: 2021-12-31 (as the plan text says).' });
    expect(deadlineNote(t9, undefined, plan, 'en')).toMatchObject({ text: expect.stringContaining('end of 2021') });
  });
});
