import type { Plan } from '../../src/plan/schema.js';
import { prng } from './prng.js';

/** Chinese prose of exactly `length` characters: the plan's own paragraphs, one after another, repeated as needed. */
export function planProse(plan: Plan, length: number): string {
  const all = plan.items.map((i) => i.text.zh).join('');
  return all.repeat(Math.ceil(length / Math.max(1, all.length))).slice(0, length);
}

/** `length` random characters of the main CJK block: a repeatable paste of nonsense, by seed. */
export function randomHan(length: number, seed = 1): string {
  const random = prng(seed);
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(0x4e00 + Math.floor(random() * 0x5000));
  return s;
}
