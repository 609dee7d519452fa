import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createApp } from '../../src/app.js';
import { startSlack, type SlackRuntime } from '../../src/adapters/slack/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { slashCommand } from './fixtures.js';

let fake: FakeSlack;
let wss: WebSocketServer;
let slack: SlackRuntime;
let connected: Promise<WebSocket>;

beforeAll(async () => {
  fake = await startFakeSlack();
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  // Slack's side of the socket: greet with hello, as Slack does.
  connected = new Promise<WebSocket>((resolve) =>
    wss.once('connection', (ws) => {
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A1' } }));
      resolve(ws);
    }),
  );
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  fake.answer('apps.connections.open', () => ({ body: { ok: true, url: wsUrl } }));
  const config = loadConfig({ PLANBOT_ADMINS: 'slack:UADMIN', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_APP_TOKEN: 'xapp-test-token', SLACK_API_URL: fake.apiUrl });
  const core = await createApp(config, { store: new MemoryStore(), clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
  slack = await startSlack({ app: core, config, logger: silentLogger });
});

afterAll(async () => {
  await slack?.stop();
  for (const c of wss.clients) c.terminate();
  await new Promise((r) => wss.close(r));
  await fake.close();
});

describe('Socket Mode, when SLACK_APP_TOKEN is set', () => {
  it('connects through SLACK_API_URL and answers a slash command in its acknowledgement over the socket', async () => {
    expect(slack.mode).toBe('socket');
    expect(slack.handler).toBeNull();
    expect(fake.callsTo('apps.connections.open')[0]!.headers.authorization).toBe('Bearer xapp-test-token');
    const ws = await connected;
    const acked = new Promise<{ envelope_id: string; payload?: { text?: string } }>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    const payload = { ...slashCommand({ text: "what's the rural sewage target", response_url: fake.responseUrl('socket') }).form };
    ws.send(JSON.stringify({ envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true, payload }));
    const ack = await acked;
    expect(ack.envelope_id).toBe('env-1');
    expect(String(ack.payload?.text)).toContain('33%');
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.callsTo('response_url')).toEqual([]);
  });
});
