import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import type { Reply } from '../../core/reply.js';
import { oneOffClient, postToSlack, type PostReply } from './post-to-slack.js';
import { conversationOf } from './slack-text.js';

/** Sends a reply to one person (`slack:U0123`) as a direct message; what the reminder tick calls. */
export type PostDirectToSlack = (user: string, reply: Reply, options?: { signal?: AbortSignal }) => Promise<void>;

/** The part of Slack's Web API client direct messages use. */
export type DirectClient = Pick<webApi.WebClient, 'chat' | 'conversations'> & Partial<Pick<webApi.WebClient, 'filesUploadV2'>>;

/**
 * Direct messages through the Web API: `conversations.open` with the member id gives the DM channel
 * (kept per user for the process), then the message goes out as every other post does
 * (`postToSlack`: Block Kit, mentions, spacing per channel). A failure rejects, so the caller does not
 * record the message as sent.
 */
export function directToSlack(client: DirectClient, post: PostReply = postToSlack(client)): PostDirectToSlack {
  const dmChannels = new Map<string, string>();
  return async (user, reply, options) => {
    const member = conversationOf(user);
    if (!member || !/^[UW]/.test(member)) throw new Error(`not a Slack member: ${JSON.stringify(user)} (expected slack:U0123)`);
    let channel = dmChannels.get(member);
    if (!channel) {
      const opened = await client.conversations.open({ users: member });
      channel = opened.channel?.id;
      if (!channel) throw new Error(`Slack opened no direct message channel with ${member}`);
      dmChannels.set(member, channel);
    }
    await post(`slack:${channel}`, reply, options);
  };
}

/** A direct-message sender with a Web API client of its own, for a one-off `plan-bot remind --due` (`SLACK_API_URL` when set). */
export function slackDirectPoster(settings: { botToken?: string; apiUrl?: string }, logger: Logger): PostDirectToSlack {
  return directToSlack(oneOffClient(settings, logger));
}
