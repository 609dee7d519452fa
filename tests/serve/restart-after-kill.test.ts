import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDb } from '../support/run-cli.js';
import { freePort } from '../helpers/free-port.js';

const BIN = fileURLToPath(new URL('../../bin/plan-bot.js', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts the real `plan-bot serve`; resolves once it says it serves, or with its exit code and stderr. */
function serve(db: string, port: number) {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, PLANBOT_DB: db, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const outcome = new Promise<{ serving: boolean; code: number | null; stderr: string }>((resolve) => {
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      if (/Web chat: http/.test(out)) resolve({ serving: true, code: null, stderr: err });
    });
    child.once('exit', (code) => resolve({ serving: false, code, stderr: err }));
  });
  return { child, outcome };
}

describe('serve after kill -9', () => {
  it('a second serve beside a live one is refused; after kill -9 of the first, a new serve starts at once on the same file', async () => {
    const db = freshDb();
    const port = await freePort();
    const first = serve(db, port);
    expect((await first.outcome).serving).toBe(true);

    const beside = serve(db, await freePort());
    const refused = await beside.outcome;
    expect(refused).toMatchObject({ serving: false, code: 1 });
    expect(refused.stderr).toMatch(new RegExp(`in use by another plan-bot process \\(pid ${first.child.pid} on `));

    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    // Started at once, with the default lock (stale only after 10 s) and no waiting: it must take the dead holder's lock.
    const second = serve(db, port);
    const started = await second.outcome;
    expect(started.stderr).toBe('');
    expect(started.serving).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  });
});

describe('serve after kill -9 of a holder nobody has reaped yet', () => {
  it('a zombie holder (killed, its parent not waiting for it) is dead: a new serve takes its lock at once', async () => {
    const db = freshDb();
    const port = await freePort();
    // sh starts serve in the background, prints its pid, then becomes `sleep`, which never reaps it: once
    // killed, the serve stays a zombie (as under a parent or container init that reaps late).
    const parent = spawn('sh', ['-c', `"$0" "$1" serve >/dev/null 2>&1 </dev/null & echo $!; exec sleep 30`, process.execPath, BIN], {
      env: { ...process.env, PLANBOT_DB: db, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(parent);
    const pid = Number(await new Promise<string>((r) => parent.stdout!.setEncoding('utf8').once('data', (c: string) => r(c.trim()))));
    for (let i = 0; i < 200; i++) {
      if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    process.kill(pid, 'SIGKILL');
    // Wait until it is a zombie (state Z in /proc/<pid>/stat), as it is a few milliseconds after the kill.
    for (let i = 0; i < 50 && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); i++) await new Promise((r) => setTimeout(r, 20));
    const second = serve(db, port);
    const started = await second.outcome;
    expect(started.stderr).toBe('');
    expect(started.serving).toBe(true);
    parent.kill('SIGKILL');
  }, 30_000);
});
