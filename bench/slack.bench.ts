/**
 * Slack adapter throughput and latency: signed `/plan <question>` requests against the real app on
 * loopback (the answer rides in the acknowledgement: one HTTP exchange), beside a bare Bolt app that
 * acknowledges with a small text body (Bolt's default App and receiver), same run, same client, same
 * requests, same concurrency, in interleaved rounds after a warm-up of each. Like with like: the real
 * app's `/plan` path is a plain Node HTTP handler (the door, whose signature check decides as Bolt's
 * `isValidSlackRequest`, then the command's listener code; no express), as is Bolt's default HTTPReceiver, so that is the baseline the
 * target is judged against; the bare app on ExpressReceiver is reported for reference. Also measured:
 * the adapter over a stub core. The eight questions are the primary figure (the bare app
 * answers in its ack); the real app is also asked the ~500 different texts of the answer corpus in turn
 * (`throughput_ratio_corpus`), a figure no cache keyed on a question's text could make. Writes are measured apart: signed `/plan update T<n> <status>` against the real app over
 * the file store (committed, fsync-ed, before the ack), beside a bare Bolt app that appends the
 * command as a JSON line to a file and `fdatasync`s it before acknowledging (the least a durable ack
 * can cost), in short rounds (the state file grows with every write). The client and the fake Slack
 * (Web API and response_url sink) run in a worker thread, so the main thread runs only the apps under
 * test: its CPU time per request is each app's cost, wall throughput the target's measure. Bounded by
 * a request count and a time limit; loopback only.
 * The apps run from dist/ (tsc's build, what `plan-bot serve` runs) when it is current, else from the
 * sources through tsx; `measured` says which. `npm run bench slack` builds dist/ first when it is stale.
 * Run: `npx tsx bench/slack.bench.ts [--src|--dist]`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { App, ExpressReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { corpusQuestions } from '../src/eval/answer-corpus.js';
import { distStatus } from './dist-build.js';

const SECRET = 'bench-signing-secret';
/** The writes: item and status vary per request (`{n}` 1–40, `{s}` a status). */
const WRITES = ['update T{n} {s}'];
const QUESTIONS = ["what's the rural sewage target", 'status of T9', 'T9', 'PM2.5 target', '农村生活污水治理率目标是多少', 'how many villages must be rectified', 'tasks in group 3', 'help'];
/**
 * The second mix of questions: every question of the eval sets and the commands of the answer bench
 * (about 500 different texts), asked in turn, so no answer is asked twice within a few hundred
 * requests: a figure that a cache keyed on the question's text could not make.
 */
const CORPUS = corpusQuestions(fileURLToPath(new URL('..', import.meta.url)));

interface Options {
  requests?: number;
  /** Writes per round (the state file is rewritten on every batch of writes, so it grows over a run). */
  writeRequests?: number;
  concurrency?: number;
  maxMs?: number;
  warmup?: number;
  /**
   * Alternating bare/real rounds; figures are medians over rounds, so a burst of background load skews
   * less (9: on a shared 2-core host single rounds moved by ±0.15, and 5 rounds' median by ±0.1).
   */
  rounds?: number;
  /** Runs only these apps (for profiling one of them); the figures of the others are then NaN. */
  only?: string[];
  /**
   * Where the apps' code comes from: 'dist' is tsc's build, what production runs (`plan-bot serve`);
   * 'src' the sources through tsx. Default: dist/ when it is current, else the sources.
   */
  from?: 'dist' | 'src';
}

/**
 * The plan-bot modules the apps under test are made of, from dist/ or from the sources (the types are
 * the sources'; the build is compiled from them).
 */
async function appModules(from: 'dist' | 'src') {
  const root = from === 'dist' ? '../dist/src/' : '../src/';
  const load = <T>(path: string) => import(`${root}${path}`) as Promise<T>;
  const [app, slack, config, clock, logger, reply, memory, file] = await Promise.all([
    load<typeof import('../src/app.js')>('app.js'),
    load<typeof import('../src/adapters/slack/index.js')>('adapters/slack/index.js'),
    load<typeof import('../src/config/load-config.js')>('config/load-config.js'),
    load<typeof import('../src/core/clock.js')>('core/clock.js'),
    load<typeof import('../src/core/logger.js')>('core/logger.js'),
    load<typeof import('../src/core/reply.js')>('core/reply.js'),
    load<typeof import('../src/store/memory-store.js')>('store/memory-store.js'),
    load<typeof import('../src/store/file-store.js')>('store/file-store.js'),
  ]);
  return { ...app, ...slack, ...config, ...clock, ...logger, ...reply, ...memory, ...file };
}

/** Which code the bench measures when not told: dist/ when current (what production runs), else the sources. */
function defaultFrom(): { from: 'dist' | 'src'; why: string } {
  const dist = distStatus();
  return dist.dist ? { from: 'dist', why: dist.why } : { from: 'src', why: `${dist.why}; npm run bench builds it` };
}

interface RunResult {
  done: number;
  seconds: number;
  ack: number[];
  answer: number[];
  /** Time the main thread (where the apps run) was busy during the run, ms. */
  busyMs: number;
}

/**
 * The load generator and fake Slack, as plain JavaScript for a worker thread (no TypeScript loader
 * needed there). Closed loop: each of `concurrency` workers sends a signed slash command, waits for
 * the HTTP answer (the ack) and, when `waitAnswer`, for the reply on its response_url, then sends the next.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { createHmac } = require('node:crypto');
const { secret, mixes } = workerData;
const waiting = new Map();
const sink = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const path = req.url || '';
    if (path.startsWith('/response/')) { const done = waiting.get(path.slice(10)); waiting.delete(path.slice(10)); if (done) done(); }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(path.endsWith('auth.test') ? '{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"T1"}' : '{"ok":true}');
  });
});
sink.keepAliveTimeout = 30000;
sink.listen(0, '127.0.0.1', () => parentPort.postMessage({ sink: 'http://127.0.0.1:' + sink.address().port }));
let seq = 0;
parentPort.on('message', async (m) => {
  if (m.cmd === 'close') { sink.closeAllConnections(); sink.close(); parentPort.close(); return; }
  const agent = new http.Agent({ keepAlive: true, maxSockets: m.concurrency });
  const base = 'http://127.0.0.1:' + sink.address().port;
  const ack = [], answer = [];
  let sent = 0;
  const started = performance.now(), deadline = started + m.maxMs;
  const one = async () => {
    const n = ++seq, id = m.label + '-' + n;
    const texts = mixes[m.mix];
    const body = new URLSearchParams({ command: '/plan', text: texts[n % texts.length].replace('{n}', String(1 + (n % 40))).replace('{s}', ['on-track', 'at-risk', 'off-track', 'done'][Math.floor(n / 40) % 4]), user_id: 'U1', user_name: 'alice', channel_id: 'C1', team_id: 'T1', api_app_id: 'A1', response_url: base + '/response/' + id, trigger_id: 't.' + n }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = 'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + body).digest('hex');
    const answered = m.waitAnswer ? new Promise((r) => waiting.set(id, r)) : null;
    const t0 = performance.now();
    await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: m.port, path: '/slack/events', method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': ts, 'x-slack-signature': signature } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error('HTTP ' + res.statusCode))));
      });
      req.on('error', reject);
      req.end(body);
    });
    ack.push(performance.now() - t0);
    if (answered) { await answered; answer.push(performance.now() - t0); }
  };
  try {
    await Promise.all(Array.from({ length: m.concurrency }, async () => { while (sent < m.requests && performance.now() < deadline) { sent++; await one(); } }));
    parentPort.postMessage({ result: { done: ack.length, seconds: (performance.now() - started) / 1000, ack, answer } });
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  } finally {
    agent.destroy();
  }
});
`;

function startClient(): Promise<{ sink: string; run(m: Record<string, unknown>): Promise<RunResult>; close(): Promise<void> }> {
  const worker = new Worker(CLIENT, { eval: true, workerData: { secret: SECRET, mixes: { questions: QUESTIONS, corpus: CORPUS, writes: WRITES } } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { sink: string }) =>
      resolve({
        sink: m.sink,
        run: (msg) =>
          new Promise((res, rej) => {
            const before = mainThreadCpu();
            worker.once('message', (r: { result?: RunResult; error?: string }) =>
              r.result ? res({ ...r.result, busyMs: mainThreadCpu().since(before) }) : rej(new Error(r.error)),
            );
            worker.postMessage(msg);
          }),
        close: async () => {
          worker.postMessage({ cmd: 'close' });
          await worker.terminate();
        },
      }),
    );
  });
}

/**
 * The main thread's CPU time, where the apps run: on Linux the scheduler's own count for this thread
 * (`/proc/thread-self/schedstat`, ns), so time the thread spent waiting for a core on a loaded machine
 * is not counted; elsewhere the event loop's active time (which does count it).
 */
function mainThreadCpu(): { ms: number; since(before: { ms: number }): number } {
  const ms = schedstatMs() ?? performance.eventLoopUtilization().active;
  return { ms, since: (before) => ms - before.ms };
}

function schedstatMs(): number | null {
  try {
    const ns = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    return Number.isFinite(ns) && ns > 0 ? ns / 1e6 : null;
  } catch {
    return null;
  }
}

/** Which measure the `*_ms_per_request` figures are. */
function cpuMeasure(): string {
  return schedstatMs() !== null ? 'main-thread CPU (schedstat)' : 'main-thread event-loop active time';
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

const round = (n: number) => Math.round(n * 100) / 100;
const median = (xs: number[]) => percentile(xs, 50);

const quiet: BoltLogger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'error' as ReturnType<BoltLogger['getLevel']>, setName() {} };

/** Runs the apps under the same load and reports throughput, latency, CPU per request and whether the targets are met. */
export async function runSlackBench(options: Options = {}): Promise<Record<string, number | string>> {
  const chosen = options.from ? { from: options.from, why: 'as asked' } : defaultFrom();
  const o: Required<Options> = { requests: 1500, writeRequests: 300, concurrency: 8, maxMs: 5000, warmup: 1500, rounds: 9, only: [], ...options, from: chosen.from };
  const { createApp, startSlack, loadConfig, fixedClock, silentLogger, reply, MemoryStore, openFileStore } = await appModules(o.from);
  const measured = o.from === 'dist' ? `dist/ (tsc build, as production runs; ${chosen.why})` : `src/ through tsx (${chosen.why})`;
  const client = await startClient();
  const dir = mkdtempSync(join(tmpdir(), 'planbot-slack-bench-'));

  // The real app: the core behind the Slack adapter, started as `serve` starts it.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${client.sink}/api/`, LOG_LEVEL: 'silent' });
  const core = await createApp(config, { store: new MemoryStore(), clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
  const realSlack = await startSlack({ app: core, config, logger: silentLogger });
  const realPort = realSlack.address!.port;

  // The real app for writes: as `serve` starts it over a state file (an update is committed, fsync-ed,
  // before its ack), with the bench's user an admin so that every update is recorded.
  const writeConfig = loadConfig({ PORT: '0', HOST: '127.0.0.1', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${client.sink}/api/`, LOG_LEVEL: 'silent', PLANBOT_ADMINS: 'slack:U1' });
  const fileStore = await openFileStore(join(dir, 'state.json'));
  const writeCore = await createApp(writeConfig, { store: fileStore, clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
  const writeSlack = await startSlack({ app: writeCore, config: writeConfig, logger: silentLogger, inboxFile: join(dir, 'slack-inbox.jsonl') });
  const writePort = writeSlack.address!.port;
  // The bare app for writes: appends the command to a file and fdatasyncs it before acknowledging.
  const journal = await open(join(dir, 'bare-journal.jsonl'), 'a');
  const bareWrites = new App({ signingSecret: SECRET, token: 'xoxb-bench', botId: 'BBOT', botUserId: 'UBOT', convoStore: false, logger: quiet });
  bareWrites.command('/plan', async ({ command, ack }) => {
    await journal.appendFile(`${JSON.stringify({ user: command.user_id, text: command.text, at: new Date().toISOString() })}\n`);
    await journal.datasync();
    await ack({ response_type: 'in_channel', text: 'Recorded.' });
  });
  const bareWritePort = (((await bareWrites.start(0)) as Server).address() as AddressInfo).port;

  // The adapter alone: the same Slack adapter over a core that answers at once with a fixed reply,
  // to tell the adapter's cost (ack, Block Kit, the response_url POST) from the core's.
  const stubBot = { handle: async () => ({ ...reply('en', [{ type: 'paragraph', text: 'The target is 33%.' }]), intent: 'stub' }) };
  const stubSlack = await startSlack({ app: { ...core, bot: stubBot }, config, logger: silentLogger });
  const stubPort = stubSlack.address!.port;

  // The bare app: Bolt as its documentation starts it (`new App({ signingSecret, token })`, its default
  // HTTPReceiver: signature checked, body parsed, ack sent), acknowledging with a small text body.
  const bareApp = bareBolt(new App({ signingSecret: SECRET, token: 'xoxb-bench', botId: 'BBOT', botUserId: 'UBOT', convoStore: false, logger: quiet }));
  const barePort = (((await bareApp.start(0)) as Server).address() as AddressInfo).port;
  // For reference: the same bare app on ExpressReceiver (the receiver the adapter hands requests to), which costs more per request.
  const expressReceiver = new ExpressReceiver({ signingSecret: SECRET, logger: quiet });
  bareBolt(new App({ receiver: expressReceiver, token: 'xoxb-bench', botId: 'BBOT', botUserId: 'UBOT', convoStore: false, logger: quiet }));
  const expressPort = ((await expressReceiver.start(0)).address() as AddressInfo).port;

  try {
    const load = { concurrency: o.concurrency, maxMs: o.maxMs, waitAnswer: false };
    const all = { bare: barePort, real: realPort, realCorpus: realPort, stub: stubPort, express: expressPort, bareWrite: bareWritePort, realWrite: writePort };
    const apps = Object.fromEntries(Object.entries(all).filter(([name]) => o.only.length === 0 || o.only.includes(name))) as typeof all;
    const mix = (name: string) => (name.endsWith('Write') ? 'writes' : name === 'realCorpus' ? 'corpus' : 'questions');
    const count = (name: string, n: number) => (name.endsWith('Write') ? Math.min(n, o.writeRequests) : n);
    const runs: Record<keyof typeof apps, RunResult[]> = { bare: [], real: [], realCorpus: [], stub: [], express: [], bareWrite: [], realWrite: [] };
    let writesAcked = 0;
    // Questions first, then writes, each phase warmed and run in its own interleaved rounds: the writes'
    // fsyncs (and the kernel's writeback after them) would otherwise fall on whichever app runs next,
    // the bare app at the start of each round, and flatter the ratio.
    const entries = Object.entries(apps) as [keyof typeof apps, number][];
    const phases = [entries.filter(([name]) => !name.endsWith('Write')), entries.filter(([name]) => name.endsWith('Write'))];
    for (const phase of phases) {
      for (const [name, port] of phase) {
        const warm = await client.run({ ...load, requests: count(name, o.warmup), mix: mix(name), port, label: `w${name}` });
        if (name === 'realWrite') writesAcked += warm.done;
      }
      // Interleaved rounds: each app in turn, so a burst of background load falls on all of them alike.
      for (let i = 0; i < o.rounds; i++) {
        for (const [name, port] of phase) {
          runs[name].push(await client.run({ ...load, requests: count(name, o.requests), mix: mix(name), port, label: `${name}${i}` }));
        }
      }
    }
    const { bare, real, realCorpus, stub, express, bareWrite, realWrite } = runs;
    writesAcked += realWrite.reduce((n, r) => n + r.done, 0);
    const writesRecorded = fileStore.events().length;
    const rps = (r: RunResult | undefined) => (r ? r.done / r.seconds : NaN);
    // The apps' own cost: main-thread CPU per request (the load client and fake Slack run in a worker).
    const cpuPerRequest = (runs: RunResult[]) => median(runs.map((r) => r.busyMs / r.done));
    const ms = (n: number) => Math.round(n * 1e5) / 1e5;
    const ratios = real.map((r, i) => rps(r) / rps(bare[i]));
    const ratio = median(ratios);
    // The answer is the acknowledgement: its latency is the answer's.
    const ack = real.flatMap((r) => r.ack);
    const ackP99 = percentile(ack, 99);
    return {
      measured,
      requests: ack.length,
      rounds: o.rounds,
      concurrency: o.concurrency,
      cpu_measure: cpuMeasure(),
      bare_rps: round(median(bare.map(rps))),
      bare_ack_p50_ms: round(percentile(bare.flatMap((r) => r.ack), 50)),
      bare_ack_p99_ms: round(percentile(bare.flatMap((r) => r.ack), 99)),
      real_rps: round(median(real.map(rps))),
      real_answer_p50_ms: round(percentile(ack, 50)),
      real_answer_p99_ms: round(ackP99),
      throughput_ratio: round(ratio),
      // The spread of the rounds' ratios: how much the machine's other load moved them.
      throughput_ratio_rounds: `${round(Math.min(...ratios))}–${round(Math.max(...ratios))}`,
      real_corpus_rps: round(median(realCorpus.map(rps))),
      real_corpus_answer_p99_ms: round(percentile(realCorpus.flatMap((r) => r.ack), 99)),
      throughput_ratio_corpus: round(median(realCorpus.map((r, i) => rps(r) / rps(bare[i])))),
      bare_app_ms_per_request: ms(cpuPerRequest(bare)),
      real_app_ms_per_request: ms(cpuPerRequest(real)),
      real_corpus_ms_per_request: ms(cpuPerRequest(realCorpus)),
      capacity_ratio: round(cpuPerRequest(bare) / cpuPerRequest(real)),
      adapter_only_rps: round(median(stub.map(rps))),
      adapter_only_ms_per_request: ms(cpuPerRequest(stub)),
      adapter_only_ratio: round(median(stub.map((r, i) => rps(r) / rps(bare[i])))),
      adapter_only_answer_p99_ms: round(percentile(stub.flatMap((r) => r.ack), 99)),
      bare_express_rps: round(median(express.map(rps))),
      bare_express_ms_per_request: ms(cpuPerRequest(express)),
      ratio_to_bare_express: round(median(real.map((r, i) => rps(r) / rps(express[i])))),
      write_requests: realWrite.reduce((n, r) => n + r.done, 0),
      bare_write_rps: round(median(bareWrite.map(rps))),
      bare_write_ack_p99_ms: round(percentile(bareWrite.flatMap((r) => r.ack), 99)),
      real_write_rps: round(median(realWrite.map(rps))),
      real_write_ack_p50_ms: round(percentile(realWrite.flatMap((r) => r.ack), 50)),
      real_write_ack_p99_ms: round(percentile(realWrite.flatMap((r) => r.ack), 99)),
      write_throughput_ratio: round(median(realWrite.map((r, i) => rps(r) / rps(bareWrite[i])))),
      bare_write_ms_per_request: ms(cpuPerRequest(bareWrite)),
      real_write_ms_per_request: ms(cpuPerRequest(realWrite)),
      writes_acked_recorded: `${writesAcked}/${writesRecorded}`,
      target: 'questions: rps >= 0.75 x bare_rps (answers in the ack), p99 <= 50 ms at concurrency 8',
      pass: ratio >= 0.75 && ackP99 <= 50 ? 'yes' : 'no',
    };
  } finally {
    await writeSlack.stop();
    await writeCore.store.close();
    await bareWrites.stop();
    await journal.close();
    rmSync(dir, { recursive: true, force: true });
    await realSlack.stop();
    await stubSlack.stop();
    await bareApp.stop();
    await expressReceiver.stop();
    await client.close();
  }
}

/** The bare listener: acknowledge `/plan` with a small text body, nothing else. */
function bareBolt(app: App): App {
  app.command('/plan', async ({ ack }) => {
    await ack({ response_type: 'in_channel', text: 'The target is 33%.' });
  });
  return app;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--src` or `--dist` picks the code measured; default dist/ when current, else the sources.
  const from = process.argv.includes('--src') ? 'src' : process.argv.includes('--dist') ? 'dist' : undefined;
  runSlackBench(from ? { from } : {}).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
