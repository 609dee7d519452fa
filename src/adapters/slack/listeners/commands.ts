import type { App } from '@slack/bolt';
import { incoming } from '../answer.js';
import { ackPayload, answerAfterAck, answerBeforeAck, requestKeyOf, WORKING, type SlackDeps } from '../answer-before-ack.js';
import { slackChannelId, textFromSlack } from '../slack-text.js';
import { toMessages } from '../to-blocks.js';

/**
 * `/plan …`: every subcommand goes to the core as a command, with the user and channel mapped. The
 * core runs first (an update is on disk before Slack hears "200") and the answer rides in the
 * acknowledgement: one HTTP exchange. Further messages of a long answer, App Home and a slow
 * command's answer follow on the response_url.
 */
export function registerCommands(bolt: App, d: SlackDeps): void {
  bolt.command('/plan', async ({ command, ack, context }) => {
    const requestKey = requestKeyOf(context, command.trigger_id);
    const msg = { ...incoming(command.user_id, { text: textFromSlack(command.text), command: true, channel: slackChannelId(command.channel_id), name: command.user_name }), requestKey };
    // Files of the answer (a ledger) are uploaded to the conversation the command was typed in.
    const answerTo = { responseUrl: command.response_url, channel: command.channel_id };
    const answer = await answerBeforeAck(d, msg, answerTo);
    if (!answer) return void (await ack(WORKING));
    const [first, ...rest] = toMessages(answer.reply);
    await ack(first ? ackPayload(answer.reply, first) : undefined);
    if (rest.length > 0 || answer.changed || answer.reply.files?.length) answerAfterAck(d, 'the rest of an answer', answer, answerTo, command.user_id, 1);
  });
}
