import type { App, BlockAction } from '@slack/bolt';
import { incoming, typedCommand } from '../answer.js';
import { answerAfterAck, answerBeforeAck, requestKeyOf, type SlackDeps } from '../answer-before-ack.js';
import { slackChannelId } from '../slack-text.js';
import { ACTION } from '../to-blocks.js';
import { updateModalView } from '../update-modal.js';

/**
 * Buttons: a command button (status buttons of item cards, the core's action buttons) sends its
 * command through the core as the user who clicked, recorded before the click is acknowledged;
 * "Update…" opens the update modal.
 */
export function registerActions(bolt: App, d: SlackDeps): void {
  bolt.action<BlockAction>({ type: 'block_actions', action_id: ACTION.command }, async ({ ack, body, action, context }) => {
    if (action.type !== 'button' || !action.value) return void (await ack());
    const channel = body.channel?.id ?? body.container?.channel_id;
    const msg = { ...incoming(body.user.id, { ...typedCommand(action.value), channel: channel ? slackChannelId(channel) : null, name: body.user.name }), requestKey: requestKeyOf(context, body.trigger_id) };
    // Answered in the conversation of the clicked message, or by direct message when it has none (App Home).
    const answerTo = { ...(body.response_url ? { responseUrl: body.response_url } : { user: body.user.id }), ...(channel ? { channel } : {}) };
    const answer = await answerBeforeAck(d, msg, answerTo);
    await ack();
    answerAfterAck(d, 'the answer to a button', answer, answerTo, body.user.id);
  });

  bolt.action<BlockAction>({ type: 'block_actions', action_id: ACTION.updateModal }, async ({ ack, body, action }) => {
    await ack();
    if (action.type !== 'button' || !action.value) return;
    const channel = body.channel?.id ?? body.container?.channel_id;
    const view = updateModalView({ itemId: action.value, ...(channel ? { channel } : {}), ...(body.response_url ? { responseUrl: body.response_url } : {}) });
    d.background.run('opening the update form', () => d.client.views.open({ trigger_id: body.trigger_id, view }));
  });
}
