import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, MAX_TEXT_CHARS, startWebChat, type WebChat } from '../../src/adapters/web/index.js';
import { reply } from '../../src/core/reply.js';
import { silentLogger } from '../../src/core/logger.js';
import { startTestChat, TestClient, type Frame } from './helpers.js';

const chats: WebChat[] = [];
const clients: TestClient[] = [];

async function chat(overrides: Parameters<typeof startTestChat>[0] = {}) {
  const started = await startTestChat(overrides);
  chats.push(started.chat);
  return started;
}

async function client(url: string, options = {}): Promise<TestClient> {
  const c = await TestClient.open(url, options);
  clients.push(c);
  return c;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.closeAndWait()));
  await Promise.all(chats.splice(0).map((c) => c.stop()));
});

const blockTypes = (f: Frame) => (f.blocks as { type: string }[]).map((b) => b.type);

describe('web chat over a websocket', () => {
  it('welcomes a page on hello and on welcome_back', async () => {
    const { chat: c } = await chat();
    const a = await client(c.url);
    a.send({ type: 'hello', user: 'alice', channel: 'general' });
    expect(await a.next((f) => f.type === 'welcome')).toMatchObject({ type: 'welcome', user: 'alice', channel: 'web:general', digests: [] });
    const from = a.frames.length;
    a.send({ type: 'welcome_back', user: 'alice', channel: 'web:general' });
    expect(await a.next((f) => f.type === 'welcome', { from })).toMatchObject({ user: 'alice', channel: 'web:general' });
  });

  it('answers a message with the plain text and the blocks, and offers status buttons on an item card', async () => {
    const { chat: c } = await chat();
    const a = await client(c.url);
    const en = await a.ask("what's the rural sewage target");
    expect(en.text).toContain('33%');
    expect(en).toMatchObject({ lang: 'en', ephemeral: false, intent: 'ask' });
    expect(en.matches[0].id).toBe('O3');
    expect(blockTypes(en)).toEqual(expect.arrayContaining(['heading', 'quote', 'actions']));
    const actions = en.blocks.find((b: { type: string }) => b.type === 'actions');
    expect(actions.buttons.map((b: { command: string }) => b.command)).toEqual(['/plan update O3 on-track', '/plan update O3 at-risk', '/plan update O3 off-track', '/plan update O3 done']);

    const zh = await a.ask('农村生活污水治理率要达到多少');
    expect(zh.text).toContain('33%');
    expect(zh.lang).toBe('zh');
    expect(zh.blocks.find((b: { type: string }) => b.type === 'quote')).toMatchObject({ text: expect.stringContaining('农村生活污水治理率达到33%'), source: 'O3' });
  });

  it('passes the user, platform and channel to the core', async () => {
    const seen: unknown[] = [];
    const { app } = await chat();
    const spy = await startWebChat({
      app: { plan: app.plan, bot: { handle: async (msg) => (seen.push(msg), { ...reply('en', [{ type: 'paragraph', text: 'ok' }]), intent: 'test' }) } },
      port: 0,
      host: '127.0.0.1',
      logger: silentLogger,
    });
    chats.push(spy);
    const a = await client(spy.url);
    a.send({ type: 'message', user: 'alice', channel: 'ops', text: '/plan status T9' });
    await a.next((f) => f.type === 'message');
    expect(seen).toEqual([{ text: '/plan status T9', user: { id: 'web:alice', name: 'alice' }, platform: 'web', channel: 'web:ops' }]);
  });

  it('keeps replies in the order of the messages', async () => {
    const { chat: c } = await chat();
    const a = await client(c.url);
    for (const q of ['T9', 'help', 'T3']) a.send({ type: 'message', user: 'alice', text: q });
    const got: Frame[] = [];
    while (got.length < 3) got.push(await a.next((f) => f.type === 'message' && !got.includes(f)));
    expect(got.map((f) => f.matches[0]?.id ?? f.intent)).toEqual(['T9', 'help', 'T3']);
  });

  it('sends HTML in user text back as text, never as markup', async () => {
    const { chat: c } = await chat();
    const a = await client(c.url);
    const r = await a.ask('<img src=x onerror=alert(1)> <b>bold</b>');
    expect(r.text).toContain('<img src=x onerror=alert(1)> <b>bold</b>');
    expect(r.text).not.toContain('&lt;');
  });

  it('pushes a digest to every page of its web channel and keeps it for pages that join later', async () => {
    const { chat: c } = await chat();
    const [a, b, other] = [await client(c.url), await client(c.url), await client(c.url)];
    a.send({ type: 'hello', user: 'alice', channel: 'general' });
    b.send({ type: 'hello', user: 'bob' });
    other.send({ type: 'hello', user: 'carol', channel: 'ops' });
    await Promise.all([a, b, other].map((x) => x.next((f) => f.type === 'welcome')));

    const digest = reply('en', [{ type: 'heading', text: 'Weekly digest 2021-06-07 – 06-13' }, { type: 'paragraph', text: '3 updates' }]);
    expect(c.openPages('web:general')).toBe(2);
    expect(c.openPages('web:ops')).toBe(1);
    expect(c.openPages()).toBe(3);
    await c.postToWeb('web:general', digest);
    for (const x of [a, b]) expect(await x.next((f) => f.type === 'digest')).toMatchObject({ channel: 'web:general', text: 'Weekly digest 2021-06-07 – 06-13\n3 updates', blocks: digest.blocks });
    await new Promise((r) => setTimeout(r, 100));
    expect(other.frames.some((f) => f.type === 'digest')).toBe(false);

    const late = await client(c.url);
    late.send({ type: 'hello', user: 'dan', channel: 'general' });
    const welcome = await late.next((f) => f.type === 'welcome');
    expect(welcome.digests).toHaveLength(1);
    expect(welcome.digests[0]).toMatchObject({ type: 'digest', text: expect.stringContaining('Weekly digest') });
    await expect(c.postToWeb('slack:C123', digest)).rejects.toThrow(/not a web channel/);
  });
});

describe('web chat against bad input', () => {
  it('refuses non-JSON, binary, unknown types and bad names with a notice, and keeps the socket', async () => {
    const { chat: c } = await chat();
    const a = await client(c.url);
    const cases: [unknown, string][] = [
      ['not json {', 'not-json'],
      ['42', 'not-json'],
      ['[1,2]', 'unknown-type'],
      [{ type: 'subscribe', user: 'alice' }, 'unknown-type'],
      [{ type: 'message', user: '<script>', text: 'hi' }, 'bad-name'],
      [{ type: 'message', user: 'alice', channel: '../etc', text: 'hi' }, 'bad-channel'],
      [{ type: 'message', user: 'alice', text: '   ' }, 'empty-text'],
    ];
    for (const [frame, id] of cases) {
      const from = a.frames.length;
      a.send(frame);
      expect(await a.next((f) => f.type === 'notice', { from }), JSON.stringify(frame)).toMatchObject({ id, text: expect.any(String) });
    }
    const from = a.frames.length;
    a.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await a.next((f) => f.type === 'notice', { from })).toMatchObject({ id: 'not-json' });
    expect((await a.ask('T9')).matches[0].id).toBe('T9');
  });

  it('accepts a message of 10,000 Chinese characters (30 KB) and gives it to the core whole', async () => {
    const seen: string[] = [];
    const { app } = await chat();
    const spy = await startWebChat({
      app: { plan: app.plan, bot: { handle: async (msg) => (seen.push(msg.text), { ...reply('zh', [{ type: 'paragraph', text: '收到' }]), intent: 'test' }) } },
      port: 0,
      host: '127.0.0.1',
      logger: silentLogger,
    });
    chats.push(spy);
    const a = await client(spy.url);
    const text = '农村生活污水治理率要达到多少'.repeat(800).slice(0, MAX_TEXT_CHARS);
    expect([...text].length).toBe(10_000);
    expect(Buffer.byteLength(text)).toBe(30_000);
    expect((await a.ask(text)).text).toBe('收到');
    expect(seen).toEqual([text]);
    // Sent as JSON escapes (6 bytes a character) it still fits in a frame.
    const from = a.frames.length;
    a.send(JSON.stringify({ type: 'message', user: 'alice', text }).replace(/[\u4e00-\u9fff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`));
    expect(await a.next((f) => f.type === 'message', { from })).toMatchObject({ text: '收到' });
    expect(seen[1]).toBe(text);
  });

  it('the real bot answers a message of 10,000 Chinese characters', async () => {
    const { chat: c } = await chat();
    const a = await client(c.url);
    const r = await a.ask('农村生活污水治理率要达到多少'.repeat(800).slice(0, MAX_TEXT_CHARS));
    expect(r.type).toBe('message');
    expect(a.closed).toBeNull();
  });

  it('says so, in both languages, when a message is over 10,000 characters, and keeps the socket', async () => {
    const { chat: c } = await chat();
    const a = await client(c.url);
    for (const text of ['污'.repeat(MAX_TEXT_CHARS + 1), 'x'.repeat(100_000)]) {
      const from = a.frames.length;
      a.send({ type: 'message', user: 'alice', text });
      expect(await a.next((f) => f.type === 'notice', { from })).toMatchObject({ id: 'too-long', text: expect.stringMatching(/too long.*10,000.*消息过长/s) });
    }
    expect((await a.ask('T9')).matches[0].id).toBe('T9');
    expect(a.closed).toBeNull();
  });

  it('closes a socket that sends a frame over the hard limit (256 KB), and no one else notices', async () => {
    const { chat: c } = await chat();
    const [a, b] = [await client(c.url), await client(c.url)];
    a.send({ type: 'message', user: 'alice', text: 'x'.repeat(MAX_FRAME_BYTES + 1) });
    await expect.poll(() => a.closed?.code).toBe(1009);
    expect((await b.ask('T9', 'bob')).matches[0].id).toBe('T9');
  });

  it('rate-limits a flooding socket with a polite notice, then closes it, while another user is served', async () => {
    const { chat: c } = await chat();
    const [flood, calm] = [await client(c.url), await client(c.url)];
    for (let i = 0; i < 60; i++) flood.send({ type: 'message', user: 'mallory', text: 'help' });
    const notice = await flood.next((f) => f.type === 'notice');
    expect(notice).toMatchObject({ id: 'rate-limited', text: expect.stringMatching(/too fast/) });
    expect((await calm.ask('T9', 'bob')).matches[0].id).toBe('T9');
    await expect.poll(() => flood.frames.filter((f) => f.type === 'message').length).toBeGreaterThanOrEqual(20);
    expect(flood.frames.filter((f) => f.type === 'message').length).toBeLessThanOrEqual(21);
    expect(flood.frames.filter((f) => f.type === 'notice').length).toBe(1);

    for (let i = 0; i < 150; i++) flood.send({ type: 'message', user: 'mallory', text: 'help' });
    await expect.poll(() => flood.closed?.code, { timeout: 5000 }).toBe(1008);
    expect((await calm.ask('T3', 'bob')).matches[0].id).toBe('T3');
  });

  it('tells the page when the core fails and keeps serving', async () => {
    const { app } = await chat();
    let calls = 0;
    const flaky = await startWebChat({
      app: { plan: app.plan, bot: { handle: async (msg) => (++calls === 1 ? Promise.reject(new Error('boom')) : app.bot.handle(msg)) } },
      port: 0,
      host: '127.0.0.1',
      logger: silentLogger,
    });
    chats.push(flaky);
    const a = await client(flaky.url);
    a.send({ type: 'message', user: 'alice', text: 'T9' });
    expect(await a.next((f) => f.type === 'notice')).toMatchObject({ id: 'internal' });
    expect((await a.ask('T9')).matches[0].id).toBe('T9');
  });

  it('refuses sockets from other origins and other host names', async () => {
    const { chat: c } = await chat();
    await expect(TestClient.open(c.url, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(TestClient.open(c.url, { headers: { host: 'evil.example' } })).rejects.toThrow(/403/);
    const port = new URL(c.url).port;
    const ok = await client(c.url, { origin: `http://localhost:${port}`, headers: { host: `localhost:${port}` } });
    expect((await ok.ask('T9')).matches[0].id).toBe('T9');
  });

  it('closes pages with 1001 on stop so they reconnect, and frees the port', async () => {
    const { chat: c } = await chat();
    const a = await client(c.url);
    await a.ask('T9');
    await c.stop();
    await expect.poll(() => a.closed?.code).toBe(1001);
    expect(c.server.listening).toBe(false);
  });
});

describe('web chat over http', () => {
  it('serves the page with a content security policy, a health check, and routes added for other adapters', async () => {
    const { chat: c } = await chat({ routes: (app) => app.post('/slack/events', (_req, res) => void res.json({ slack: true })) });
    const page = await fetch(c.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="chat.js"></script>');
    expect(await (await fetch(new URL('/healthz', c.url))).json()).toEqual({ ok: true });
    expect(await (await fetch(new URL('/slack/events', c.url), { method: 'POST' })).json()).toEqual({ slack: true });
    c.express.get('/later', (_req, res) => void res.send('later'));
    expect(await (await fetch(new URL('/later', c.url))).text()).toBe('later');
    // A connect-style handler mounted after start (as the Slack adapter's `handler`) gets the raw body.
    c.express.use((req, res, next) => {
      if (req.url !== '/hook') return next();
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => res.end(`raw:${body}`));
    });
    expect(await (await fetch(new URL('/hook', c.url), { method: 'POST', body: 'a=1&b=2' })).text()).toBe('raw:a=1&b=2');
    expect((await fetch(new URL('/api/messages', c.url), { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('says how to fix a port that is taken', async () => {
    const { chat: c } = await chat();
    const port = Number(new URL(c.url).port);
    const { app } = await chat();
    await expect(startWebChat({ app, port, host: '127.0.0.1', logger: silentLogger })).rejects.toThrow(/already in use.*set PORT/);
  });
});
