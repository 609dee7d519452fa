import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebAuth, fileUsedInvites, inviteLink, inviteToken, webInviteIssuer, type WebAuthOptions, type WebChat } from '../../src/adapters/web/index.js';
import type { App } from '../../src/app.js';
import { startTestChat, TestClient } from './helpers.js';

const SECRET = 'test-secret-of-at-least-32-characters!!';
const chats: WebChat[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.closeAndWait()));
  await Promise.all(chats.splice(0).map((c) => c.stop()));
});

/** A chat whose sign-in is configured as it would be beyond loopback (while the test binds 127.0.0.1). */
async function chat(auth?: WebAuthOptions): Promise<{ app: App; chat: WebChat }> {
  const started = await startTestChat(auth ? { auth: createWebAuth(auth) } : {});
  chats.push(started.chat);
  return started;
}

async function client(url: string, options = {}): Promise<TestClient> {
  const c = await TestClient.open(url, options);
  clients.push(c);
  return c;
}

/** Posts a link's token as the sign-in page does. */
const signIn = (url: string, token: string) => fetch(new URL('/signin', url), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: token });
const tokenOf = (link: string) => link.slice(link.indexOf('#') + 1);
const sessionCookie = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;

describe('who is typing in the web chat, on loopback', () => {
  it('ignores a frame claiming another user: the update and the history show the socket’s own name', async () => {
    const { app, chat: c } = await chat();
    const alice = await client(c.url);
    alice.send({ type: 'hello', user: 'alice' });
    expect(await alice.next((f) => f.type === 'welcome')).toMatchObject({ user: 'alice', mode: 'local' });
    const from = alice.frames.length;
    alice.send({ type: 'message', user: 'mallory', text: '/plan update T9 at-risk 420/800 behind' });
    await alice.next((f) => f.type === 'message', { from });
    const history = await alice.ask('/plan history T9', 'mallory');
    expect(history.text).toMatch(/alice/);
    expect(history.text).not.toMatch(/mallory/);
    expect(app.store.events().filter((e) => e.type === 'update').map((e) => e.user)).toEqual(['web:alice']);
  });

  it('binds the name given at connect, so a non-admin cannot act as an admin by naming one', async () => {
    const { app, chat: c } = await chat();
    const bob = await TestClient.open(c.url, {}, '?name=bob');
    clients.push(bob);
    const refused = await bob.ask('/plan assign T9 @bob', 'alice');
    expect(refused.error).toMatchObject({ id: 'permission.admin' });
    expect(app.store.events()).toEqual([]);
    const subscribed = await bob.ask('/plan subscribe', 'alice');
    expect(subscribed.error).toBeUndefined();
    expect(app.store.events().map((e) => e.user)).toEqual(['web:bob']);
  });
});

describe('who is typing in the web chat, beyond loopback', () => {
  it('refuses a socket that is not signed in at the upgrade (401), and the page says how to sign in', async () => {
    const { chat: c } = await chat({ mode: 'invite', secret: SECRET });
    await expect(TestClient.open(c.url)).rejects.toThrow(/401/);
    await expect(TestClient.open(c.url, {}, '?name=alice')).rejects.toThrow(/401/);
    await expect(TestClient.open(c.url, { headers: { cookie: 'planbot_session=forged.value' } })).rejects.toThrow(/401/);
    expect(await (await fetch(new URL('/session', c.url))).json()).toEqual({ mode: 'invite', user: null });
    expect((await fetch(c.url)).status).toBe(200);
    const page = await (await fetch(new URL('/signin', c.url))).text();
    expect(page).toContain('signin.js');
  });

  it('turns a one-time invite link into a signed HttpOnly cookie whose socket chats as that user; the link works once', async () => {
    const { app, chat: c } = await chat({ mode: 'invite', secret: SECRET });
    const link = webInviteIssuer({ secret: SECRET, baseUrl: () => c.url }).issue('@bob').url;
    expect(link).toMatch(new RegExp(`^${c.url}signin#`));

    const res = await signIn(c.url, tokenOf(link));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, user: 'bob' });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^planbot_session=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = sessionCookie(res);
    expect(await (await fetch(new URL('/session', c.url), { headers: { cookie } })).json()).toEqual({ mode: 'invite', user: 'bob' });

    const bob = await client(c.url, { headers: { cookie } });
    bob.send({ type: 'hello' });
    expect(await bob.next((f) => f.type === 'welcome')).toMatchObject({ user: 'bob', mode: 'invite' });
    await bob.ask('/plan subscribe', 'alice');
    expect(app.store.events().map((e) => e.user)).toEqual(['web:bob']);

    const again = await signIn(c.url, tokenOf(link));
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ ok: false, id: 'used', text: expect.stringMatching(/already been used.*已使用过/s) });
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('refuses an expired, a tampered and a cross-site sign-in', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { chat: c } = await chat({ mode: 'invite', secret: SECRET, now: () => now });
    const { token } = inviteToken('carol', SECRET, now);
    now += 25 * 60 * 60 * 1000;
    const expired = await signIn(c.url, token);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ id: 'expired' });

    const fresh = inviteToken('carol', SECRET, now).token;
    const tampered = inviteToken('carol', 'another-secret-of-at-least-32-characters', now).token;
    expect((await signIn(c.url, tampered)).status).toBe(401);
    expect((await signIn(c.url, fresh.replace(/^./, 'x'))).status).toBe(401);
    const crossSite = await fetch(new URL('/signin', c.url), { method: 'POST', headers: { origin: 'http://evil.example' }, body: fresh });
    expect(crossSite.status).toBe(403);
    expect((await signIn(c.url, fresh)).status).toBe(200);
  });

  it('remembers used links across a restart (a file beside the state file)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'planbot-invites-')), 'state.json.web-invites.json');
    const { token } = inviteToken('dan', SECRET, Date.now());
    const first = await chat({ mode: 'invite', secret: SECRET, usedInvites: await fileUsedInvites(file, Date.now) });
    expect((await signIn(first.chat.url, token)).status).toBe(200);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await first.chat.stop();
    const second = await chat({ mode: 'invite', secret: SECRET, usedInvites: await fileUsedInvites(file, Date.now) });
    const reused = await signIn(second.chat.url, token);
    expect(reused.status).toBe(410);
    expect(await reused.json()).toMatchObject({ id: 'used' });
  });

  it('honours a proxy’s user header only from a trusted address', async () => {
    const trusted = await chat({ mode: 'proxy', trustedProxies: ['127.0.0.1'], header: 'X-Remote-User' });
    const carol = await client(trusted.chat.url, { headers: { 'x-remote-user': 'carol' } });
    await carol.ask('/plan subscribe', 'alice');
    expect(trusted.app.store.events().map((e) => e.user)).toEqual(['web:carol']);
    await expect(TestClient.open(trusted.chat.url)).rejects.toThrow(/401/);
    await expect(TestClient.open(trusted.chat.url, { headers: { 'x-remote-user': '<b>' } })).rejects.toThrow(/401/);
    expect((await signIn(trusted.chat.url, inviteToken('eve', SECRET, Date.now()).token)).status).toBe(400);

    const elsewhere = await chat({ mode: 'proxy', trustedProxies: ['10.0.0.0/8', '::1'], header: 'X-Remote-User' });
    await expect(TestClient.open(elsewhere.chat.url, { headers: { 'x-remote-user': 'carol' } })).rejects.toThrow(/401/);
    expect(await (await fetch(new URL('/session', elsewhere.chat.url), { headers: { 'x-remote-user': 'carol' } })).json()).toEqual({ mode: 'proxy', user: null });
  });

  it('skips the localhost-only Host check once sign-in is required (the chat behind a proxy on this machine)', async () => {
    const { chat: c } = await chat({ mode: 'proxy', trustedProxies: ['127.0.0.1'] });
    expect((await fetch(c.url, { headers: { host: 'plan.example.org' } })).status).toBe(200);
    const port = new URL(c.url).port;
    const dave = await client(c.url, { headers: { host: 'plan.example.org', 'x-forwarded-user': 'dave' }, origin: 'http://plan.example.org' });
    expect(dave.ws.readyState).toBe(1);
    await expect(TestClient.open(c.url, { headers: { 'x-forwarded-user': 'dave' }, origin: `http://evil.example:${port}` })).rejects.toThrow(/403/);
  });

  it('will not start a local (choose-a-name) chat beyond loopback', async () => {
    await expect(startTestChat({ host: '0.0.0.0' })).rejects.toThrow(/anyone who reaches it.*PLANBOT_WEB_AUTH/);
  });

  it('makes invite links from the public address', () => {
    expect(inviteLink('https://plan.example.org/', 'abc.def')).toBe('https://plan.example.org/signin#abc.def');
  });
});

describe('a sign-in that cannot be recorded', () => {
  it('hands out no session and says so in both languages, without a stack trace', async () => {
    const { chat: c } = await chat({ mode: 'invite', secret: SECRET, usedInvites: { use: async () => Promise.reject(new Error('ENOSPC: no space left on device')) } });
    const res = await signIn(c.url, inviteToken('erin', SECRET, Date.now()).token);
    expect(res.status).toBe(503);
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ ok: false, id: 'not-recorded', text: expect.stringMatching(/cannot record.*无法记录/s) });
    expect(body).not.toMatch(/ENOSPC|\n\s+at /);
  });
});
