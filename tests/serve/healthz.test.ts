import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { serve, type Running, type ServeIo } from '../../src/main.js';
import { storeHealthProbe } from '../../src/serve-health.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { freshDb } from '../support/run-cli.js';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.js';

let running: Running | null = null;
let slack: FakeSlack | null = null;

afterEach(async () => {
  await running?.stop();
  await slack?.close();
  running = null;
  slack = null;
});

/** `serve` on a fresh port with a console at which `typed` is typed (as console:erin); `out` collects what it prints. */
async function start(env: Record<string, string>, typed: string[] = []): Promise<{ running: Running; out: string[] }> {
  const out: string[] = [];
  const io: ServeIo = {
    stdout: (t) => out.push(t),
    consoleLines: (async function* () {
      yield* typed;
    })(),
    consoleUser: 'erin',
  };
  running = await serve(loadConfig({ PORT: '0', HOST: '127.0.0.1', ...env }), silentLogger, io, fixedClock('2021-06-07T09:00:00+08:00'));
  return { running, out };
}

async function healthz(r: Running): Promise<{ status: number; body: any; cache: string | null }> {
  const res = await fetch(new URL('/healthz', r.url));
  return { status: res.status, body: await res.json(), cache: res.headers.get('cache-control') };
}

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
  expect(await check()).toBe(true);
}

/** Until the web chat has loaded Botkit (on the first socket, or shortly after start) and accepts sockets. */
const chatReady = (r: Running) => until(async () => (await healthz(r)).body.adapters.web.started === true);

describe('GET /healthz on serve', () => {
  it('answers while the web chat is still loading Botkit, saying the chat has not started yet', async () => {
    const { running: r } = await start({ PLANBOT_DB: freshDb() });
    const first = await healthz(r);
    expect(first.status).toBe(200);
    expect(first.body.adapters.web).toEqual({ configured: true, started: false });
    await chatReady(r);
  });

  it('reports the file store (kind, events, writable) and the adapters: 200 when healthy', async () => {
    const { running: r, out } = await start({ PLANBOT_DB: freshDb() }, ['/plan update T9 on track']);
    await until(() => out.some((t) => /T9/.test(t) && !/serving/.test(t)));
    await chatReady(r);
    const { status, body, cache } = await healthz(r);
    expect(status).toBe(200);
    expect(cache).toBe('no-store');
    expect(body).toEqual({
      ok: true,
      store: { kind: 'file', events: 1, writable: true },
      adapters: { web: { configured: true, started: true }, slack: { configured: false, started: false }, dingtalk: { configured: false, started: false }, wecom: { configured: false, started: false } },
    });
  });

  it('reports Slack as configured and started when the environment sets it up', async () => {
    slack = await startFakeSlack();
    const { running: r } = await start({ PLANBOT_DB: freshDb(), SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl });
    await chatReady(r);
    const { status, body } = await healthz(r);
    expect(status).toBe(200);
    expect(body.adapters).toEqual({ web: { configured: true, started: true }, slack: { configured: true, started: true }, dingtalk: { configured: false, started: false }, wecom: { configured: false, started: false } });
    expect(body.store).toEqual({ kind: 'file', events: 0, writable: true });
  });

  it('answers 503 when the store is unusable (its folder is gone), saying why', async () => {
    const db = freshDb();
    const { running: r } = await start({ PLANBOT_DB: db });
    expect((await healthz(r)).status).toBe(200);
    await chatReady(r);
    rmSync(dirname(db), { recursive: true, force: true });
    const { status, body } = await healthz(r);
    expect(status).toBe(503);
    expect(body.ok).toBe(false);
    expect(body.store).toMatchObject({ kind: 'file', writable: false, error: expect.stringMatching(/not writable/) });
    expect(body.adapters.web).toEqual({ configured: true, started: true });
  });
});

describe('the store probe', () => {
  it('asks a store that reports on itself, and a probe that throws is an unusable store', async () => {
    const healthy = Object.assign(new MemoryStore(), { health: async () => ({ kind: 'postgres', events: 3, writable: true }) });
    expect(await storeHealthProbe(healthy, { kind: 'file', file: freshDb() })()).toEqual({ kind: 'postgres', events: 3, writable: true });
    const { healthReport } = await import('../../src/core/health.js');
    const down = await healthReport({ store: async () => Promise.reject(new Error('connection refused')), adapters: () => ({}) });
    expect(down).toEqual({ status: 503, body: { ok: false, store: { kind: 'unknown', events: 0, writable: false, error: 'connection refused' }, adapters: {} } });
  });
});
