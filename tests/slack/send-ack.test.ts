import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendAckJson } from '../../src/adapters/slack/direct-command.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves one acknowledgement and returns the raw response as a client sees it. */
async function served(body: object): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  server = createServer((_req, res) => sendAckJson(res, JSON.stringify(body)));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/slack/events', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sendAckJson writes the acknowledgement Bolt would, with its length', () => {
  it('a body: 200, JSON, its length in bytes declared (not chunked), Chinese included', async () => {
    const body = { response_type: 'in_channel', text: '农村生活污水治理率 ≥ 45%', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'é ✓ 🌿' } }] };
    const res = await served(body);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(body)));
    expect(JSON.parse(res.text)).toEqual(body);
  });
});
