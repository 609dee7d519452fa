import { afterEach, describe, expect, it } from 'vitest';
import type { WebChat } from '../../src/adapters/web/index.js';
import { startTestChat, TestClient } from './helpers.js';

const chats: WebChat[] = [];
afterEach(async () => {
  await Promise.all(chats.splice(0).map((c) => c.stop()));
});

describe('HOST set to a loopback address other than 127.0.0.1 (127.0.0.2, one chat per address)', () => {
  it('prints an address that reaches the chat, and the page opened there may open its socket', async () => {
    const { chat } = await startTestChat({ host: '127.0.0.2' });
    chats.push(chat);
    expect(chat.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);
    expect((await fetch(chat.url)).status).toBe(200);
    const origin = chat.url.replace(/\/$/, '');
    const page = await TestClient.open(chat.url, { headers: { origin } }, '?name=alice');
    expect((await page.ask('T9')).text).toContain('T9');
    await page.closeAndWait();
  });
});
