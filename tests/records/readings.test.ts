import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProgressEntry } from '../../src/store/events.js';
import { proposalToken, recordsBot, talk } from './talk.js';

/** One line of the corpus: an input and how it must be read. */
interface Reading {
  in: string;
  as: 'question' | 'report' | 'proposal' | 'refused';
  item?: string;
  status?: string | null;
  /** `T9.1 420/800`, `T11.1 70`, `* 3/10` (the item as a whole). */
  progress?: string[];
  error?: string;
}

const corpus: Reading[] = readFileSync(new URL('./readings.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Reading);

function short(p: ProgressEntry): string {
  return `${p.indicatorId ?? '*'} ${p.value}${p.target !== null ? `/${p.target}` : ''}`;
}

/** What an update event recorded, in the corpus's terms. */
function recorded(events: readonly { type: string }[]) {
  const updates = events.filter((e): e is { type: 'update'; itemId: string; status: string | null; progress: ProgressEntry[] } & { type: string } => e.type === 'update');
  return updates.map((e) => ({ item: e.itemId, status: e.status, progress: e.progress.map(short) }));
}

describe('the readings corpus (issue 10): every input through the bot core, asserting the store', () => {
  it('holds at least 300 inputs in English, Simplified and Traditional Chinese, half- and full-width', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(corpus.some((r) => /[進順滯後風險嗎項務標組]/.test(r.in))).toBe(true);
    expect(corpus.some((r) => /[\uff01-\uff5e]/.test(r.in))).toBe(true);
    for (const kind of ['question', 'report', 'proposal', 'refused']) expect(corpus.filter((r) => r.as === kind).length, kind).toBeGreaterThan(15);
  });

  it.each(corpus.map((r) => [r.in, r] as const))('%s', async (_input, reading) => {
    const { bot, store } = recordsBot();
    const r = await talk(bot, reading.in);
    const expected = { item: reading.item, status: reading.status ?? null, progress: reading.progress ?? [] };
    switch (reading.as) {
      case 'question':
        expect(store.events(), r.text).toEqual([]);
        expect(proposalToken(r), r.text).toBeNull();
        expect(r.error?.id).not.toBe('internal');
        if (reading.item) expect(r.matches[0]?.id, r.text).toBe(reading.item);
        // Reading a question about a status never claims to have updated anything.
        expect(r.text).not.toMatch(/^Updated |^已更新/);
        break;
      case 'report':
        expect(r.error, r.text).toBeUndefined();
        expect(recorded(store.events())).toEqual([expected]);
        // A report without a status never says the item is "not started" because of it.
        if (!reading.status) expect(r.text.split('\n')[0]).not.toMatch(/not started|未开始/);
        break;
      case 'proposal': {
        expect(r.error, r.text).toBeUndefined();
        expect(store.events(), r.text).toEqual([]);
        const token = proposalToken(r);
        expect(token, r.text).not.toBeNull();
        expect(r.text).toMatch(/Nothing is recorded yet|尚未记录/);
        const done = await talk(bot, `/plan confirm ${token}`);
        expect(done.error, done.text).toBeUndefined();
        expect(recorded(store.events())).toEqual([expected]);
        break;
      }
      case 'refused':
        expect(r.error?.id, r.text).toBe(reading.error);
        expect(store.events()).toEqual([]);
        break;
    }
  });
});
