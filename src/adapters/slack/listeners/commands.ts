import type { App } from '@slack/bolt';
import { afterAck, askCore, incoming, publishHome, responsePayload, sendAll, type SlackCore } from '../answer.js';
import { slackChannelId, textFromSlack } from '../slack-text.js';
import { toMessages } from '../to-blocks.js';

/** How slash commands are answered. */
export interface CommandOptions {
  /**
   * 0 (default): acknowledge at once, then answer through the response_url. Above 0: an answer ready
   * within this many milliseconds (and fitting one message) goes in the acknowledgement itself, one
   * HTTP exchange instead of two; a slower one is still acknowledged empty and answered later.
   */
  inlineAnswerMs?: number;
}

/** `/plan …`: every subcommand goes to the core as a command, with the user and channel mapped. */
export function registerCommands(bolt: App, core: SlackCore, options: CommandOptions = {}): void {
  const inlineMs = options.inlineAnswerMs ?? 0;
  bolt.command('/plan', async ({ command, ack, respond, client }) => {
    const msg = incoming(command.user_id, { text: textFromSlack(command.text), command: true, channel: slackChannelId(command.channel_id), name: command.user_name });
    let answer: Awaited<ReturnType<typeof askCore>> | null = null;
    if (inlineMs > 0) {
      const pending = askCore(core, msg);
      const quick = await within(pending, inlineMs);
      const messages = quick ? toMessages(quick.reply) : [];
      if (quick && messages.length === 1) {
        await ack(responsePayload(quick.reply, messages[0]!));
        if (quick.changed) await publishHome(client, core, command.user_id);
        return;
      }
      await ack();
      answer = quick ?? (await pending);
    } else {
      await ack();
      await afterAck();
      answer = await askCore(core, msg);
    }
    const { reply, changed } = answer;
    await sendAll(reply, (m) => respond(responsePayload(reply, m)));
    if (changed) await publishHome(client, core, command.user_id);
  });
}

/** The promise's value if it settles within `ms`, else null (the promise keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(resolve, ms, null)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
