import { afterEach, describe, expect, it } from 'vitest';
import { createWebAuth, type WebChat } from '../../src/adapters/web/index.js';
import type { Logger } from '../../src/core/logger.js';
import { startTestChat, TestClient } from './helpers.js';

const chats: WebChat[] = [];
afterEach(async () => {
  await Promise.all(chats.splice(0).map((c) => c.stop()));
});

/** A logger that keeps what it is told at warn level and above. */
function capture() {
  const warnings: string[] = [];
  const keep = (obj: unknown, msg?: string) => void warnings.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
  const logger = { debug: () => {}, info: () => {}, warn: keep, error: keep, fatal: keep, child: () => logger } as unknown as Logger;
  return { warnings, logger };
}

describe('behind a sign-in proxy that sends something other than a chat name', () => {
  it('tells the person and the operator why, instead of "not signed in: go through the sign-in page"', async () => {
    const { warnings, logger } = capture();
    const { chat } = await startTestChat({ logger, auth: createWebAuth({ mode: 'proxy', trustedProxies: ['127.0.0.1'] }) });
    chats.push(chat);
    const headers = { 'x-forwarded-user': 'bob@example.org' };

    // The page asks who it is: the proxy did sign bob in, with a value that cannot be a chat name.
    const session = await (await fetch(new URL('/session', chat.url), { headers })).json();
    expect(session).toMatchObject({ mode: 'proxy', user: null, problem: 'proxy-bad-name', claimed: 'bob@example.org' });

    // The socket is still refused, and the operator's log says what to change.
    await expect(TestClient.open(chat.url, { headers })).rejects.toThrow(/401/);
    expect(warnings.join('\n')).toMatch(/bob@example\.org.*not a chat name|not a chat name.*bob@example\.org/);
    expect(warnings.join('\n')).toMatch(/PLANBOT_WEB_AUTH_HEADER/);

    // Without the header, or from an untrusted address, nothing changes.
    expect(await (await fetch(new URL('/session', chat.url))).json()).toEqual({ mode: 'proxy', user: null });
  });
});

describe('behind a sign-in proxy that names people in Chinese', () => {
  it('reads the header’s UTF-8 bytes (as nginx passes them on), so 张伟 is web:张伟, not refused as mojibake', async () => {
    const { chat } = await startTestChat({ auth: createWebAuth({ mode: 'proxy', trustedProxies: ['127.0.0.1'] }) });
    chats.push(chat);
    // Node sends a header string as Latin-1: these are the UTF-8 bytes of 张伟 on the wire, as a proxy sends them.
    const headers = { 'x-forwarded-user': Buffer.from('张伟', 'utf8').toString('latin1') };
    const { request } = await import('node:http');
    const session = await new Promise<unknown>((resolve, reject) => {
      request(new URL('/session', chat.url), { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve(JSON.parse(body)));
      }).on('error', reject).end();
    });
    expect(session).toEqual({ mode: 'proxy', user: '张伟' });

    const client = await TestClient.open(chat.url, { headers });
    client.send({ type: 'hello', channel: 'general' });
    expect((await client.next((f) => f.type === 'welcome')).user).toBe('张伟');
    const reply = await client.ask('/plan update T9 at-risk 来自代理', '张伟');
    expect(reply.text).toMatch(/张伟/);
    await client.closeAndWait();

    // A value that is not UTF-8 (a Latin-1 name) is read as it came.
    const latin = await new Promise<unknown>((resolve, reject) => {
      request(new URL('/session', chat.url), { headers: { 'x-forwarded-user': 'Jos\u00e9' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve(JSON.parse(body)));
      }).on('error', reject).end();
    });
    expect(latin).toEqual({ mode: 'proxy', user: 'José' });
  });
});
