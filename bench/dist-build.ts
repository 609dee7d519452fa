/**
 * Whether dist/ (the tsc build that production runs, scripts/build.mjs) is current, and building it
 * when it is not, so a bench can measure the JavaScript that `plan-bot serve` runs rather than the
 * sources through tsx (whose esbuild `keepNames` wraps functions in `__name(...)` calls).
 * The rule is bin/plan-bot.js's: the build stamp exists and no source under src/ or intents/ changed
 * after the build started (bin/dist-choice.js, which both read).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { distChoice } from '../bin/dist-choice.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Whether dist/ holds a build newer than every source under src/ and intents/ (bin/plan-bot.js's rule), and why. */
export const distStatus = (): ReturnType<typeof distChoice> => distChoice(ROOT);

/** Builds dist/ (`npm run build`) unless it is current; the status after. Throws when the build fails. */
export function ensureDist(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ReturnType<typeof distChoice> {
  const before = distStatus();
  if (before.dist) return before;
  log(`bench: building dist/ (${before.why}) …`);
  const run = spawnSync(process.execPath, [`${ROOT}scripts/build.mjs`], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`bench: npm run build failed (exit ${run.status ?? run.signal})`);
  return distStatus();
}
