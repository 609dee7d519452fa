import type { App } from '@slack/bolt';
import { askCore, incoming, publishHome, responsePayload, sendAll, typedCommand, type SlackCore } from '../answer.js';
import { slackChannelId } from '../slack-text.js';
import { readUpdateForm, updateCommandText, updateFormErrors, UPDATE_VIEW } from '../update-modal.js';

/**
 * The update modal's submission: checked in the modal (nothing filled in, unreadable progress), then
 * closed, then the same command a user could type is recorded through the core; the answer goes to
 * the card's response_url, or by direct message when the card had none.
 */
export function registerViews(bolt: App, core: SlackCore): void {
  bolt.view(UPDATE_VIEW, async ({ ack, view, body, client }) => {
    const parsed = readUpdateForm(view);
    if (!parsed) return void (await ack());
    const errors = updateFormErrors(parsed.form);
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: 'errors', errors }));
    await ack();
    const { origin, form } = parsed;
    const msg = incoming(body.user.id, { ...typedCommand(updateCommandText(form)), channel: origin.channel ? slackChannelId(origin.channel) : null, name: body.user.name });
    const { reply, changed } = await askCore(core, msg);
    const responseUrl = origin.responseUrl && /^https?:\/\//.test(origin.responseUrl) ? origin.responseUrl : null;
    await sendAll(reply, (m) =>
      responseUrl
        ? postJson(responseUrl, responsePayload(reply, m))
        : client.chat.postMessage({ channel: body.user.id, text: m.text, blocks: m.blocks }),
    );
    if (changed) await publishHome(client, core, body.user.id);
  });
}

async function postJson(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
}
