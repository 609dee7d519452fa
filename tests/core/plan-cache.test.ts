import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCachedPlan } from '../../src/core/plan-cache/cache-file.js';
import { cacheFile, loadPlanSearch, type PlanCacheOptions } from '../../src/core/plan-cache/cached-plan.js';
import { indexPlan } from '../../src/core/plan-search.js';
import { silentLogger } from '../../src/core/logger.js';
import { BUNDLED_PLANS_DIR, loadPlan } from '../../src/plan/load-plan.js';
import { defaultSynonyms } from '../../src/search/index.js';
import { runCli } from '../support/run-cli.js';

const QUESTIONS = ["what's the rural sewage target", '农村生活污水治理率是多少', 'PM2.5 concentration', 'T9', 'medical waste', 'how are we doing on ozone', 'rual sewge', 'zebra crossings'];

/** A copy of the bundled plan in a folder of its own, and an empty cache folder. */
function setup(overrides: Partial<PlanCacheOptions> = {}): PlanCacheOptions & { cacheDir: string; planDir: string } {
  const plansDir = mkdtempSync(join(tmpdir(), 'planbot-plans-'));
  cpSync(join(BUNDLED_PLANS_DIR, 'henan-2021'), join(plansDir, 'henan-2021'), { recursive: true });
  const cacheDir = join(mkdtempSync(join(tmpdir(), 'planbot-cache-')), 'cache');
  return { planId: 'henan-2021', plansDir, cacheDir, logger: silentLogger, planDir: join(plansDir, 'henan-2021'), ...overrides } as never;
}

/** What a search answers to each question: items and indicators, with scores. */
function answers(search: Awaited<ReturnType<typeof loadPlanSearch>>['search']) {
  return QUESTIONS.map((q) => ({ q, items: search.search(q), indicators: search.indicators(q).map((i) => [i.indicator.id, i.score]) }));
}

describe('the plan and its search index are cached on disk', () => {
  it('the first start builds and keeps them; the next reads them, with the same plan and the same answers', async () => {
    const opts = setup();
    const built = await loadPlanSearch(opts);
    expect(built.cache).toBe('miss');
    const read = await loadPlanSearch(opts);
    expect(read.cache).toBe('hit');
    const uncached = await loadPlanSearch({ ...opts, cacheDir: null });
    expect(uncached.cache).toBe('off');
    expect(read.plan).toEqual(await loadPlan('henan-2021', opts.plansDir));
    expect(answers(read.search)).toEqual(answers(uncached.search));
    expect(answers(built.search)).toEqual(answers(uncached.search));
  });

  it('a changed plan file is a miss: the answer comes from the new file', async () => {
    const opts = setup();
    await loadPlanSearch(opts);
    expect((await loadPlanSearch(opts)).cache).toBe('hit');
    const translation = join(opts.planDir, 'translation.en.json');
    const json = JSON.parse(readFileSync(translation, 'utf8'));
    json.items.O3.aliases.en.push('zebra crossings');
    writeFileSync(translation, JSON.stringify(json));
    const after = await loadPlanSearch(opts);
    expect(after.cache).toBe('miss');
    expect(after.search.search('zebra crossings')[0]?.id).toBe('O3');
    expect(after.plan.items.find((i) => i.id === 'O3')!.aliases.en).toContain('zebra crossings');
    expect((await loadPlanSearch(opts)).cache).toBe('hit');
  });

  it('a damaged or truncated cache file is ignored and rebuilt', async () => {
    const opts = setup();
    const fresh = await loadPlanSearch({ ...opts, cacheDir: null });
    await loadPlanSearch(opts);
    const file = cacheFile(opts.cacheDir, { planId: 'henan-2021', dir: opts.planDir });
    const bytes = readFileSync(file);
    for (const damaged of [bytes.subarray(0, bytes.length >> 1), Buffer.concat([bytes.subarray(0, 5000), Buffer.from('x'), bytes.subarray(5001)]), Buffer.from('not a cache'), Buffer.alloc(0)]) {
      writeFileSync(file, damaged);
      const again = await loadPlanSearch(opts);
      expect(again.cache).toBe('miss');
      expect(answers(again.search)).toEqual(answers(fresh.search));
      expect((await loadPlanSearch(opts)).cache).toBe('hit');
    }
  });

  it('an intact file built for another key (other files or other code) is a miss, never an answer', async () => {
    const opts = setup();
    const plan = await loadPlan('henan-2021', opts.plansDir);
    // A well-formed cache file whose plan says otherwise, under a key that is not this plan's.
    const other = { ...plan, items: plan.items.map((i) => (i.id === 'O3' ? { ...i, title: { zh: '别的', en: 'Something else' } } : i)) };
    const file = cacheFile(opts.cacheDir, { planId: 'henan-2021', dir: opts.planDir });
    await loadPlanSearch(opts);
    writeFileSync(file, encodeCachedPlan({ key: 'another-code-version', plan: other, indexes: indexPlan(other), synonyms: defaultSynonyms() }));
    const loaded = await loadPlanSearch(opts);
    expect(loaded.cache).toBe('miss');
    expect(loaded.plan.items.find((i) => i.id === 'O3')!.title.en).toBe(plan.items.find((i) => i.id === 'O3')!.title.en);
  });

  it('a cache folder that cannot be written costs only speed', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'planbot-cache-')), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const opts = setup({ cacheDir: join(blocker, 'cache') });
    const first = await loadPlanSearch(opts);
    expect(first.cache).toBe('miss');
    expect(first.search.search("what's the rural sewage target")[0]?.id).toBe('O3');
    expect((await loadPlanSearch(opts)).cache).toBe('miss');
  });

  it('keeps a bounded number of plans in one folder', async () => {
    const cacheDir = join(mkdtempSync(join(tmpdir(), 'planbot-cache-')), 'cache');
    for (let i = 0; i < 18; i++) await loadPlanSearch(setup({ cacheDir }));
    expect(readdirSync(cacheDir).filter((n) => n.endsWith('.plan-cache')).length).toBeLessThanOrEqual(16);
  }, 60_000);
});

describe('plan-bot ask with the cache (PLANBOT_CACHE_DIR)', () => {
  it('answers from the plan file as it is now, after the file changed between two runs', async () => {
    const opts = setup();
    const env = { PLANBOT_PLANS_DIR: opts.plansDir, PLANBOT_CACHE_DIR: opts.cacheDir };
    const before = await runCli(['ask', "what's the rural sewage target"], { env });
    expect(before.stdout).toMatch(/33%/);
    expect(readdirSync(opts.cacheDir)).toHaveLength(1);
    const document = join(opts.planDir, 'plan.zh.txt');
    writeFileSync(document, readFileSync(document, 'utf8').replace('农村生活污水治理率达到33%', '农村生活污水治理率达到35%'));
    const after = await runCli(['ask', "what's the rural sewage target"], { env });
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/35%/);
    expect(after.stdout).not.toMatch(/33%/);
  });

  it('PLANBOT_CACHE_DIR=off keeps nothing', async () => {
    const opts = setup();
    const { stdout } = await runCli(['ask', "what's the rural sewage target"], { env: { PLANBOT_PLANS_DIR: opts.plansDir, PLANBOT_CACHE_DIR: 'off' } });
    expect(stdout).toMatch(/33%/);
    expect(() => readdirSync(opts.cacheDir)).toThrow();
  });
});
