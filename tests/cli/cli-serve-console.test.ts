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

    const embedded = await serve([], {});
    expect(embedded.stdout).toMatch(/Console: you are console:local \(an admin\)/);
  });
});
