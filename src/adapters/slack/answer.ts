import type { webApi } from '@slack/bolt';
import type { App as PlanApp } from '../../app.js';
import type { Incoming } from '../../core/bot.js';
import type { Reply } from '../../core/reply.js';
import { homeView } from './app-home.js';
import { slackUserId } from './slack-text.js';
import { toMessages, type SlackMessage } from './to-blocks.js';
import { UPLOAD_FAILED, uploadFiles } from './upload-files.js';

/** What the listeners need of the assembled core. */
export type SlackCore = Pick<PlanApp, 'bot' | 'plan' | 'store' | 'clock' | 'logger'> & { config: Pick<PlanApp['config'], 'timeZone'> };

/** A Slack user's message for the core: ids mapped, platform named. */
export function incoming(slackUser: string, input: { text: string; command: boolean; channel: string | null; name?: string }): Incoming {
  return { text: input.text, command: input.command, user: { id: slackUserId(slackUser), ...(input.name ? { name: input.name } : {}) }, platform: 'slack', channel: input.channel };
}

/**
 * A button's or modal's command as if the user had typed it: `/plan update T9 done` goes to the core
 * as the command `update T9 done`; anything else as a plain message.
 */
export function typedCommand(text: string): { text: string; command: boolean } {
  const m = /^\s*\/plan(?:\s+|$)/i.exec(text);
  return m ? { text: text.slice(m[0].length), command: true } : { text, command: false };
}

/** Asks the core; `changed` tells whether the message recorded something (so App Home is refreshed). */
export async function askCore(core: SlackCore, msg: Incoming): Promise<{ reply: Reply; changed: boolean }> {
  const before = core.store.events().length;
  const reply = await core.bot.handle(msg);
  return { reply, changed: core.store.events().length !== before };
}

/** Publishes the App Home dashboard of one Slack user. */
export async function publishHome(client: webApi.WebClient, core: SlackCore, slackUser: string): Promise<void> {
  const view = homeView({ plan: core.plan, events: core.store.events(), userId: slackUserId(slackUser), now: core.clock.now(), timeZone: core.config.timeZone });
  await client.views.publish({ user_id: slackUser, view });
}

/** Sends every message of a reply through `send`, in order. */
export async function sendAll(reply: Reply, send: (m: SlackMessage) => Promise<unknown>): Promise<void> {
  for (const m of toMessages(reply)) await send(m);
}

/** A reply as a response_url payload: ephemeral for errors and previews, else in the channel. */
export function responsePayload(reply: Reply, m: SlackMessage) {
  return { response_type: reply.ephemeral ? ('ephemeral' as const) : ('in_channel' as const), replace_original: false, text: m.text, blocks: m.blocks };
}

/**
 * Answers a message in its thread: a public reply with `chat.postMessage`, an ephemeral one (errors,
 * previews) with `chat.postEphemeral` to the asker only; the files it carries are uploaded to the thread.
 */
export async function answerInThread(client: webApi.WebClient, reply: Reply, where: { channel: string; threadTs: string; user: string }): Promise<void> {
  await sendAll(reply, (m) =>
    reply.ephemeral
      ? client.chat.postEphemeral({ channel: where.channel, user: where.user, thread_ts: where.threadTs, text: m.text, blocks: m.blocks })
      : client.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, text: m.text, blocks: m.blocks, unfurl_links: false }),
  );
  try {
    await uploadFiles(client, where.channel, reply.files ?? [], { threadTs: where.threadTs });
  } catch (err) {
    await client.chat.postEphemeral({ channel: where.channel, user: where.user, thread_ts: where.threadTs, text: UPLOAD_FAILED }).catch(() => {});
    throw err;
  }
}
