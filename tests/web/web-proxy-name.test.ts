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
