/**
 * Cold start: `plan-bot ask "what's the rural sewage target"` as fresh processes (wall time and peak
 * RSS, median of 5), beside bare `node -e ''` in the same run. Issue 14's target: ask ≤ 0.5 s, ≤ 120 MB.
 * Run: `npm run bench start`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
// Prints the process's peak RSS (KB) on stderr at exit.
const PEAK_RSS = "data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxrss='+process.resourceUsage().maxRSS+'\\n'))";

/** Median wall seconds and peak RSS (MB) of RUNS cold runs of `node ARGS`. */
function cold(args: string[], env: NodeJS.ProcessEnv): { seconds: number; mb: number } {
  const seconds: number[] = [];
  const mb: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', PEAK_RSS, ...args], { cwd: ROOT, env, encoding: 'utf8' });
    seconds.push((performance.now() - started) / 1000);
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
    mb.push(Number(/maxrss=(\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024);
  }
  return { seconds: median(seconds), mb: median(mb) };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Cold-start figures of `plan-bot ask` and bare node. */
export async function runStartBench(): Promise<Record<string, number | string>> {
  const env = { PATH: process.env.PATH ?? '', PLANBOT_DB: join(mkdtempSync(join(tmpdir(), 'planbot-start-')), 'state.json'), LOG_LEVEL: 'silent' };
  const bare = cold(['-e', ''], env);
  const ask = cold(['bin/plan-bot.js', 'ask', "what's the rural sewage target"], env);
  return {
    'bare node -e "" (s, median of 5)': bare.seconds,
    'bare node peak RSS (MB)': bare.mb,
    'plan-bot ask cold (s, median of 5)': ask.seconds,
    'plan-bot ask peak RSS (MB)': ask.mb,
  };
}
