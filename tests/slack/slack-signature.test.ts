import { createHmac } from 'node:crypto';
import { isValidSlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignatureValid } from '../../src/adapters/slack/slack-signature.js';
import type { MemoryStore } from '../../src/store/memory-store.js';
import { slashCommand } from './fixtures.js';
import { startHttpSlack, type HttpSlack } from './serve-door.js';

const SECRET = 'signature-signing-secret';
const NOW_MS = 1_700_000_000_500;
const NOW = Math.floor(NOW_MS / 1000);
const BODY = new URLSearchParams(slashCommand({ text: 'subscribe 农村污水 ü' }).form).toString();
const sign = (secret: string, timestamp: string | number, body: string) => `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
const GOOD = sign(SECRET, NOW, BODY);

/** Bolt's own verdict, which the door's check must match. */
const bolt = (timestamp: string, body: string, signature: string, nowMs = NOW_MS) =>
  isValidSlackRequest({ signingSecret: SECRET, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) }, nowMilliseconds: nowMs });

describe('slackSignatureValid decides as Bolt’s isValidSlackRequest', () => {
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === '0' ? '1' : '0') + s.slice(i + 1);
  const cases: [string, { timestamp?: string; body?: string; signature: string; nowMs?: number }][] = [
    ['the right signature', { signature: GOOD }],
    ['signed with another secret', { signature: sign('not-the-secret', NOW, BODY) }],
    ['the last hex digit wrong', { signature: flip(GOOD, GOOD.length - 1) }],
    ['the first hex digit wrong', { signature: flip(GOOD, 3) }],
    ['short: one digit missing', { signature: GOOD.slice(0, -1) }],
    ['short: only the version', { signature: 'v0=' }],
    ['empty', { signature: '' }],
    ['long: one digit more', { signature: `${GOOD}0` }],
    ['another version', { signature: `v1=${GOOD.slice(3)}` }],
    ['no version', { signature: GOOD.slice(3) }],
    ['upper-case hex', { signature: `v0=${GOOD.slice(3).toUpperCase()}` }],
    ['garbled: not hex, right length', { signature: `v0=${'zz'.repeat(32)}` }],
    ['garbled: latin1 bytes, right length', { signature: `v0=${'é'.repeat(64)}` }],
    ['garbled: spaces around', { signature: ` ${GOOD.slice(0, -1)}` }],
    ['the body changed', { body: `${BODY}&x=1`, signature: GOOD }],
    ['the timestamp changed', { timestamp: String(NOW + 1), signature: GOOD }],
    ['the timestamp with a leading zero, signed as written', { timestamp: `0${NOW}`, signature: sign(SECRET, `0${NOW}`, BODY) }],
    ['the timestamp with a leading zero, signed as a number', { timestamp: `0${NOW}`, signature: GOOD }],
    ['stale: 301 s old', { timestamp: String(NOW - 301), signature: sign(SECRET, NOW - 301, BODY) }],
    ['300 s old', { timestamp: String(NOW - 300), signature: sign(SECRET, NOW - 300, BODY) }],
    ['in the future (the door refuses it before the body)', { timestamp: String(NOW + 3600), signature: sign(SECRET, NOW + 3600, BODY) }],
    ['not a number', { timestamp: 'soon', signature: sign(SECRET, 'soon', BODY) }],
  ];
  it.each(cases)('%s', (_name, c) => {
    const timestamp = c.timestamp ?? String(NOW);
    const body = c.body ?? BODY;
    expect(slackSignatureValid(SECRET, Number(timestamp), body, c.signature, c.nowMs ?? NOW_MS)).toBe(bolt(timestamp, body, c.signature, c.nowMs));
  });

  it('accepts the right signature and refuses every wrong, short or garbled one', () => {
    const verdicts = cases.map(([name, c]) => [name, slackSignatureValid(SECRET, Number(c.timestamp ?? NOW), c.body ?? BODY, c.signature, NOW_MS)]);
    expect(verdicts.filter(([, ok]) => ok).map(([name]) => name)).toEqual(['the right signature', 'the timestamp with a leading zero, signed as a number', '300 s old', 'in the future (the door refuses it before the body)']);
  });

  it('refuses what follows a second "=" where Bolt ignores it', () => {
    expect(bolt(String(NOW), BODY, `${GOOD}=junk`)).toBe(true);
    expect(slackSignatureValid(SECRET, NOW, BODY, `${GOOD}=junk`, NOW_MS)).toBe(false);
  });
});

describe('the door refuses wrong, short and garbled signatures with 401 and records nothing', () => {
  let store: MemoryStore;
  let url: string;
  let running: HttpSlack | undefined;
  beforeAll(async () => {
    running = await startHttpSlack({ secret: SECRET });
    ({ store, url } = running);
  });
  afterAll(async () => {
    await running?.close();
  });

  const post = async (signature: (good: string) => string) => {
    const body = new URLSearchParams(slashCommand({ text: 'subscribe', channel_id: 'CSIG' }).form).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature(sign(SECRET, timestamp, body)) }, body });
    return { status: res.status, text: await res.text() };
  };

  it.each([
    ['wrong', (good: string) => `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`],
    ['short', (good: string) => good.slice(0, 20)],
    ['garbled', (good: string) => `v0=${'x'.repeat(good.length - 3)}`],
    ['all zeros', () => `v0=${'0'.repeat(64)}`],
  ])('%s: 401', async (_name, signature) => {
    expect(await post(signature)).toEqual({ status: 401, text: 'signature mismatch\n' });
    expect(store.events()).toEqual([]);
  });

  it('the right one: 200, and the command is carried out', async () => {
    expect((await post((good) => good)).status).toBe(200);
    expect(store.events().filter((e) => e.type === 'subscribe')).toHaveLength(1);
  });
});
