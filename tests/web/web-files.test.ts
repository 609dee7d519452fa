import { readSheet } from 'read-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebAuth, type WebChat } from '../../src/adapters/web/index.js';
import { sealToken } from '../../src/adapters/web/web-tokens.js';
import { reply } from '../../src/core/reply.js';
import { startTestChat, TestClient } from './helpers.js';

const SECRET = 'a-web-secret-of-at-least-32-characters!';
const chats: WebChat[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.closeAndWait();
  for (const c of chats.splice(0)) await c.stop();
});

async function start(o: Parameters<typeof startTestChat>[0] = {}) {
  const started = await startTestChat(o);
  chats.push(started.chat);
  return started;
}

async function open(url: string, options = {}, query = '') {
  const c = await TestClient.open(url, options, query);
  clients.push(c);
  return c;
}

const session = (name: string) => `planbot_session=${sealToken({ kind: 'session', name, expiresAt: Date.now() + 3_600_000 }, SECRET)}`;

describe('the web chat delivers the files of a reply as short-lived signed links', () => {
  it('导出台账: the reply links the workbook; the link downloads it over HTTP as an attachment', async () => {
    const { chat } = await start();
    const alice = await open(chat.url, {}, '?name=alice');
    const answer = await alice.ask('导出台账');
    expect(answer.files).toEqual([expect.objectContaining({ name: '台账-2021-06-15.xlsx', mediaType: expect.stringContaining('spreadsheetml'), url: expect.stringMatching(/^\/files\/[^/]+$/) })]);
    const res = await fetch(new URL(answer.files[0].url, chat.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('台账-2021-06-15.xlsx')}`);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const rows = await readSheet(Buffer.from(await res.arrayBuffer()), '台账');
    expect(rows[0]!.slice(0, 4)).toEqual(['编号', '事项', '牵头单位', '责任单位']);
    // A link with a forged signature is refused.
    const forged = `${answer.files[0].url}A`;
    expect((await fetch(new URL(forged, chat.url))).status).toBe(404);
  });

  it('a link expires after 10 minutes (410), and an image is served inline', async () => {
    let now = Date.now();
    const { chat } = await start({ filesNow: () => now });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    await chat.postToWeb('web:general', reply('en', [{ type: 'paragraph', text: 'digest' }], { files: [{ name: 'progress.png', mediaType: 'image/png', data: png, title: 'Progress' }] }));
    const page = await open(chat.url, {}, '?name=bob');
    page.send({ type: 'hello', user: 'bob', channel: 'general' });
    const welcome = await page.next((f) => f.type === 'welcome');
    const link = welcome.digests[0].files[0];
    expect(link).toMatchObject({ name: 'progress.png', mediaType: 'image/png', size: 4 });
    const ok = await fetch(new URL(link.url, chat.url));
    expect(ok.headers.get('content-disposition')).toMatch(/^inline;/);
    expect([...new Uint8Array(await ok.arrayBuffer())]).toEqual([...png]);
    now += 10 * 60 * 1000 + 1;
    const gone = await fetch(new URL(link.url, chat.url));
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('expired');
  });

  it('with sign-in, only the person the file answered may fetch it', async () => {
    const { chat } = await start({ auth: createWebAuth({ mode: 'invite', secret: SECRET }), filesSecret: SECRET });
    const bob = await open(chat.url, { headers: { cookie: session('bob') } });
    bob.send({ type: 'hello' });
    await bob.next((f) => f.type === 'welcome');
    const answer = await bob.ask('export the ledger as csv', 'bob');
    const url = new URL(answer.files[0].url, chat.url);
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { cookie: session('carol') } })).status).toBe(403);
    const mine = await fetch(url, { headers: { cookie: session('bob') } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('application/zip');
  });
});
