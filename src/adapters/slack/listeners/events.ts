import type { App } from '@slack/bolt';
import { answerInThread, askCore, incoming, publishHome, type SlackCore } from '../answer.js';
import { slackChannelId, textFromSlack } from '../slack-text.js';

/**
 * Mentions in channels and direct messages take questions in natural language, answered in the
 * message's thread; App Home shows the dashboard. Bot messages and message subtypes (edits, joins,
 * deletions) are ignored.
 */
export function registerEvents(bolt: App, core: SlackCore): void {
  bolt.event('app_mention', async ({ event, client, context }) => {
    if (event.subtype || event.bot_id || !event.user || event.channel.startsWith('D')) return;
    await answer(core, client, { user: event.user, channel: event.channel, text: event.text, ts: event.ts, threadTs: event.thread_ts, botUserId: context.botUserId });
  });

  bolt.message(async ({ message, client, context }) => {
    if (message.subtype !== undefined || message.channel_type !== 'im' || message.bot_id || !message.user) return;
    await answer(core, client, { user: message.user, channel: message.channel, text: message.text ?? '', ts: message.ts, threadTs: message.thread_ts, botUserId: context.botUserId });
  });

  bolt.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(client, core, event.user);
  });
}

async function answer(
  core: SlackCore,
  client: Parameters<typeof answerInThread>[0],
  m: { user: string; channel: string; text: string; ts: string; threadTs?: string; botUserId?: string },
): Promise<void> {
  const msg = incoming(m.user, { text: textFromSlack(m.text, m.botUserId), command: false, channel: slackChannelId(m.channel) });
  const { reply, changed } = await askCore(core, msg);
  await answerInThread(client, reply, { channel: m.channel, threadTs: m.threadTs ?? m.ts, user: m.user });
  if (changed) await publishHome(client, core, m.user);
}
