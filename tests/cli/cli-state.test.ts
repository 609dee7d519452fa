import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDb, runCli } from '../support/run-cli.js';

/** Runs the CLI in process over one state file; each test gets its own. */
function cliOver(db: string, env: Record<string, string> = {}) {
  return (argv: string[], stdin: string[] = []) => runCli(argv, { env: { PLANBOT_DB: db, ...env }, stdin });
}

describe('chat, show and history share the state file', () => {
  it('updates typed in chat are kept, shown and listed newest first', async () => {
    const cli = cliOver(freshDb());
    const chat = await cli(['chat', '--json', '--user', 'alice', '--now', '2021-06-07T09:00:00+08:00'], ['/plan update T9 at-risk 420/800 Zhoukou and Nanyang behind schedule', '/plan 更新 T9 有风险 430/800 进度滞后', 'what is the rural sewage target']);
    expect(chat.code).toBe(0);
    const lines = chat.stdout.split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.ok)).toEqual([true, true, true]);
    expect(lines[0].input).toBe('/plan update T9 at-risk 420/800 Zhoukou and Nanyang behind schedule');
    expect(lines[0].text).toMatch(/420\/800 villages/);
    expect(lines[1].text).toMatch(/已更新 T9/);

    const show = JSON.parse((await cli(['show', 'T9', '--json'])).stdout);
    expect(show).toMatchObject({ id: 'T9', status: 'at-risk', owners: [], updatedAt: '2021-06-07T01:00:00.000Z' });
    expect(show.progress).toEqual([{ indicatorId: 'T9.1', value: 430, target: 800, unit: '个' }]);

    const history = JSON.parse((await cli(['history', 'T9', '--json'])).stdout);
    expect(history.map((h: any) => [h.user, h.status, h.note])).toEqual([['console:alice', 'at-risk', '进度滞后'], ['console:alice', 'at-risk', 'Zhoukou and Nanyang behind schedule']]);
    expect(Object.keys(history[0])).toEqual(expect.arrayContaining(['at', 'user', 'status', 'progress', 'note']));
  });

  it('with PLANBOT_ADMINS set, an update by someone else is refused (ok: false) and nothing is stored', async () => {
    const cli = cliOver(freshDb(), { PLANBOT_ADMINS: 'alice' });
    const r = await cli(['chat', '--json', '--user', 'carol'], ['/plan update T9 done']);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, text: expect.stringMatching(/only an admin \(alice\) may update it/i) });
    expect(JSON.parse((await cli(['history', 'T9', '--json'])).stdout)).toEqual([]);
  });

  it('chat needs --user', async () => {
    expect((await cliOver(freshDb())(['chat'])).code).toBe(2);
  });
});

describe('digests from the command line', () => {
  const now = '2021-06-14T10:00:00+08:00';

  it('digest --json covers the last complete Monday–Sunday week', async () => {
    const cli = cliOver(freshDb());
    await cli(['chat', '--user', 'alice', '--now', '2021-06-09T10:00:00+08:00'], ['/plan update T9 at-risk 420/800 behind']);
    const d = JSON.parse((await cli(['digest', '--json', '--now', now])).stdout);
    expect(d.week).toMatchObject({ start: '2021-06-07T00:00:00+08:00', end: expect.stringMatching(/^2021-06-13T23:59:59/) });
    expect(d.text).toMatch(/T9/);
    expect(d.text).toMatch(/420\/800/);
  });

  it('digest --post-due posts a subscribed console channel once, then nothing', async () => {
    const cli = cliOver(freshDb());
    const sub = await cli(['chat', '--json', '--user', 'alice', '--channel', 'ops', '--now', '2021-06-01T10:00:00+08:00'], ['/plan subscribe']);
    expect(JSON.parse(sub.stdout).ok).toBe(true);
    const first = JSON.parse((await cli(['digest', '--post-due', '--json', '--now', now])).stdout);
    expect(first.posted.map((p: any) => p.channel)).toEqual(['console:ops']);
    const second = JSON.parse((await cli(['digest', '--post-due', '--json', '--now', now])).stdout);
    expect(second.posted).toEqual([]);
    expect(second.alreadyPosted).toEqual(['console:ops']);
  });
});

describe('digest --channel and bad state paths', () => {
  it('a bare channel name is the console channel chat used; an unsubscribed one says so on stderr', async () => {
    const cli = cliOver(freshDb());
    await cli(['chat', '--user', 'alice', '--channel', 'ops', '--now', '2021-06-01T10:00:00+08:00'], ['/plan subscribe G3 en']);
    const ops = await cli(['digest', '--json', '--channel', 'ops', '--now', '2021-06-14T10:00:00+08:00']);
    expect(JSON.parse(ops.stdout)).toMatchObject({ channel: 'console:ops', subscribed: true, lang: 'en' });
    expect(ops.stderr).toBe('');
    const other = await cli(['digest', '--json', '--channel', 'nosuch', '--now', '2021-06-14T10:00:00+08:00']);
    expect(JSON.parse(other.stdout).subscribed).toBe(false);
    expect(other.stderr).toMatch(/console:nosuch is not subscribed/);
  });

  it('a folder given as the state file is a clear user error', async () => {
    const r = await cliOver(mkdtempSync(join(tmpdir(), 'planbot-dir-')))(['show', 'T9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot use .* as the state file \(it is a folder\)/);
  });
});

describe('serve', () => {
  it('serves the web chat on the configured port, answers over HTTP, and stops cleanly on request', async () => {
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const out: string[] = [];
    const running = runCli(['serve'], { env: { PORT: '0', HOST: '127.0.0.1' }, stop: stopped, out });
    let url: string | undefined;
    for (let i = 0; i < 200 && !url; i++) {
      await new Promise((r) => setTimeout(r, 25));
      url = /Web chat: (http:\/\/\S+)/.exec(out.join('\n'))?.[1];
    }
    expect(url).toMatch(/^http:\/\/localhost:\d+\/$/);
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    expect(out.join('\n')).toMatch(/Slack: not configured/);
    stop();
    expect((await running).code).toBe(0);
  });
});
