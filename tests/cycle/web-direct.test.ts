import { afterEach, describe, expect, it } from 'vitest';
import type { WebChat } from '../../src/adapters/web/index.js';
import { reply } from '../../src/core/reply.js';
import { webUser } from '../../src/core/user-ids.js';
import { startTestChat, TestClient } from '../web/helpers.js';

/** A reminder to `web:bob` reaches bob's own pages only; when bob has none open it waits for his next visit. */

const chats: WebChat[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.closeAndWait();
  for (const c of chats.splice(0)) await c.stop();
});

async function open(url: string, name: string): Promise<TestClient> {
  const c = await TestClient.open(url);
  clients.push(c);
  c.send({ type: 'hello', user: name, channel: 'general' });
  await c.next((f) => f.type === 'welcome');
  return c;
}

const reminder = reply('zh', [{ type: 'paragraph', text: '催办提醒：报送截止时间为2021-09-30 12:00' }]);

describe('direct messages on the web chat', () => {
  it("go to the person's own open pages, not to others in the same channel", async () => {
    const { chat } = await startTestChat();
    chats.push(chat);
    const [bob, carol] = [await open(chat.url, 'bob'), await open(chat.url, 'carol')];
    await chat.postToWebUser(webUser('Bob'), reminder);
    expect(await bob.next((f) => f.type === 'digest')).toMatchObject({ channel: 'web:bob', text: expect.stringContaining('催办提醒') });
    await new Promise((r) => setTimeout(r, 100));
    expect(carol.frames.some((f) => f.type === 'digest')).toBe(false);
  });

  it('wait, when the person has no page open, and are shown when they open the chat', async () => {
    const { chat } = await startTestChat();
    chats.push(chat);
    await chat.postToWebUser(webUser('dan'), reminder);
    const carol = await TestClient.open(chat.url);
    clients.push(carol);
    carol.send({ type: 'hello', user: 'carol', channel: 'general' });
    expect((await carol.next((f) => f.type === 'welcome')).digests).toEqual([]);
    const dan = await TestClient.open(chat.url);
    clients.push(dan);
    dan.send({ type: 'hello', user: 'dan', channel: 'general' });
    const welcome = await dan.next((f) => f.type === 'welcome');
    expect(welcome.digests).toHaveLength(1);
    expect(welcome.digests[0]).toMatchObject({ channel: 'web:dan', text: expect.stringContaining('催办提醒') });
  });
});
