// Time to answer one very long message through the whole bot core (every recogniser, then search),
// for `npm run bench search`: Chinese and English prose, random Chinese, and shapes that once made a
// recogniser's regular expression quadratic. Issue 11: bad input never hurts the service.
import { webUser } from '../src/core/user-ids.js';
import { allIntents } from '../intents/index.js';
import { createBot } from '../src/core/bot.js';
import { fixedClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/logger.js';
import { createPlanSearch } from '../src/core/plan-search.js';
import type { Plan } from '../src/plan/schema.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { planProse, randomHan } from '../tests/support/long-text.js';

const LENGTHS = [4000, 10_000] as const;
const WARMUP = 3;
const ROUNDS = 15;
/** Target from the issue: a long Chinese question costs no more than this (ms) on the bench machine. */
export const LONG_QUESTION_TARGET_MS = 50;

const repeat = (s: string, n: number): string => s.repeat(Math.ceil(n / s.length)).slice(0, n);

/** Long inputs that stress the recognisers: runs of letters, of one character, of command words. */
const SHAPES: Record<string, (n: number) => string> = {
  one_han: (n) => repeat('水', n),
  at_name: (n) => `@${randomHan(n - 1, 3)}`,
  owner_suffix: (n) => `${randomHan(n - 5, 4)}负责的任务`,
  unassign_from: (n) => `把${repeat('从', n - 1)}`,
  update_note: (n) => `更新 T9 ${randomHan(n - 6, 5)}`,
  list_command: (n) => `/plan list ${randomHan(n - 11, 6)}`,
  latin_words: (n) => repeat('rual sewag targt emergncy ', n),
  percent_runs: (n) => repeat('1%', n),
};

/** Median and worst wall time (ms) of answering `text` as a web chat user. */
async function timeAnswer(handle: (text: string) => Promise<unknown>, text: string): Promise<{ p50: number; max: number }> {
  for (let i = 0; i < WARMUP; i++) await handle(text);
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await handle(text);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)]!, max: samples.at(-1)! };
}

/** Figures for long questions: per kind and length the median answer time, and the worst shape. */
export async function measureLongQuestions(plan: Plan): Promise<Record<string, number | string>> {
  const bot = createBot({
    plan,
    search: createPlanSearch(plan),
    store: new MemoryStore(),
    clock: fixedClock('2021-06-07T09:00:00+08:00'),
    timeZone: 'Asia/Shanghai',
    admins: [],
    logger: silentLogger,
    intents: allIntents,
  });
  const handle = (text: string) => bot.handle({ text, user: { id: webUser('bench') }, platform: 'web' });
  const english = plan.items.map((i) => i.text.en).join(' ');
  const kinds: Record<string, (n: number) => string> = {
    zh_prose: (n) => planProse(plan, n),
    zh_random: (n) => randomHan(n, n),
    en_prose: (n) => repeat(english, n),
  };
  const figures: Record<string, number | string> = {};
  let worstZh = 0;
  for (const [kind, make] of Object.entries(kinds)) {
    for (const n of LENGTHS) {
      const { p50, max } = await timeAnswer(handle, make(n));
      figures[`long.${kind}_${n}_p50_ms`] = p50;
      figures[`long.${kind}_${n}_max_ms`] = max;
      if (kind.startsWith('zh')) worstZh = Math.max(worstZh, p50);
    }
  }
  let worst = { shape: '', ms: 0 };
  for (const [shape, make] of Object.entries(SHAPES)) {
    for (const n of LENGTHS) {
      const { p50 } = await timeAnswer(handle, make(n));
      if (p50 > worst.ms) worst = { shape: `${shape} (${n})`, ms: p50 };
    }
  }
  figures['long.worst_shape'] = worst.shape;
  figures['long.worst_shape_p50_ms'] = worst.ms;
  figures[`target.long_zh_p50<=${LONG_QUESTION_TARGET_MS}ms`] = worstZh <= LONG_QUESTION_TARGET_MS ? 'pass' : 'FAIL';
  figures[`target.long_worst_shape<=${LONG_QUESTION_TARGET_MS}ms`] = worst.ms <= LONG_QUESTION_TARGET_MS ? 'pass' : 'FAIL';
  return figures;
}
