import { describe, expect, it } from 'vitest';
import { freshDb, runCli } from '../support/run-cli.js';

const NOW = '2021-06-09T10:00:00+08:00';

/** The console as an admin named WangJun (`PLANBOT_ADMINS=wangjun`), on one state file. */
function asWangJun(db: string) {
  return (lines: string[]) => runCli(['chat', '--json', '--user', 'WangJun', '--now', NOW], { env: { PLANBOT_DB: db, PLANBOT_ADMINS: 'wangjun' }, stdin: lines });
}

const replies = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as { input: string; ok: boolean; text: string });

describe('the confirmation flow on the console, as an admin', () => {
  it('proposes without speaking of buttons the console does not have, and records on yes / 确认 only', async () => {
    const db = freshDb();
    const chat = asWangJun(db);
    const [en, yes, zh, confirm, question] = replies((await chat(['T11 at risk', 'yes', 'T9 滞后', '确认', 'is T11 done'])).stdout);

    expect(en!.text).toContain('Nothing is recorded yet');
    expect(en!.text).toMatch(/typ(e|ing) yes/i);
    expect(en!.text).not.toMatch(/button/i);
    expect(yes!.text).toContain('Updated T11');

    expect(zh!.text).toContain('尚未记录');
    expect(zh!.text).toContain('“确认”');
    expect(zh!.text).not.toContain('按钮');
    expect(confirm!.text).toContain('已更新 T9');

    // A question writes nothing.
    expect(question!.text).not.toMatch(/Updated|Nothing is recorded yet/);
    const history = JSON.parse((await runCli(['history', 'T11', '--json'], { env: { PLANBOT_DB: db } })).stdout);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ user: 'console:wangjun', status: 'at-risk' });
  });
});

describe('two reports in a row, then yes', () => {
  it('says that the second replaces the first, which is not recorded', async () => {
    const db = freshDb();
    const [first, second, yes] = replies((await asWangJun(db)(['T11 at risk', 'T12 滞后', 'yes'])).stdout);
    expect(first!.text).not.toMatch(/replaces|取代/);
    expect(second!.text).toMatch(/T11/);
    expect(second!.text).toMatch(/取代.*未记录/);
    expect(yes!.text).toContain('已更新 T12');
    const t11 = JSON.parse((await runCli(['history', 'T11', '--json'], { env: { PLANBOT_DB: db } })).stdout);
    expect(t11).toEqual([]);

    const [, en] = replies((await asWangJun(freshDb())(['T12 滞后', 'T11 at risk'])).stdout);
    expect(en!.text).toMatch(/replaces your earlier report on T12, which was not recorded/);
  });
});

describe('a proposal left waiting when the console chat ends (stdin piped, one process per line)', () => {
  it('says on stderr that it was not recorded and how to record at once', async () => {
    const db = freshDb();
    const first = await runCli(['chat', '--user', 'erin', '--now', NOW], { env: { PLANBOT_DB: db }, stdin: ['T11 at risk'] });
    expect(first.stdout).toContain('Nothing is recorded yet');
    expect(first.stderr).toMatch(/not recorded: the chat ended.*\/plan update T11/);
    const zh = await runCli(['chat', '--user', 'erin', '--now', NOW], { env: { PLANBOT_DB: db }, stdin: ['T11 滞后'] });
    expect(zh.stderr).toMatch(/对话已结束.*未记录.*\/plan 更新 T11/);

    // Settled before the end: nothing to say.
    const settled = await runCli(['chat', '--json', '--user', 'erin', '--now', NOW], { env: { PLANBOT_DB: db }, stdin: ['T11 at risk', 'no', 'T12 at risk', 'yes'] });
    expect(settled.stderr).toBe('');
    expect(settled.stdout.trim().split('\n')).toHaveLength(4);
  });
});
