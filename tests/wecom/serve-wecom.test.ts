import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startFakeWeCom, textMessage, type FakeWeCom } from './fake-wecom.js';

let fake: FakeWeCom;

beforeAll(async () => {
  fake = await startFakeWeCom({ botId: 'BOT3', secret: 'serve-secret' });
});
afterAll(async () => {
  await fake.close();
});

const env = (secret: string) => ({ PORT: '0', HOST: '127.0.0.1', WECOM_BOT_ID: 'BOT3', WECOM_BOT_SECRET: secret, WECOM_WS_URL: fake.url });

describe('plan-bot serve with WeCom configured', () => {
  it('connects, says so at start-up, and answers WeCom messages until stopped', async () => {
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const out: string[] = [];
    const run = runCli(['serve'], { env: env('serve-secret'), stop: stopped, out });
    await fake.until((fs) => fs.some((f) => f.cmd === 'aibot_subscribe'));
    const reqId = await (async () => {
      // `serve` prints its start-up lines once every adapter is up.
      while (!out.join('\n').includes('WeCom:')) await new Promise((r) => setTimeout(r, 5));
      return fake.pushMessage(textMessage({ content: '农村生活污水治理率要达到多少' }));
    })();
    const done = await fake.until((fs) => fs.find((f) => f.headers.req_id === reqId && f.body?.stream?.finish === true));
    expect(String(done.body!.stream.content)).toContain('33%');
    stop();
    const result = await run;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('WeCom: connected as bot BOT3');
  });

  it('stops with a clear message, not a crash, when WeCom refuses the secret', async () => {
    const result = await runCli(['serve'], { env: env('wrong') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/WeCom refused the bot's credentials .*Check WECOM_BOT_ID and WECOM_BOT_SECRET/);
  });

  it('a Bot ID without its Secret stops start-up naming both variables, instead of "WeCom: not configured"', async () => {
    const result = await runCli(['serve'], { env: { PORT: '0', HOST: '127.0.0.1', WECOM_BOT_ID: 'BOT3', WECOM_WS_URL: fake.url } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/WeCom needs both WECOM_BOT_ID and WECOM_BOT_SECRET/);
    expect(result.stdout).not.toMatch(/WeCom: not configured/);
  });
});
