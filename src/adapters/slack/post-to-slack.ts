import { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import { boltLogger } from './bolt-logger.js';
import type { Reply } from '../../core/reply.js';
import { conversationOf } from './slack-text.js';
import { toMessages } from './to-blocks.js';
import { uploadFiles } from './upload-files.js';
import { pacedQueue } from '../../core/paced-queue.js';

/** Posts a reply to a plan-bot channel (`slack:C123`); what the digest scheduler calls. `signal` stops it before its next message. */
export type PostReply = (channel: string, reply: Reply, options?: { signal?: AbortSignal }) => Promise<void>;

/** The part of Slack's Web API client the poster uses (`filesUploadV2` for replies that carry files, such as a digest's chart). */
export type ChatClient = Pick<webApi.WebClient, 'chat'> & Partial<Pick<webApi.WebClient, 'filesUploadV2'>>;

/**
 * A poster for digests and other unprompted messages: each reply goes out with `chat.postMessage`
 * (Block Kit, owners as `<@U…>` mentions, split into several messages past 50 blocks), then the
 * files it carries uploaded to the same conversation (files upload v2). Messages to
 * one channel are queued and spaced `intervalMs` apart (Slack allows about one a second per
 * channel); channels do not wait for each other. HTTP 429 is retried after its Retry-After by the
 * client itself: pass a WebClient whose `retryConfig` allows retries and `rejectRateLimitedCalls` is
 * false (Bolt's `app.client` is, by default).
 */
export function postToSlack(client: ChatClient, options: { intervalMs?: number; logger?: Pick<Logger, 'warn'> } = {}): PostReply {
  const queue = pacedQueue(options.intervalMs ?? 1100);

  const send = async (conversation: string, reply: Reply, wait: () => Promise<void>, sent: () => void, signal?: AbortSignal) => {
    for (const message of toMessages(reply)) {
      signal?.throwIfAborted();
      await wait();
      try {
        await client.chat.postMessage({ channel: conversation, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
      } finally {
        sent();
      }
    }
    // Files (a digest's chart) follow the text they belong to, in the same conversation.
    // Once the text is out the post has happened: a failed upload is logged, never thrown, or the caller
    // would count the digest as not posted and post its text again at the next tick.
    const files = reply.files ?? [];
    if (files.length) {
      try {
        if (!client.filesUploadV2) throw new Error('this Slack client cannot upload files (no filesUploadV2)');
        await uploadFiles({ filesUploadV2: client.filesUploadV2.bind(client) }, conversation, files);
      } catch (err) {
        options.logger?.warn({ err, conversation, files: files.map((f) => f.name) }, 'the message was posted but its files could not be uploaded (is plan-bot a member of the channel, with the files:write scope?)');
      }
    }
  };

  return (channel, reply, options) => {
    const conversation = conversationOf(channel);
    if (!conversation) return Promise.reject(new Error(`not a Slack channel: ${JSON.stringify(channel)} (expected slack:C123)`));
    return queue(conversation, (wait, sent) => send(conversation, reply, wait, sent, options?.signal));
  };
}

/**
 * A poster with a Web API client of its own, for a one-off `plan-bot digest --post-due` run outside
 * `serve`: the bot token from the environment, `SLACK_API_URL` when set.
 */
export function slackPoster(settings: { botToken?: string; apiUrl?: string }, logger: Logger): PostReply {
  return postToSlack(oneOffClient(settings, logger), { logger });
}

/** A Web API client of a one-off command (no Bolt app): the bot token, `SLACK_API_URL` when set. */
export function oneOffClient(settings: { botToken?: string; apiUrl?: string }, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(settings.botToken, {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    logger: boltLogger(logger),
  });
}
