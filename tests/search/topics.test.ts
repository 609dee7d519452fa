import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/load-plan.js';
import { TOPICS, findTopic, inTopic } from '../../src/search/topic-table.js';
import { makeBot, say } from '../support/make-bot.js';

const plan = await loadPlan();
const members = (id: string) => plan.items.filter((i) => i.kind !== 'group' && inTopic(i, TOPICS.find((t) => t.id === id)!)).map((i) => i.id);

describe('topic membership is data, checked over every topic', () => {
  for (const topic of TOPICS) {
    it(`${topic.id}: every member uses one of its words, every name finds it, and no bare single character is a term`, () => {
      const ids = members(topic.id);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        const item = plan.items.find((i) => i.id === id)!;
        expect(topic.terms.some((term) => `${item.title.zh}\n${item.text.zh}`.includes(term)), id).toBe(true);
      }
      for (const name of topic.names) expect(findTopic(name)?.id, name).toBe(topic.id);
      // A one-character term would match inside other words (水 in 水平, the level): terms are whole words.
      for (const term of topic.terms) expect([...term].length, term).toBeGreaterThan(1);
    });
  }

  it('the plan’s topics hold what the plan says (water has O2, T8, T22 and not T36; radiation has O6 and T25; air has O1 and T7)', () => {
    expect(members('water')).toEqual(expect.arrayContaining(['O2', 'T8', 'T22']));
    expect(members('water')).not.toContain('T36');
    expect(members('radiation')).toEqual(expect.arrayContaining(['O6', 'T25']));
    expect(members('air')).toEqual(expect.arrayContaining(['O1', 'T7']));
  });

  it('list questions read the topic from the table, in both languages', async () => {
    const bot = makeBot();
    const water = await say(bot, '列出水相关任务', 'web:alice');
    const ids = water.matches.map((m) => m.id);
    expect(ids).toEqual(members('water'));
    expect(ids).not.toContain('T36');
    expect((await say(bot, 'list the radiation items', 'web:alice')).matches.map((m) => m.id)).toContain('O6');
    expect((await say(bot, 'show me all the air pollution items', 'web:alice')).matches.map((m) => m.id)).toContain('O1');
  });

  it('a section is listed by its group', async () => {
    const r = await say(makeBot(), 'what tasks come under the Yellow River ecological protection section?', 'web:alice');
    expect(r.matches.map((m) => m.id)).toEqual(plan.items.filter((i) => i.parent === 'G4').map((i) => i.id));
  });
});
