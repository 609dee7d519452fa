import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const serve = (argv: string[], env: Record<string, string>) => runCli(['serve', ...argv], { env: { PORT: '0', ...env }, terminal: [] });

describe('the console of `plan-bot serve`, for the admin who started it', () => {
  it('says who the terminal types as, and how to be one of PLANBOT_ADMINS', async () => {
    const stranger = await serve([], { PLANBOT_ADMINS: 'wangjun' });
    expect(stranger.code).toBe(0);
    expect(stranger.stdout).toMatch(/Console: you are console:local, not an admin: .*--user NAME.*PLANBOT_ADMINS/);

    const admin = await serve(['--user', 'WangJun'], { PLANBOT_ADMINS: 'wangjun' });
    expect(admin.stdout).toMatch(/Console: you are console:wangjun \(an admin\)/);

    // Only web and Slack admins listed (as docs/web.md's set-up does): --user cannot help, so it says what can.
    const webOnly = await serve(['--user', 'alice'], { PLANBOT_ADMINS: 'web:alice,slack:U0123ABCD', HOST: '0.0.0.0' });
    expect(webOnly.stdout).toMatch(/Console: you are console:alice, not an admin: PLANBOT_ADMINS \(web:alice,slack:U0123ABCD\) names no console user.*add a bare NAME \(web and console\) or console:NAME/);

    const embedded = await serve([], {});
    expect(embedded.stdout).toMatch(/Console: you are console:local \(an admin\)/);
  });
});
