import { afterEach, describe, expect, it } from 'vitest';
import type { WebChat } from '../../src/adapters/web/index.js';
import { startTestChat, TestClient } from '../web/helpers.js';

const chats: WebChat[] = [];
afterEach(async () => {
  await Promise.all(chats.splice(0).map((c) => c.stop()));
});

describe('a city reporter types list questions in Chinese in the web chat', () => {
  it.each([
    ['红灯任务有几个', /亮红灯（🔴）的任务（\d+项）/],
  ])('%s is answered as the list it asks for', async (question, answer) => {
    const { chat } = await startTestChat();
    chats.push(chat);
    const page = await TestClient.open(chat.url, {}, '?name=郑记者');
    page.send({ type: 'hello', channel: 'general' });
    await page.next((f) => f.type === 'welcome');
    const reply = await page.ask(question, '郑记者');
    expect(reply.text).toMatch(answer);
    await page.closeAndWait();
  });
});
