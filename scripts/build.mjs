// `npm run build`, and the `prepare` step that `npm install` / `npm ci` run: compiles src/ and intents/
// with tsc (tsconfig.build.json) into dist/, then writes dist/.build-stamp, which bin/plan-bot.js reads to
// decide whether dist/ is current. The stamp carries the time the build started, so a source saved while
// tsc was running counts as newer than the build.
//
// With `--if-possible` (the `prepare` step) a failed build does not fail the install: it prints why, leaves
// no stamp, and plan-bot then runs the sources through tsx (slower to start, same behaviour). Type errors
// still fail `npm test` (its typecheck) and `npm run build`. Without the flag, any failure exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
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
// A clean build: no file left over from a source that was deleted or renamed.
rmSync(DIST, { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
if (run.status !== 0) {
  rmSync(DIST, { recursive: true, force: true });
  giveUp(`tsc failed (exit ${run.status ?? run.signal}); the errors are above. dist/ was removed.`);
}
writeFileSync(STAMP, `${JSON.stringify({ builtAt: started.toISOString() })}\n`);
utimesSync(STAMP, started, started);
