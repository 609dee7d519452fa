import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackRuntime } from '../../src/adapters/slack/index.js';
import { reply } from '../../src/core/reply.js';
import { postSigned, type FakeSlack, type Recorded } from './fake-slack.js';
import { appMention, eventCallback, slashCommand } from './fixtures.js';
import { startHttpSlack, type HttpSlack } from './serve-door.js';

const SECRET = 'test-signing-secret';
let fake: FakeSlack;
let slack: SlackRuntime;
let url: string;

let running: HttpSlack | undefined;

beforeAll(async () => {
  running = await startHttpSlack({ secret: SECRET });
  ({ fake, slack, url } = running);
});

afterAll(async () => {
  await running?.close();
});

/** The file bytes a POST to the upload URL carried (the Web API client sends them as multipart form data). */
async function uploadedBytes(call: Recorded): Promise<Buffer> {
  const form = await new Response(new Uint8Array(call.bytes), { headers: { 'content-type': String(call.headers['content-type']) } }).formData();
  const part = [...form.values()].find((v): v is File => typeof v !== 'string');
  if (!part) throw new Error('the upload carried no file');
  return Buffer.from(await part.arrayBuffer());
}

/** Waits for one more upload round (URL, bytes, completion) after `before` of each. */
async function nextUpload(before: { url: number; bytes: number; complete: number }) {
  const [got] = (await fake.waitFor('files.getUploadURLExternal', before.url + 1)).slice(-1);
  const [bytes] = (await fake.waitFor('upload', before.bytes + 1)).slice(-1);
  const [complete] = (await fake.waitFor('files.completeUploadExternal', before.complete + 1)).slice(-1);
  return { got: got!, bytes: bytes!, complete: complete! };
}

const counts = () => ({ url: fake.callsTo('files.getUploadURLExternal').length, bytes: fake.callsTo('upload').length, complete: fake.callsTo('files.completeUploadExternal').length });

describe('Slack delivers the files of a reply with files upload v2, through SLACK_API_URL', () => {
  it('/plan export csv: the answer in the ack, then the zip uploaded to the channel the command came from', async () => {
    const before = counts();
    const res = await postSigned(url, SECRET, slashCommand({ text: 'export csv', channel_id: 'C9', response_url: fake.responseUrl('exp') }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).text).toContain('ledger-2021-06-15-csv.zip');
    const { got, bytes, complete } = await nextUpload(before);
    // Step 1 goes to the fake Web API with the bot token, naming the file and its length.
    expect(got.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(got.body).toMatchObject({ filename: 'ledger-2021-06-15-csv.zip' });
    // Step 2: the bytes go to the upload URL the fake handed out.
    const data = await uploadedBytes(bytes);
    expect(Number(got.body.length)).toBe(data.length);
    const zip = await JSZip.loadAsync(data);
    expect(Object.keys(zip.files).sort()).toEqual(['History.csv', 'Indicators.csv', 'Ledger.csv']);
    const csv = await zip.file('Ledger.csv')!.async('uint8array');
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Step 3 shares it in the command's channel.
    expect(complete.body.channel_id).toBe('C9');
    expect(complete.body.files).toEqual([{ id: got.body.file_id ?? expect.any(String), title: expect.stringContaining('Ledger as of 2021-06-15') }]);
  });

  it('导出台账 in a mention: the workbook uploaded into the thread', async () => {
    const before = counts();
    await postSigned(url, SECRET, eventCallback(appMention({ text: '<@UBOT> 导出台账', channel: 'C5', ts: '1623722400.000900' })));
    const { got, bytes, complete } = await nextUpload(before);
    expect(got.body.filename).toBe('台账-2021-06-15.xlsx');
    const data = await uploadedBytes(bytes);
    expect(data.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(complete.body).toMatchObject({ channel_id: 'C5', thread_ts: '1623722400.000900' });
  });

  it('a scheduled post (a digest carrying a chart) uploads its files after its text', async () => {
    const before = counts();
    const posts = fake.callsTo('chat.postMessage').length;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await slack.post('slack:C77', reply('en', [{ type: 'paragraph', text: 'Weekly digest' }], { files: [{ name: 'progress.png', mediaType: 'image/png', data: png, title: 'Progress' }] }));
    expect((await fake.waitFor('chat.postMessage', posts + 1)).at(-1)!.body.channel).toBe('C77');
    const { bytes, complete } = await nextUpload(before);
    expect([...(await uploadedBytes(bytes))]).toEqual([...png]);
    expect(complete.body.channel_id).toBe('C77');
  });

  it('a scheduled post whose upload is refused still counts as posted: its text is not sent again', async () => {
    fake.answer('files.completeUploadExternal', () => ({ body: { ok: false, error: 'not_in_channel' } }));
    try {
      const posts = fake.callsTo('chat.postMessage').length;
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 4, 5, 6]);
      // Resolves (the digest is recorded as posted by the scheduler) although the chart could not follow.
      await expect(slack.post('slack:C78', reply('en', [{ type: 'paragraph', text: 'Weekly digest' }], { files: [{ name: 'progress.png', mediaType: 'image/png', data: png, title: 'Progress' }] }))).resolves.toBeUndefined();
      const to78 = fake.callsTo('chat.postMessage').slice(posts).filter((c) => c.body.channel === 'C78');
      expect(to78).toHaveLength(1);
    } finally {
      fake.answer('files.completeUploadExternal', () => undefined);
    }
  });

  it('a refused upload (not in the channel) is said to the person on the response_url', async () => {
    fake.answer('files.completeUploadExternal', () => ({ body: { ok: false, error: 'not_in_channel' } }));
    try {
      await postSigned(url, SECRET, slashCommand({ text: 'export md', channel_id: 'C404', response_url: fake.responseUrl('refused') }));
      const said = await fake.waitForResponse('refused');
      expect(said.body).toMatchObject({ response_type: 'ephemeral' });
      expect(String(said.body.text)).toContain('/invite @plan-bot');
    } finally {
      fake.answer('files.completeUploadExternal', () => undefined);
    }
  });
});
