import { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import { boltLogger } from './bolt-logger.js';
import type { Reply } from '../../core/reply.js';
import { conversationOf } from './slack-text.js';
import { toMessages } from './to-blocks.js';
import { uploadFiles } from './upload-files.js';

/** Posts a reply to a plan-bot channel (`slack:C123`); what the digest scheduler calls. */
export type PostReply = (channel: string, reply: Reply) => Promise<void>;

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
export function postToSlack(client: ChatClient, options: { intervalMs?: number; logger?: Logger } = {}): PostReply {
  const intervalMs = options.intervalMs ?? 1100;
  const tails = new Map<string, Promise<unknown>>();
  const lastSent = new Map<string, number>();

  const send = async (conversation: string, reply: Reply) => {
    for (const message of toMessages(reply)) {
      const wait = (lastSent.get(conversation) ?? -Infinity) + intervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        await client.chat.postMessage({ channel: conversation, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
      } finally {
        lastSent.set(conversation, Date.now());
      }
    }
    // Files (a digest's chart) follow the text they belong to, in the same conversation.
    // The text is delivered by now: a failed upload is logged, not thrown, since a failed post is posted
    // again at the next tick (a digest whose chart could not be uploaded would be repeated every tick).
    const files = reply.files ?? [];
    if (files.length) {
      try {
        if (!client.filesUploadV2) throw new Error('this Slack client cannot upload files (no filesUploadV2)');
        await uploadFiles({ filesUploadV2: client.filesUploadV2.bind(client) }, conversation, files);
      } catch (err) {
        options.logger?.warn({ err, conversation, files: files.map((f) => f.name) }, 'posted the text, but its files could not be uploaded (is the bot in the channel, with files:write?)');
      }
    }
  };

  return (channel, reply) => {
    const conversation = conversationOf(channel);
    if (!conversation) return Promise.reject(new Error(`not a Slack channel: ${JSON.stringify(channel)} (expected slack:C123)`));
    const previous = tails.get(conversation) ?? Promise.resolve();
    const mine = previous.then(() => send(conversation, reply));
    const tail = mine.catch(() => {});
    tails.set(conversation, tail);
    void tail.then(() => {
      if (tails.get(conversation) === tail) tails.delete(conversation);
    });
    return mine;
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
