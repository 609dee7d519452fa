import { describe, expect, it } from 'vitest';
import { renderUserRefs, userRef } from '../../src/core/user-refs.js';
import { parseUserId, type UserId } from '../../src/core/user-ids.js';

const OPEN = '\uE000';
const CLOSE = '\uE001';

/** The pattern `renderUserRefs` scans by hand, as it was first written with `matchAll`. */
function byPattern(text: string, render: (id: UserId | null, raw: string) => string, plain: (s: string) => string): string {
  if (!text.includes(OPEN) && !text.includes(CLOSE)) return plain(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\uE000([^\uE000\uE001]{1,200})\uE001/g)) {
    out += plain(text.slice(last, m.index).replace(/[\uE000\uE001]/g, ''));
    out += render(parseUserId(m[1]!), m[1]!);
    last = m.index + m[0].length;
  }
  return out + plain(text.slice(last).replace(/[\uE000\uE001]/g, ''));
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const render = (id: UserId | null, raw: string) => `[${id ?? `?${raw}`}]`;
const plain = (s: string) => s.replace(/[&<>]/g, (c) => `&${c.charCodeAt(0)};`);

describe('renderUserRefs', () => {
  it('renders references and passes the rest through, dropping stray markers', () => {
    expect(renderUserRefs(`by ${userRef('slack:U0123')} & ${userRef('web:bob')}`, render, plain)).toBe('by [slack:U0123] &38; [web:bob]');
    expect(renderUserRefs(`a${OPEN}b`, render)).toBe('ab');
    expect(renderUserRefs(`${OPEN}${CLOSE}x${CLOSE}`, render)).toBe('x');
    expect(renderUserRefs(`${OPEN}${'x'.repeat(201)}${CLOSE}`, render)).toBe('x'.repeat(201));
    expect(renderUserRefs(`${OPEN}${'x'.repeat(200)}${CLOSE}`, render)).toBe(`[?${'x'.repeat(200)}]`);
  });

  it('reads every text as the pattern it replaces does, stray and nested markers included', () => {
    const next = random(11);
    const pieces = [OPEN, CLOSE, 'slack:U0123', 'web:bob', 'a', ' ', '&', '<b>', '进展', 'x'.repeat(120)];
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const length = Math.floor(next() * 12);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
      expect(renderUserRefs(text, render, plain)).toBe(byPattern(text, render, plain));
    }
  });
});
