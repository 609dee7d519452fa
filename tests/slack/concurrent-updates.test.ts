import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../support/run-cli.js';
import { postSigned, sign, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { slashCommand } from './fixtures.js';
import { spawnSlackServe } from './serve-door.js';

const SECRET = 'concurrent-updates-secret';

let fake: FakeSlack;
let child: ChildProcess;
let url: string;
const db = freshDb();

/** Starts `plan-bot serve` on `db`; resolves with its Slack endpoint once it serves. */
function serve(): Promise<string> {
  const served = spawnSlackServe(['--db', db], { PLANBOT_ADMINS: 'slack:U0ADMIN1,slack:U0ADMIN2', SLACK_BOT_TOKEN: 'xoxb-concurrent', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'error' });
  child = served.child;
  return served.url;
}

beforeAll(async () => {
  fake = await startFakeSlack();
  url = await serve();
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fake?.close();
});

describe('/plan update sent by two admins at the same time, over a real serve and its state file', () => {
  it("each acknowledgement shows the update its own request recorded, by its own sender, not a later one's", async () => {
    const users = ['U0ADMIN1', 'U0ADMIN2'];
    const sent = Array.from({ length: 40 }, (_, i) => ({ i, user: users[i % 2]!, text: `update T9 on-track ${i + 1}/800 note-${i}` }));
    const acks = await Promise.all(sent.map((s) => postSigned(url, SECRET, slashCommand({ text: s.text, user_id: s.user }))));
    expect(acks.map((a) => a.status)).toEqual(sent.map(() => 200));
    const shown = acks.map((a, i) => {
      const text = (JSON.parse(a.text) as { text: string }).text;
      return { i, note: /note: (\S+)/.exec(text)?.[1], by: /by <@(\w+)>/.exec(text)?.[1], progress: / (\d+)\/800 villages/.exec(text)?.[1] };
    });
    expect(shown).toEqual(sent.map((s) => ({ i: s.i, note: `note-${s.i}`, by: s.user, progress: String(s.i + 1) })));
  }, 60_000);

  it('a replay of an update after a restart (the door has forgotten it) gets the answer it got first, not the state a later update left', async () => {
    const first = slashCommand({ text: 'update T12 at-risk 10% note-first', user_id: 'U0ADMIN1' });
    const ts = Math.floor(Date.now() / 1000);
    const a = await postSigned(url, SECRET, first, { timestamp: ts });
    await postSigned(url, SECRET, slashCommand({ text: 'update T12 on-track 20% note-later', user_id: 'U0ADMIN2' }));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    url = await serve();
    const again = await postSigned(url, SECRET, first, { timestamp: ts });
    expect(a.status).toBe(200);
    expect(again.status).toBe(200);
    expect((JSON.parse(a.text) as { text: string }).text).toContain('note: note-first');
    expect((JSON.parse(again.text) as { text: string }).text).toBe((JSON.parse(a.text) as { text: string }).text);
  }, 60_000);

  it("undo's acknowledgement shows the item as the undo left it, not as updates that arrived after it left it", async () => {
    await postSigned(url, SECRET, slashCommand({ text: 'update T13 at-risk note-kept', user_id: 'U0ADMIN1' }));
    await postSigned(url, SECRET, slashCommand({ text: 'update T13 off-track note-undone', user_id: 'U0ADMIN1' }));
    // One connection, the requests written at once: they arrive in this order, the first write alone in its flush, the rest together in the next.
    const burst = [slashCommand({ text: 'update T14 at-risk first-flush', user_id: 'U0ADMIN2' }), slashCommand({ text: 'undo T13', user_id: 'U0ADMIN1' }), ...Array.from({ length: 10 }, (_, i) => slashCommand({ text: `update T13 done note-after-${i}`, user_id: 'U0ADMIN2' }))];
    const answers = await pipelined(url, burst.map((b) => new URLSearchParams(b.form).toString()));
    expect(answers).toHaveLength(burst.length);
    const text = (JSON.parse(answers[1]!) as { text: string }).text;
    expect(text).toMatch(/^Undone: your update of T13/);
    expect(text).toContain('note: note-kept');
    expect(text).not.toContain('note-after');
  }, 60_000);

  it('undo that arrives right after its sender\'s update of the item (one burst) undoes that update, not the one before it', async () => {
    await postSigned(url, SECRET, slashCommand({ text: 'update T15 at-risk note-older', user_id: 'U0ADMIN1' }));
    const burst = [slashCommand({ text: 'update T16 at-risk first-flush', user_id: 'U0ADMIN2' }), slashCommand({ text: 'update T15 off-track note-newer', user_id: 'U0ADMIN1' }), slashCommand({ text: 'undo T15', user_id: 'U0ADMIN1' })];
    const answers = await pipelined(url, burst.map((b) => new URLSearchParams(b.form).toString()));
    const undone = (JSON.parse(answers[2]!) as { text: string }).text;
    expect(undone).toMatch(/^Undone: your update of T15/);
    expect(undone.split('\n')[1]).toContain('note-newer');
    const status = await postSigned(url, SECRET, slashCommand({ text: 'status T15', user_id: 'U0ADMIN2' }));
    expect((JSON.parse(status.text) as { text: string }).text).toContain('note: note-older');
  }, 60_000);
});

/** Form bodies written as signed HTTP/1.1 requests on one connection in one write; the bodies of the answers, in order. */
function pipelined(endpoint: string, bodies: string[]): Promise<string[]> {
  const u = new URL(endpoint);
  const ts = Math.floor(Date.now() / 1000);
  const raw = bodies.map((b) => `POST ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\ncontent-type: application/x-www-form-urlencoded\r\nx-slack-request-timestamp: ${ts}\r\nx-slack-signature: ${sign(SECRET, ts, b)}\r\ncontent-length: ${Buffer.byteLength(b)}\r\n\r\n${b}`).join('');
  return new Promise((resolve, reject) => {
    const out: string[] = [];
    let buf = Buffer.alloc(0);
    const socket = connect(Number(u.port), u.hostname, () => socket.write(raw));
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        const length = end < 0 ? null : /content-length: (\d+)/i.exec(buf.subarray(0, end).toString());
        if (!length || buf.length < end + 4 + Number(length[1])) break;
        out.push(buf.subarray(end + 4, end + 4 + Number(length[1])).toString());
        buf = buf.subarray(end + 4 + Number(length[1]));
      }
      if (out.length === bodies.length) {
        socket.destroy();
        resolve(out);
      }
    });
  });
}
