import type { App, BlockAction, webApi } from '@slack/bolt';
import type { Reply } from '../../../core/reply.js';
import { afterAck, askCore, incoming, publishHome, responsePayload, sendAll, typedCommand, type SlackCore } from '../answer.js';
import { slackChannelId } from '../slack-text.js';
import { ACTION } from '../to-blocks.js';
import { updateModalView } from '../update-modal.js';

/**
 * Buttons: a command button (status buttons of item cards, the core's action buttons) sends its
 * command through the core as the user who clicked; "Update…" opens the update modal.
 */
export function registerActions(bolt: App, core: SlackCore): void {
  bolt.action<BlockAction>({ type: 'block_actions', action_id: ACTION.command }, async ({ ack, body, action, respond, client }) => {
    await ack();
    await afterAck();
    if (action.type !== 'button' || !action.value) return;
    const channel = body.channel?.id ?? body.container?.channel_id;
    const msg = incoming(body.user.id, { ...typedCommand(action.value), channel: channel ? slackChannelId(channel) : null, name: body.user.name });
    const { reply, changed } = await askCore(core, msg);
    await deliver(reply, client, body.user.id, respond);
    if (changed) await publishHome(client, core, body.user.id);
  });

  bolt.action<BlockAction>({ type: 'block_actions', action_id: ACTION.updateModal }, async ({ ack, body, action, client }) => {
    await ack();
    if (action.type !== 'button' || !action.value) return;
    const channel = body.channel?.id ?? body.container?.channel_id;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: updateModalView({ itemId: action.value, ...(channel ? { channel } : {}), ...(body.response_url ? { responseUrl: body.response_url } : {}) }),
    });
  });
}

/** Answers in the conversation of the clicked message, or by direct message when it has none (App Home). */
async function deliver(reply: Reply, client: webApi.WebClient, slackUser: string, respond: ((m: ReturnType<typeof responsePayload>) => Promise<unknown>) | undefined): Promise<void> {
  if (respond) await sendAll(reply, (m) => respond(responsePayload(reply, m)));
  else await sendAll(reply, (m) => client.chat.postMessage({ channel: slackUser, text: m.text, blocks: m.blocks }));
}
