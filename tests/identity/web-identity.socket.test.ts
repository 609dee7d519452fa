import { afterEach, describe, expect, it } from 'vitest';
import type { WebChat } from '../../src/adapters/web/index.js';
import { startTestChat, TestClient } from '../web/helpers.js';

/** Issue 10 §3, web example, through the websocket: an admin assigns @bob; the web user bob owns the item. */

const chats: WebChat[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.closeAndWait()));
  await Promise.all(chats.splice(0).map((c) => c.stop()));
});

describe('web chat identities, over the websocket', () => {
  it('an admin’s /plan assign T9 @bob makes the web user bob (any case) an owner who sees it and may update it', async () => {
    const { app, chat } = await startTestChat();
    chats.push(chat);
    // Each person has their own page; the server binds the name given at connect (the frame's user is ignored).
    const pageOf = async (name: string) => {
      const page = await TestClient.open(chat.url, {}, `?name=${encodeURIComponent(name)}`);
      clients.push(page);
      return page;
    };
    const assigned = await (await pageOf('alice')).ask('/plan assign T9 @bob', 'alice');
    expect(assigned.error).toBeUndefined();
    expect(assigned.text).toContain('bob is now an owner of T9');
    expect(JSON.stringify(assigned.blocks)).not.toMatch(/[\uE000\uE001]/);
    const mine = await (await pageOf('Bob')).ask('my tasks', 'Bob');
    expect(mine.matches.map((m: { id: string }) => m.id)).toEqual(['T9']);
    const update = await (await pageOf('bob')).ask('/plan update T9 on-track 300/800', 'bob');
    expect(update.error).toBeUndefined();
    expect(app.store.events().at(-1)).toMatchObject({ type: 'update', user: 'web:bob', platform: 'web' });
    const other = await (await pageOf('carol')).ask('/plan update T9 done', 'carol');
    expect(other.error).toEqual({ id: 'permission.update' });
    expect(other.text).toContain('Only the owners of T9 (bob) or an admin (alice, 李雷) may update it; an admin can add you with /plan assign T9 @web:carol.');
  });
});
