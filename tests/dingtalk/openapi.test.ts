import { describe, expect, it } from 'vitest';
import { createOpenApi, DingTalkApiError, slidingWindowPacer } from '../../src/adapters/dingtalk/index.js';

/** A fetch answering from a list of handlers by path, recording each request. */
function fakeFetch(answer: (path: string, body: Record<string, unknown>, n: number) => { status?: number; body: unknown; headers?: Record<string, string> }) {
  const calls: { path: string; body: Record<string, unknown>; token: string | null }[] = [];
  const f = (async (input: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>;
    calls.push({ path, body, token: new Headers(init?.headers).get('x-acs-dingtalk-access-token') });
    const a = answer(path, body, calls.filter((c) => c.path === path).length);
    return new Response(JSON.stringify(a.body), { status: a.status ?? 200, headers: { 'content-type': 'application/json', ...a.headers } });
  }) as typeof fetch;
  return { f, calls };
}

const settings = { clientId: 'id', clientSecret: 'secret', apiUrl: 'http://dingtalk.test' };

describe('the DingTalk OpenAPI client', () => {
  it('keeps the access token until five minutes before it expires, then fetches a new one', async () => {
    let now = 0;
    let tokens = 0;
    const { f, calls } = fakeFetch((path) => (path === '/v1.0/oauth2/accessToken' ? { body: { accessToken: `t${++tokens}`, expireIn: 7200 } } : { body: {} }));
    const api = createOpenApi(settings, { fetch: f, now: () => now });
    expect(await api.token()).toBe('t1');
    now = (7200 - 301) * 1000;
    expect(await api.token()).toBe('t1');
    now = (7200 - 299) * 1000;
    expect(await api.token()).toBe('t2');
    await api.post('/v1.0/robot/groupMessages/send', { x: 1 });
    expect(calls.at(-1)).toMatchObject({ path: '/v1.0/robot/groupMessages/send', token: 't2' });
  });

  it('retries a throttled call (HTTP 429, then a throttling code) after Retry-After or a doubling wait, and gives up after the last try', async () => {
    const waits: number[] = [];
    const { f, calls } = fakeFetch((path, _b, n) => {
      if (path === '/v1.0/oauth2/accessToken') return { body: { accessToken: 't', expireIn: 7200 } };
      if (n === 1) return { status: 429, body: { code: 'Throttling' }, headers: { 'retry-after': '3' } };
      if (n === 2) return { status: 403, body: { code: 'Forbidden.AccessDenied.QpsLimitForApi', message: 'qps' } };
      return { body: { ok: true } };
    });
    const api = createOpenApi(settings, { fetch: f, sleep: async (ms) => void waits.push(ms), retryBaseMs: 100 });
    expect(await api.post('/send', {})).toEqual({ ok: true });
    expect(waits).toEqual([3000, 200]);
    expect(calls.filter((c) => c.path === '/send')).toHaveLength(3);

    const always = fakeFetch((path) => (path === '/v1.0/oauth2/accessToken' ? { body: { accessToken: 't' } } : { status: 429, body: {} }));
    const tired = createOpenApi(settings, { fetch: always.f, sleep: async () => {}, attempts: 3 });
    await expect(tired.post('/send', {})).rejects.toBeInstanceOf(DingTalkApiError);
    expect(always.calls.filter((c) => c.path === '/send')).toHaveLength(3);
  });

  it('does not retry a refusal that is not throttling', async () => {
    const { f, calls } = fakeFetch((path) => (path === '/v1.0/oauth2/accessToken' ? { body: { accessToken: 't' } } : { status: 400, body: { code: 'invalidParameter', message: 'bad robotCode' } }));
    const api = createOpenApi(settings, { fetch: f, sleep: async () => {} });
    await expect(api.post('/send', {})).rejects.toThrow(/invalidParameter: bad robotCode/);
    expect(calls.filter((c) => c.path === '/send')).toHaveLength(1);
  });
});

describe('the robot pacer', () => {
  it('lets 20 messages through in a minute and holds the 21st until the first leaves the window', async () => {
    let now = 1_000;
    const waits: number[] = [];
    const pacer = slidingWindowPacer({ now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) });
    for (let i = 0; i < 20; i++) {
      await pacer.turn();
      now += 1000;
    }
    expect(waits).toEqual([]);
    await pacer.turn();
    expect(waits).toEqual([40_000]);
    expect(now).toBe(61_000);
  });
});
