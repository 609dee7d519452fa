import { describe, expect, it } from 'vitest';
import { freshDb } from '../support/run-cli.js';
import { postSigned, startFakeSlack } from './fake-slack.js';
import { slashCommand } from './fixtures.js';
import { spawnSlackServe } from './serve-door.js';

const SECRET = 'stop-slack-down-secret';

describe('plan-bot serve asked to stop while Slack cannot be reached', () => {
  it('stops within seconds, not after the App Home refresh has retried for minutes', async () => {
    const fake = await startFakeSlack();
    const served = spawnSlackServe(['--db', freshDb()], { PLANBOT_ADMINS: 'slack:U0ADMIN', SLACK_BOT_TOKEN: 'xoxb-stop', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' });
    const child = served.child;
    try {
      const url = await served.url;
      await fake.close(); // Slack's Web API is gone: the App Home refresh after the update keeps failing and retrying
      const res = await postSigned(url, SECRET, slashCommand({ text: 'update T9 at-risk while Slack is down', user_id: 'U0ADMIN' }));
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      const asked = Date.now();
      child.kill('SIGTERM');
      const exited = await Promise.race([new Promise<boolean>((r) => child.once('exit', () => r(true))), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
      expect(exited).toBe(true);
      expect(Date.now() - asked).toBeLessThan(10_000);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
