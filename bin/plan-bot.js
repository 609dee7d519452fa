#!/usr/bin/env node
// Entry point of the `plan-bot` command. Runs the JavaScript that `npm install` built into dist/ (the
// `prepare` script, scripts/build.mjs) when that build is current: its stamp exists and no source under
// src/ or intents/ changed after the build started. Otherwise (development, or a build that failed at
// install) it runs the TypeScript sources through tsx. LOG_LEVEL=debug says which on stderr.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** When the current build started (ms), or null when there is no complete build. */
function builtAt() {
  return statSync(`${ROOT}dist/.build-stamp`, { throwIfNoEntry: false })?.mtimeMs ?? null;
}

/** The first source file under `dir` (a path ending in /) changed after `since`, or null. */
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

/** Whether to run dist/, and why. */
function choose() {
  const since = builtAt();
  if (since === null) return { dist: false, why: 'dist/ is not built (npm run build)' };
  for (const dir of ['src/', 'intents/']) {
    const changed = changedSince(ROOT + dir, since);
    if (changed) return { dist: false, why: `${changed.slice(ROOT.length)} changed after the build (npm run build)` };
  }
  return { dist: true, why: `built ${new Date(since).toISOString()}` };
}

const choice = choose();
if (/^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '')) {
  const msg = choice.dist ? `running the build in dist/ (${choice.why})` : `running the TypeScript sources through tsx: ${choice.why}`;
  process.stderr.write(`${JSON.stringify({ level: 20, time: Date.now(), app: 'plan-bot', msg })}\n`);
}
let runCli;
if (choice.dist) {
  ({ runCli } = await import('../dist/src/cli/run-cli.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../src/cli/run-cli.ts'));
}
process.exitCode = await runCli(process.argv.slice(2));
