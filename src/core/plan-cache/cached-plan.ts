import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from '../logger.js';
import { planFromFiles, readPlanFiles, type PlanFiles } from '../../plan/load-plan.js';
import type { Plan } from '../../plan/schema.js';
import { defaultSynonyms, useDefaultSynonyms } from '../../search/index.js';
import { createPlanSearch, indexPlan, type PlanSearch } from '../plan-search.js';
import { decodeCachedPlan, encodeCachedPlan } from './cache-file.js';
import { codeVersion } from './code-version.js';

/** A plan and its search, and whether they came from the cache (`hit`), were built and kept (`miss`), or the cache is off. */
export interface PlanAndSearch {
  plan: Plan;
  search: PlanSearch;
  cache: 'hit' | 'miss' | 'off';
}

/** Where and whether to keep built plans: `cacheDir` null turns the cache off. */
export interface PlanCacheOptions {
  planId: string;
  plansDir: string;
  cacheDir: string | null;
  logger: Logger;
}

let version: string | null = null;

/**
 * Loads a plan and builds its search index, or takes both from the on-disk cache when it holds them
 * for exactly these plan files and this code (the key hashes the files' contents and {@link codeVersion}).
 * A stale, damaged or unreadable cache file is ignored and rebuilt; a cache that cannot be written only
 * costs the next start its speed. A plan with errors is never cached: its errors are thrown each time.
 */
export async function loadPlanSearch(opts: PlanCacheOptions): Promise<PlanAndSearch> {
  const files = await readPlanFiles(opts.planId, opts.plansDir);
  if (opts.cacheDir === null) {
    const plan = planFromFiles(files);
    return { plan, search: createPlanSearch(plan), cache: 'off' };
  }
  const key = cacheKey(files);
  const file = cacheFile(opts.cacheDir, files);
  const bytes = await readFile(file).catch(() => null);
  const cached = bytes && decodeCachedPlan(bytes, key);
  if (cached) {
    useDefaultSynonyms(cached.synonyms);
    opts.logger.debug({ file }, 'plan and search index read from the cache');
    return { plan: cached.plan, search: createPlanSearch(cached.plan, cached.indexes), cache: 'hit' };
  }
  const plan = planFromFiles(files);
  const indexes = indexPlan(plan);
  try {
    await writeAtomically(file, encodeCachedPlan({ key, plan, indexes, synonyms: defaultSynonyms() }));
    await pruneCache(opts.cacheDir);
    opts.logger.debug({ file, replaced: bytes !== null }, 'plan and search index built and cached');
  } catch (err) {
    opts.logger.debug({ err, file }, 'plan and search index built; the cache could not be written (set PLANBOT_CACHE_DIR, or off)');
  }
  return { plan, search: createPlanSearch(plan, indexes), cache: 'miss' };
}

/** The key of a plan's cache entry: the plan's id, folder and files, and the code that turns them into a plan and index. */
export function cacheKey(files: PlanFiles): string {
  version ??= codeVersion();
  const hash = createHash('sha256').update(`${version}\0${files.planId}\0${resolve(files.dir)}\0`);
  for (const text of [files.document, files.translation, files.units]) hash.update(text === null ? '\u0001absent' : `\u0002${text}`).update('\0');
  return hash.digest('hex');
}

/** One file per plan folder, rewritten when the key changes, so stale entries do not pile up. */
export function cacheFile(cacheDir: string, files: Pick<PlanFiles, 'planId' | 'dir'>): string {
  const where = createHash('sha256').update(resolve(files.dir)).digest('hex').slice(0, 12);
  return join(cacheDir, `${files.planId}-${where}.plan-cache`);
}

/** Most plan folders kept in a cache folder; the least recently written beyond it are deleted (plans tried in passing, tests). */
export const MAX_CACHED_PLANS = 16;

async function pruneCache(cacheDir: string): Promise<void> {
  const names = (await readdir(cacheDir)).filter((n) => n.endsWith('.plan-cache'));
  if (names.length <= MAX_CACHED_PLANS) return;
  const files = await Promise.all(names.map(async (n) => ({ path: join(cacheDir, n), at: (await stat(join(cacheDir, n)).catch(() => null))?.mtimeMs ?? 0 })));
  files.sort((a, b) => b.at - a.at);
  await Promise.all(files.slice(MAX_CACHED_PLANS).map((f) => rm(f.path, { force: true })));
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
