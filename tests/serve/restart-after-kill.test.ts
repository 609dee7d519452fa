import { spawn, type ChildProcess } from 'node:child_process';
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
