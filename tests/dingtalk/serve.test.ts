import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { serve, type Running } from '../../src/main.js';
import { freshDb, runCli } from '../support/run-cli.js';
import { APP, robotFrame, startFakeDingTalk, type FakeDingTalk } from './fake-dingtalk.js';

let running: Running | null = null;
let fake: FakeDingTalk | null = null;

afterEach(async () => {
  await running?.stop();
  await fake?.close();
  running = null;
  fake = null;
});

const env = (f: FakeDingTalk, overrides: Record<string, string> = {}) => ({
  PORT: '0',
  HOST: '127.0.0.1',
  DINGTALK_CLIENT_ID: APP.clientId,
  DINGTALK_CLIENT_SECRET: APP.clientSecret,
  DINGTALK_GATEWAY_URL: f.gatewayUrl,
  DINGTALK_API_URL: f.apiUrl,
  ...overrides,
});

describe('serve with DingTalk configured', () => {
  it('starts the adapter beside the web chat, says it is connected, and answers a robot message', async () => {
    fake = await startFakeDingTalk();
    const out: string[] = [];
    running = await serve(loadConfig({ PLANBOT_DB: freshDb(), ...env(fake) }), silentLogger, { stdout: (t) => out.push(t), consoleLines: null, consoleUser: 'local' }, fixedClock('2021-06-07T09:00:00+08:00'));
    expect(out.join('\n')).toContain(`DingTalk: connected in Stream mode as robot ${APP.robotCode}`);
    await fake.waitForSockets(1);
    fake.push(robotFrame({ text: 'what is task 9', webhook: fake.webhookUrl('serve') }));
    const [answer] = await fake.waitFor('/webhook/serve');
    expect(JSON.stringify(answer!.body)).toContain('T9');
  });

  it('bad credentials: `plan-bot serve` exits 1 with a message saying which variables to fix', async () => {
    fake = await startFakeDingTalk();
    const r = await runCli(['serve'], { env: env(fake, { DINGTALK_CLIENT_SECRET: 'not-the-secret-xyz' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DingTalk refused the app's credentials/);
    expect(r.stderr).toMatch(/DINGTALK_CLIENT_SECRET/);
    expect(r.stderr).not.toContain('not-the-secret-xyz');
  });

  it('a Client ID without its secret (a forgotten line of .env) stops start-up naming both variables, not "not configured"', async () => {
    const r = await runCli(['serve'], { env: { PORT: '0', HOST: '127.0.0.1', DINGTALK_CLIENT_ID: APP.clientId } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET must both be set/);
    expect(r.stdout).not.toMatch(/DingTalk: not configured/);
  });

  it('without DingTalk variables, says it is not configured', async () => {
    const out: string[] = [];
    running = await serve(loadConfig({ PLANBOT_DB: freshDb(), PORT: '0', HOST: '127.0.0.1' }), silentLogger, { stdout: (t) => out.push(t), consoleLines: null, consoleUser: 'local' });
    expect(out.join('\n')).toMatch(/DingTalk: not configured/);
    expect(running.dingtalk).toBeNull();
  });
});
