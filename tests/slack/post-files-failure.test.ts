import { describe, expect, it, vi } from 'vitest';
import { postToSlack, type ChatClient } from '../../src/adapters/slack/post-to-slack.js';
import { silentLogger } from '../../src/core/logger.js';
import { reply } from '../../src/core/reply.js';

describe('a scheduled Slack post whose files cannot be uploaded', () => {
  it('resolves once its text is posted (so the digest is recorded, not posted again next tick) and logs the upload failure', async () => {
    const postMessage = vi.fn(async () => ({ ok: true }));
    const filesUploadV2 = vi.fn(async () => {
      throw new Error('not_in_channel');
    });
    const client = { chat: { postMessage }, filesUploadV2 } as unknown as ChatClient;
    const warn = vi.fn();
    const post = postToSlack(client, { intervalMs: 0, logger: { ...silentLogger, warn } as typeof silentLogger });
    const digest = reply('en', [{ type: 'paragraph', text: 'Weekly digest' }], { files: [{ name: 'progress.png', mediaType: 'image/png', data: new Uint8Array([0x89, 0x50]), title: 'Progress' }] });
    await expect(post('slack:C77', digest)).resolves.toBeUndefined();
    expect(postMessage).toHaveBeenCalledTimes(1);
    expect(filesUploadV2).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ conversation: 'C77', files: ['progress.png'] }), expect.stringMatching(/files could not be uploaded/));
  });
});
