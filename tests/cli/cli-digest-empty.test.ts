import { describe, expect, it } from 'vitest';
import { freshDb, runCli } from '../support/run-cli.js';

const NOW = '2021-06-16T10:00:00+08:00';

describe('a week without updates, as a newcomer reads it on the console', () => {
  it('never shows a bare "None." / "无。" without the heading it belongs to', async () => {
    const db = freshDb();
    const chat = await runCli(['chat', '--user', 'erin', '--now', NOW], { env: { PLANBOT_DB: db }, stdin: ['what changed this week', '本周有什么变化', '/plan digest'] });
    expect(chat.code).toBe(0);
    const digest = await runCli(['digest', '--now', NOW], { env: { PLANBOT_DB: db } });
    for (const text of [chat.stdout, digest.stdout]) {
      expect(text).toMatch(/No updates this week|本周无更新/);
      expect(text).not.toMatch(/^\s*(?:None\.|无。)\s*$/m);
    }
  });
});
