// Restart after a crash: `kill -9` of a running `plan-bot serve`, then a new `serve` started at once (as a
// supervisor would), timed until the new one answers — the web chat page (HTTP 200) and a first chat
// answer over its websocket. A cold start of `serve` on the same file (no lock left behind) is the
// baseline measured in the same run: the difference is what the left-over lock costs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { stateFileText } from '../src/store/state-file.js';
import { freePort } from '../tests/helpers/free-port.js';

const BIN = fileURLToPath(new URL('../bin/plan-bot.js', import.meta.url));

/** Times, in ms from the start (or from the kill -9), until the new `serve` answered. */
export interface RestartTimes {
  page: number;
  answer: number | null;
  /** CPU time (user + system, ms) the new `serve` had used when it first answered: what an idle machine would take, roughly. */
  cpu: number | null;
}

/** CPU time used so far by a process (Linux /proc, 100 ticks a second), or null. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[14 - 3]) + Number(f[15 - 3])) * 10;
  } catch {
    return null;
  }
}

function startServe(db: string, port: number): ChildProcess {
  return spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, PLANBOT_DB: db, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', PLANBOT_ADMINS: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** One chat question over the websocket; resolves with the reply's text, or rejects. */
function askOverWebSocket(port: number, text: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    const timer = setTimeout(() => (ws.terminate(), reject(new Error('no answer'))), timeoutMs);
    ws.once('error', (err) => (clearTimeout(timer), reject(err)));
    ws.once('open', () => ws.send(JSON.stringify({ type: 'message', user: 'bench', channel: 'general', text })));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type?: string; text?: string };
      if (frame.type !== 'message') return;
      clearTimeout(timer);
      ws.close();
      resolve(String(frame.text ?? ''));
    });
  });
}

/** Polls until the server at `port` serves its page, then until it answers a question; times from `t0`. */
async function untilAnswering(port: number, t0: number, child: ChildProcess, deadlineMs = 30_000): Promise<RestartTimes> {
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  let page: number | null = null;
  while (page === null) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${stderr.slice(0, 500)}`);
    if (performance.now() - t0 > deadlineMs) throw new Error(`serve did not answer within ${deadlineMs} ms`);
    const ok = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.status === 200, () => false);
    if (ok) page = performance.now() - t0;
    else await new Promise((r) => setTimeout(r, 20));
  }
  // The chat protocol belongs to the web adapter; if it changes, the page time still stands.
  const answer = await askOverWebSocket(port, 'what is task 9', 5000).then(
    () => performance.now() - t0,
    () => null,
  );
  return { page, answer, cpu: cpuMs(child.pid) };
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  await exited;
}

/** Median cold start and median restart after kill -9, over `rounds` rounds. */
export async function measureRestart(rounds = 3): Promise<{ cold: RestartTimes; afterKill: RestartTimes }> {
  const dir = mkdtempSync(join(tmpdir(), 'planbot-restart-bench-'));
  const db = join(dir, 'state.json');
  writeFileSync(db, stateFileText([]));
  const colds: RestartTimes[] = [];
  const kills: RestartTimes[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const port = await freePort();
      let t0 = performance.now();
      const first = startServe(db, port);
      try {
        colds.push(await untilAnswering(port, t0, first));
        const exited = new Promise<void>((r) => first.once('exit', () => r()));
        t0 = performance.now();
        first.kill('SIGKILL');
        await exited;
        const second = startServe(db, port);
        try {
          kills.push(await untilAnswering(port, t0, second));
        } finally {
          await stop(second, 'SIGTERM');
        }
      } finally {
        await stop(first, 'SIGKILL');
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { cold: median(colds), afterKill: median(kills) };
}

function median(times: RestartTimes[]): RestartTimes {
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const answers = times.map((t) => t.answer).filter((a): a is number => a !== null);
  const cpus = times.map((t) => t.cpu).filter((c): c is number => c !== null);
  return {
    page: Math.round(mid(times.map((t) => t.page))),
    answer: answers.length === times.length ? Math.round(mid(answers)) : null,
    cpu: cpus.length === times.length ? mid(cpus) : null,
  };
}
