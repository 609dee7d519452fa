import type { App, SlashCommand } from '@slack/bolt';
import { incoming } from '../answer.js';
import { ackJson } from '../ack-json.js';
import { answerAfterAck, answerBeforeAck, requestKeyOf, WORKING, type SlackDeps } from '../answer-before-ack.js';
import { slackChannelId, textFromSlack } from '../slack-text.js';

/** The fields of a slash command `/plan` reads (Slack sends them all; a door-checked body has at least the ids). */
export type PlanCommand = Pick<SlashCommand, 'user_id' | 'text' | 'channel_id' | 'user_name' | 'response_url'>;

/** What a `/plan` command acknowledges with, and what follows the acknowledgement (call it once the ack is sent). */
export interface CommandOutcome {
  /** The acknowledgement's body as JSON text (the answer's first message, or "working on it"). */
  ack: string;
  afterAck(): void;
}

/** The "working on it" acknowledgement as JSON text. */
const WORKING_JSON = JSON.stringify(WORKING);

/**
 * `/plan …` carried out: the core runs first (an update is on disk before Slack hears "200") and the
 * answer's first message is what the acknowledgement carries: one HTTP exchange. Further messages of a
 * long answer and App Home follow on the response_url after the ack; a slow command's answer is the inbox's.
 */
export async function carryOutCommand(d: SlackDeps, command: PlanCommand, requestKey: string): Promise<CommandOutcome> {
  const msg = { ...incoming(command.user_id, { text: textFromSlack(command.text), command: true, channel: slackChannelId(command.channel_id), name: command.user_name }), requestKey };
  // Files of the answer (a ledger, a chart) are uploaded to the conversation the command was typed in.
  const answerTo = { responseUrl: command.response_url, channel: command.channel_id };
  const answer = await answerBeforeAck(d, msg, answerTo);
  if (!answer) return { ack: WORKING_JSON, afterAck: () => {} };
  const { json, rest } = ackJson(answer.reply);
  return {
    ack: json,
    afterAck: () => {
      if (rest.length > 0 || answer.changed || answer.reply.files?.length) answerAfterAck(d, 'the rest of an answer', answer, answerTo, command.user_id, rest);
    },
  };
}

/**
 * `/plan …` through Bolt (Socket Mode; over HTTP the door hands `/plan` to {@link carryOutCommand}
 * directly): every subcommand goes to the core as a command, with the user and channel mapped.
 */
export function registerCommands(bolt: App, d: SlackDeps): void {
  bolt.command('/plan', async ({ command, ack, context }) => {
    const outcome = await carryOutCommand(d, command, requestKeyOf(context, command.trigger_id));
    await ack(JSON.parse(outcome.ack) as object);
    outcome.afterAck();
  });
}
