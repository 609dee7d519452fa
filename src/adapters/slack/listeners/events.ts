import type { App } from '@slack/bolt';
import { answerInThread, askCore, incoming, publishHome } from '../answer.js';
import type { SlackDeps } from '../answer-before-ack.js';
import { slackChannelId, textFromSlack } from '../slack-text.js';

/**
 * Mentions in channels and direct messages take questions in natural language, answered in the
 * message's thread; App Home shows the dashboard. Bot messages and message subtypes (edits, joins,
 * deletions) are ignored. The core runs before the event is acknowledged (the receiver sends the
 * 200 once the listeners return), keyed by `event_id`: an event Slack re-sends because a crash kept
 * it unacknowledged is carried out then, and records nothing twice.
 */
export function registerEvents(bolt: App, d: SlackDeps): void {
  bolt.event('app_mention', async ({ event, body, context }) => {
    if (event.subtype || event.bot_id || !event.user || event.channel.startsWith('D')) return;
    await answer(d, body.event_id, { user: event.user, channel: event.channel, text: event.text, ts: event.ts, threadTs: event.thread_ts, botUserId: context.botUserId });
  });

  bolt.message(async ({ message, body, context }) => {
    if (message.subtype !== undefined || message.channel_type !== 'im' || message.bot_id || !message.user) return;
    await answer(d, body.event_id, { user: message.user, channel: message.channel, text: message.text ?? '', ts: message.ts, threadTs: message.thread_ts, botUserId: context.botUserId });
  });

  bolt.event('app_home_opened', async ({ event }) => {
    // Slack always names the user; a body without one (signed, but not from Slack's own sender) is ignored.
    if (event.tab !== 'home' || !event.user) return;
    d.background.run('App Home', () => publishHome(d.client, d.core, event.user));
  });
}

async function answer(d: SlackDeps, eventId: string, m: { user: string; channel: string; text: string; ts: string; threadTs?: string; botUserId?: string }): Promise<void> {
  const msg = { ...incoming(m.user, { text: textFromSlack(m.text, m.botUserId), command: false, channel: slackChannelId(m.channel) }), requestKey: `slack:event:${eventId}` };
  const { reply, changed } = await askCore(d.core, msg);
  d.background.run('an answer in a thread', async () => {
    await answerInThread(d.client, reply, { channel: m.channel, threadTs: m.threadTs ?? m.ts, user: m.user });
    if (changed) await publishHome(d.client, d.core, m.user);
  });
}
