// Whether plan-bot runs the build in dist/ or its TypeScript sources: the one rule that bin/plan-bot.js
// and the benches (bench/dist-build.ts) share. The build is current when its stamp exists and no source
// under src/ or intents/ changed after the build started. Plain JavaScript beside the bin, so the entry
// point needs nothing compiled to decide.
import { readdirSync, statSync } from 'node:fs';

/** The first source file under `dir` (a path ending in /) changed after `since` (ms), or null. */
function changedSince(dir, since) {
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

/** Whether the package at `root` (a path ending in /) has a current build in dist/, and why (or why not). */
export function distChoice(root) {
  const since = statSync(`${root}dist/.build-stamp`, { throwIfNoEntry: false })?.mtimeMs ?? null;
  if (since === null) return { dist: false, why: 'dist/ is not built (npm run build)' };
  for (const dir of ['src/', 'intents/']) {
    const changed = changedSince(root + dir, since);
    if (changed) return { dist: false, why: `${changed.slice(root.length)} changed after the build (npm run build)` };
  }
  return { dist: true, why: `built ${new Date(since).toISOString()}` };
}
