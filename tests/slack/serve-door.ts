import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App as PlanApp } from '../../src/app.js';
import { mountOnServer, startSlack, type SlackRuntime, type StartSlackOptions } from '../../src/adapters/slack/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger, type Logger } from '../../src/core/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';

/** A Slack door on a shared loopback server, as `serve` mounts it: the URL of its /slack/events, and how to close it. */
export interface ServedDoor {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a Slack app's handler on a plain HTTP server that answers everything else with `otherwise`
 * (the web chat's server, shared), on a free loopback port.
 */
export async function serveDoor(handler: Parameters<typeof mountOnServer>[1], otherwise: RequestListener): Promise<ServedDoor> {
  const server = createServer(otherwise);
  mountOnServer(server, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** The core behind the Slack adapter over HTTP, as `serve` starts it, against a fake Slack. */
export interface HttpSlack {
  fake: FakeSlack;
  core: PlanApp;
  store: MemoryStore;
  slack: SlackRuntime;
  /** The adapter's /slack/events. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a fake Slack, the core over a memory store (the clock fixed at 2021-06-15 10:00 +08:00) and
 * the Slack adapter signed with `secret` on a free loopback port, configured by `env` on top of that;
 * the Web API client retries nothing unless told.
 */
export async function startHttpSlack(o: { secret: string; env?: Record<string, string>; logger?: Logger; clientOptions?: StartSlackOptions['clientOptions'] }): Promise<HttpSlack> {
  const fake = await startFakeSlack();
  const logger = o.logger ?? silentLogger;
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: o.secret, SLACK_API_URL: fake.apiUrl, ...o.env });
  const store = new MemoryStore();
  const core = await createApp(config, { store, clock: fixedClock('2021-06-15T10:00:00+08:00'), logger });
  const slack = await startSlack({ app: core, config, logger, clientOptions: o.clientOptions ?? { retryConfig: { retries: 0 } } });
  return {
    fake,
    core,
    store,
    slack,
    url: `http://127.0.0.1:${slack.address!.port}/slack/events`,
    close: async () => {
      await slack.stop();
      await fake.close();
    },
  };
}

/** `plan-bot serve` started as its own process with the Slack adapter over HTTP. */
export interface SpawnedServe {
  child: ChildProcess;
  /** Its Slack endpoint (`…/slack/events`), once it serves. */
  url: Promise<string>;
  /** What it has written to stderr so far. */
  stderr(): string;
}

const BIN = new URL('../../bin/plan-bot.js', import.meta.url).pathname;

/**
 * Spawns `plan-bot serve ARGS` with `env` on top of this process's environment (PORT 0 on loopback
 * unless given); `url` resolves with its Slack endpoint once the start-up message names both the web
 * chat and Slack, and rejects if it exits first (e.g. refused by the lock), with its stderr.
 */
export function spawnSlackServe(args: readonly string[], env: Record<string, string>): SpawnedServe {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Web chat: (http:\/\/\S+?)\/?\s/.exec(out);
      if (m && /Slack: http/.test(out)) resolve(`${m[1]}/slack/events`);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  });
  // A test that stops waiting for the URL (serve refused) must not leave an unhandled rejection.
  url.catch(() => {});
  return { child, url, stderr: () => err };
}
