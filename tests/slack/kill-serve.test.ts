import { execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../support/run-cli.js';
import { postSigned, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { slashCommand } from './fixtures.js';
import { spawnSlackServe } from './serve-door.js';

const SECRET = 'kill-test-secret';
const BIN = new URL('../../bin/plan-bot.js', import.meta.url).pathname;
const COMMANDS = 100;
const CONCURRENCY = 20;
const KILL_AFTER = 20;

let fake: FakeSlack;
const children: ChildProcess[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await fake?.close();
});

/** Starts `plan-bot serve` as its own process; resolves with its address once it serves, or null if it exited first (e.g. the lock). */
function startServe(db: string): Promise<{ child: ChildProcess; url: string } | null> {
  const served = spawnSlackServe(['--db', db], { PLANBOT_ADMINS: 'slack:UADMIN', SLACK_BOT_TOKEN: 'xoxb-kill-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'error' });
  children.push(served.child);
  return served.url.then(
    (url) => ({ child: served.child, url }),
    () => null,
  );
}

async function startServeWhenFree(db: string, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const running = await startServe(db);
    if (running) return running;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('serve did not start again');
}

const note = (i: number) => `killtest-${i}`;

describe('kill -9 at the Slack door', () => {
  it('every /plan update that got HTTP 200 is in the history after a restart, and none is recorded twice', async () => {
    const db = freshDb();
    const first = await startServe(db);
    expect(first).not.toBeNull();
    const { child, url } = first!;

    const acknowledged: number[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < COMMANDS) {
        const i = next++;
        try {
          const res = await postSigned(url, SECRET, slashCommand({ text: `update T9 on-track ${i + 1}/800 ${note(i)}`, user_id: 'UADMIN' }));
          if (res.status !== 200) continue;
          //X
          acknowledged.push(i);
          if (!killed && acknowledged.length >= KILL_AFTER) {
            killed = true;
            child.kill('SIGKILL');
          }
        } catch {
          // no answer: the process was killed with the request in flight
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    expect(child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    const again = await startServeWhenFree(db);
    again.child.kill('SIGTERM');
    await new Promise((r) => again.child.once('exit', r));

    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'history', 'T9', '--json', '--db', db], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    const notes = (JSON.parse(stdout) as { note: string | null }[]).map((h) => h.note);
    for (const i of acknowledged) expect(notes.filter((n) => n === note(i)), note(i)).toHaveLength(1);
    expect(new Set(notes).size).toBe(notes.length);
  }, 90_000);
});
