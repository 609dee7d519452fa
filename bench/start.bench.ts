/**
 * Cold start, issue 14's targets: `plan-bot ask "what's the rural sewage target"` ≤ 0.5 s and ≤ 120 MB
 * peak RSS, and `plan-bot serve` answering its first HTTP request (GET /healthz) ≤ 1 s, as fresh
 * processes (median of 5), beside bare `node -e ''` in the same run. The plan cache is measured both
 * ways: warm (what every start but the first after a change pays) and off (PLANBOT_CACHE_DIR=off).
 * Also prints which code bin/plan-bot.js ran (dist/ or the sources through tsx).
 * Run: `npm run bench start`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort } from '../tests/helpers/free-port.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
const QUESTION = "what's the rural sewage target";
// Prints the process's peak RSS (KB) on stderr at exit.
const PEAK_RSS = "data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxrss='+process.resourceUsage().maxRSS+'\\n'))";

/** Median wall seconds, CPU seconds (user + system) and peak RSS (MB) of RUNS cold runs of `node ARGS`; `env(i)` for run i. */
function cold(args: string[], env: (run: number) => NodeJS.ProcessEnv): { seconds: number; cpu: number; mb: number } {
  const seconds: number[] = [];
  const cpu: number[] = [];
  const mb: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpuBefore = childrenCpuSeconds();
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', PEAK_RSS, ...args], { cwd: ROOT, env: env(i), encoding: 'utf8' });
    seconds.push((performance.now() - started) / 1000);
    cpu.push(childrenCpuSeconds() - cpuBefore);
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
    mb.push(Number(/maxrss=(\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024);
  }
  return { seconds: median(seconds), cpu: median(cpu), mb: median(mb) };
}

/** CPU seconds (user + system) of this process's waited-for children so far: cutime + cstime of /proc/self/stat (Linux). */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields counted from 1 in proc(5); this list starts at field 3 (state): cutime is 16, cstime 17.
  return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / 100;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Seconds from spawning `plan-bot serve` until GET /healthz answers 200 (median of RUNS fresh processes). */
async function serveFirstRequest(env: NodeJS.ProcessEnv): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'planbot-start-serve-'));
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/plan-bot.js', 'serve'], { cwd: ROOT, env: { ...env, PLANBOT_DB: join(dir, 'state.json'), PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
    try {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
        if (performance.now() - started > 30_000) throw new Error('serve did not answer within 30 s');
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      times.push((performance.now() - started) / 1000);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
  return median(times);
}

/** Which code bin/plan-bot.js runs now, as its debug line says. */
function runningFrom(env: NodeJS.ProcessEnv): string {
  const run = spawnSync(process.execPath, ['bin/plan-bot.js', '--help'], { cwd: ROOT, env: { ...env, LOG_LEVEL: 'debug' }, encoding: 'utf8' });
  return /"msg":"([^"]+)"/.exec(run.stderr)?.[1] ?? 'unknown';
}

/** Cold-start figures of `plan-bot ask` and `serve`, and bare node. */
export async function runStartBench(): Promise<Record<string, number | string>> {
  const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
  const cacheDir = temp('planbot-start-cache-');
  const base = { PATH: process.env.PATH ?? '', PLANBOT_DB: join(temp('planbot-start-'), 'state.json'), LOG_LEVEL: 'silent' };
  const env = { ...base, PLANBOT_CACHE_DIR: cacheDir };
  const ask = ['bin/plan-bot.js', 'ask', QUESTION];
  const bare = cold(['-e', ''], () => env);
  // Each run in an empty cache folder: the first start after a change of plan or code, which builds the cache.
  const empty = cold(ask, () => ({ ...base, PLANBOT_CACHE_DIR: temp('planbot-start-empty-') }));
  const warm = cold(ask, () => env);
  const off = cold(ask, () => ({ ...base, PLANBOT_CACHE_DIR: 'off' }));
  return {
    'bin/plan-bot.js runs': runningFrom(env),
    'bare node -e "" (s, median of 5)': bare.seconds,
    'bare node CPU (s)': bare.cpu,
    'bare node peak RSS (MB)': bare.mb,
    'plan-bot ask cold, cache warm (s, median of 5)': warm.seconds,
    'plan-bot ask cold, cache warm CPU (s)': warm.cpu,
    'plan-bot ask cold, cache warm peak RSS (MB)': warm.mb,
    'plan-bot ask cold, cache empty (s, builds it)': empty.seconds,
    'plan-bot ask cold, cache empty peak RSS (MB)': empty.mb,
    'plan-bot ask cold, cache off (s)': off.seconds,
    'plan-bot ask cold, cache off peak RSS (MB)': off.mb,
    'plan-bot serve until GET /healthz is 200 (s, median of 5)': await serveFirstRequest(env),
    'load average (1 min) after the runs': readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!,
  };
}
