import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { slackDoor, type CheckedRequest } from '../../src/adapters/slack/slack-door.js';
import { postSigned } from './fake-slack.js';
import { slashCommand } from './fixtures.js';

const SECRET = 'door-batch-secret';
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A door whose handler answers with the command's text, or throws when the text is "boom". */
async function door() {
  const errors: unknown[] = [];
  const handedOn: string[] = [];
  const handle = slackDoor({ signingSecret: SECRET, onError: (e) => errors.push(e) }, (req: CheckedRequest, res) => {
    const text = String(req.body.text);
    handedOn.push(text);
    if (text === 'boom') throw new Error('the handler broke');
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`answer to ${text}`);
  });
  const server = createServer(handle);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, errors, handedOn };
}

describe('the Slack door hands requests on in batches', () => {
  it('requests sent together each get their own answer, and each is handed on once', async () => {
    const d = await door();
    const texts = Array.from({ length: 40 }, (_, i) => `question ${i}`);
    const answers = await Promise.all(texts.map((text) => postSigned(d.url, SECRET, slashCommand({ text, user_id: 'U0123' }))));
    expect(answers.map((a) => a.status)).toEqual(texts.map(() => 200));
    expect(answers.map((a) => a.text)).toEqual(texts.map((t) => `answer to ${t}`));
    expect([...d.handedOn].sort()).toEqual([...texts].sort());
  });

  it('a handler that throws gets its request a 500 and is reported; the requests beside it are answered', async () => {
    const d = await door();
    const texts = ['before', 'boom', 'after', 'boom', 'last'];
    const answers = await Promise.all(texts.map((text) => postSigned(d.url, SECRET, slashCommand({ text, user_id: 'U0123' }))));
    expect(answers.map((a) => a.status)).toEqual([200, 500, 200, 500, 200]);
    expect(answers.filter((a) => a.status === 200).map((a) => a.text)).toEqual(['answer to before', 'answer to after', 'answer to last']);
    expect(d.errors.map((e) => (e as Error).message)).toEqual(['the handler broke', 'the handler broke']);
  });
});
