import type { webApi } from '@slack/bolt';
import type { ReplyFile } from '../../core/reply.js';

/** The part of Slack's Web API client file uploads use. */
export type FilesClient = Pick<webApi.WebClient, 'filesUploadV2'>;

/**
 * Uploads the files a reply carries to a conversation (in a thread when `threadTs` is given) with
 * files upload v2, as Slack asks since files.upload was retired: `files.getUploadURLExternal` for each
 * file, the bytes POSTed to the upload URL it returns, then `files.completeUploadExternal` sharing them
 * in `channel_id`. The client's base URL (`SLACK_API_URL`) applies to every API call; the upload URL is
 * Slack's own answer. A failure rejects (not in the channel, a refused token).
 */
export async function uploadFiles(client: FilesClient, conversation: string, files: readonly ReplyFile[], opts: { threadTs?: string } = {}): Promise<void> {
  if (files.length === 0) return;
  await client.filesUploadV2({
    channel_id: conversation,
    ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
    file_uploads: files.map((f) => ({ file: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength), filename: f.name, title: f.title })),
  });
}

/** What a person is told when the files of a reply could not be shared in a conversation. */
export const UPLOAD_FAILED =
  'The file could not be shared here (is plan-bot a member of this channel? `/invite @plan-bot`, or ask in a direct message). · 文件无法在此发送（plan-bot 是否已加入该频道？可 `/invite @plan-bot`，或在私信中请求）。';
