import { describe, expect, it } from 'vitest';
import { freshDb, runCli } from '../support/run-cli.js';

const NOW = '2021-06-03T10:00:00+08:00';

/** Lines of `plan-bot chat --json` as objects. */
function lines(stdout: string): { input: string; ok: boolean; text: string }[] {
  return stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { input: string; ok: boolean; text: string });
}

describe('the console door: a city reporter assigned by an admin reports in Chinese (exploratory QA, issue 10)', () => {
  it('a progress-only report is proposed in Chinese, 好的 records it, history is in Chinese, and the record holds it', async () => {
    const db = freshDb();
    const env = { PLANBOT_DB: db, PLANBOT_ADMINS: 'admin' };
    await runCli(['chat', '--user', 'admin', '--now', NOW], { env, stdin: ['/plan 分配 T11 @zhoulin'] });
    const chat = await runCli(['chat', '--json', '--user', 'zhoulin', '--now', NOW], { env, stdin: ['我的任务', 'T11 72％', '好的', '/plan history T11'] });
    const [mine, proposed, confirmed, history] = lines(chat.stdout);
    expect(mine!.text).toContain('T11 强化环境监管');
    expect(proposed!.text).toContain('尚未记录。是否记录以下内容？');
    expect(proposed!.text).toContain('进度: T11.1 72%');
    expect(confirmed!.text).toContain('已更新 T11 强化环境监管：已记录进度，尚未报告状态');
    expect(history!.text).toContain('T11 强化环境监管 的更新记录（1条，最新在前）：');
    const recorded = await runCli(['history', 'T11', '--json'], { env });
    expect(JSON.parse(recorded.stdout)).toMatchObject([{ user: 'console:zhoulin', status: null, progress: [{ indicatorId: 'T11.1', value: 72 }] }]);
  });
});
