/**
 * Whether dist/ (the tsc build that production runs, scripts/build.mjs) is current, and building it
 * when it is not, so a bench can measure the JavaScript that `plan-bot serve` runs rather than the
 * sources through tsx (whose esbuild `keepNames` wraps functions in `__name(...)` calls).
 * The rule is bin/plan-bot.js's: the build stamp exists and no source under src/ or intents/ changed
 * after the build started (kept in step by hand: that file must stay self-contained).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Whether dist/ is current, and why (or why not). */
export interface DistStatus {
  current: boolean;
  why: string;
}

/** Whether dist/ holds a build newer than every source under src/ and intents/. */
export function distStatus(root = ROOT): DistStatus {
  const since = statSync(`${root}dist/.build-stamp`, { throwIfNoEntry: false })?.mtimeMs;
  if (since === undefined) return { current: false, why: 'dist/ is not built' };
  for (const dir of ['src/', 'intents/']) {
    const changed = changedSince(root + dir, since);
    if (changed) return { current: false, why: `${changed.slice(root.length)} changed after the build` };
  }
  return { current: true, why: `built ${new Date(since).toISOString()}` };
}

/** The first source file under `dir` (ending in /) changed after `since` (ms), or null. */
function changedSince(dir: string, since: number): string | null {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  for (const entry of entries) {
    const path = dir + entry.name;
    if (entry.isDirectory()) {
      const found = changedSince(`${path}/`, since);
      if (found) return found;
    } else if (/\.(ts|js|json)$/.test(entry.name) && statSync(path).mtimeMs > since) return path;
  }
  return null;
}

/** Builds dist/ (`npm run build`) unless it is current; the status after. Throws when the build fails. */
export function ensureDist(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): DistStatus {
  const before = distStatus();
  if (before.current) return before;
  log(`bench: building dist/ (${before.why}) …`);
  const run = spawnSync(process.execPath, [`${ROOT}scripts/build.mjs`], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`bench: npm run build failed (exit ${run.status ?? run.signal})`);
  return distStatus();
}
