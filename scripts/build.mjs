// `npm run build`, and the `prepare` step that `npm install` / `npm ci` run: compiles src/ and intents/ with
// tsc (tsconfig.build.json) beside dist/ and swaps the result in, with dist/.build-stamp, which
// bin/plan-bot.js reads to decide whether dist/ is current. The stamp carries the time the build started,
// so a source saved while tsc was running counts as newer than the build.
//
// With `--if-possible` (the `prepare` step) a failed build does not fail the install: it prints why and
// leaves dist/ as it was (none, or an older build that bin/plan-bot.js runs only while no source is newer),
// so plan-bot runs the sources through tsx (slower to start, same behaviour). Type errors still fail
// `npm test` (its typecheck) and `npm run build`. Without the flag, any failure exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = `${ROOT}dist`;
const STAMP = `${DIST}/.build-stamp`;
const lenient = process.argv.includes('--if-possible');

/** Stops the build: an error for `npm run build`, a notice (and exit 0) for `npm install`. */
function giveUp(reason) {
  const fallback = 'plan-bot will run its TypeScript sources through tsx instead (it works, but starts slower). Fix the cause and run `npm run build`.';
  process.stderr.write(`\nplan-bot build: ${reason}\n${lenient ? fallback : ''}\n`);
  process.exit(lenient ? 0 : 1);
}

if (!existsSync(`${ROOT}tsconfig.build.json`)) giveUp('no tsconfig.build.json (not a plan-bot checkout?)');
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  giveUp('TypeScript is not installed (an install without dev dependencies?).');
}
const started = new Date();
// Built beside dist/ and swapped in whole: a running plan-bot that imports a module lazily never finds
// dist/ half written or gone, and a failed build leaves the previous one in place.
const NEXT = `${ROOT}dist.next`;
const OLD = `${ROOT}dist.old`;
rmSync(NEXT, { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', NEXT], { cwd: ROOT, stdio: 'inherit' });
if (run.status !== 0) {
  rmSync(NEXT, { recursive: true, force: true });
  giveUp(`tsc failed (exit ${run.status ?? run.signal}); the errors are above.${existsSync(STAMP) ? ' The previous build in dist/ stays, but bin/plan-bot.js runs it only while no source is newer.' : ''}`);
}
writeFileSync(`${NEXT}/.build-stamp`, `${JSON.stringify({ builtAt: started.toISOString() })}\n`);
utimesSync(`${NEXT}/.build-stamp`, started, started);
rmSync(OLD, { recursive: true, force: true });
if (existsSync(DIST)) renameSync(DIST, OLD);
renameSync(NEXT, DIST);
rmSync(OLD, { recursive: true, force: true });
