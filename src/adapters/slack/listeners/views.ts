import type { App } from '@slack/bolt';
import { incoming, typedCommand } from '../answer.js';
import { answerAfterAck, answerBeforeAck, requestKeyOf, type SlackDeps } from '../answer-before-ack.js';
import { slackChannelId } from '../slack-text.js';
import { formErrorsOf, readUpdateForm, updateCommandText, updateFormErrors, UPDATE_VIEW } from '../update-modal.js';

/**
 * The update modal's submission: checked in the modal (nothing filled in, unreadable progress), then
 * the same command a user could type is recorded through the core, then the modal is closed; the
 * answer goes to the card's response_url, or by direct message when the card had none. A refusal
 * about a field (progress that fits two targets) is shown beside it and the modal stays open.
 */
export function registerViews(bolt: App, d: SlackDeps): void {
  bolt.view(UPDATE_VIEW, async ({ ack, view, body, context }) => {
    const parsed = readUpdateForm(view);
    if (!parsed) return void (await ack());
    const errors = updateFormErrors(parsed.form);
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: 'errors', errors }));
    const { origin, form } = parsed;
    const msg = { ...incoming(body.user.id, { ...typedCommand(updateCommandText(form)), channel: origin.channel ? slackChannelId(origin.channel) : null, name: body.user.name }), requestKey: requestKeyOf(context, 'trigger_id' in body ? body.trigger_id : view.id) };
    const responseUrl = origin.responseUrl && /^https?:\/\//.test(origin.responseUrl) ? origin.responseUrl : null;
    const answerTo = responseUrl ? { responseUrl } : { user: body.user.id };
    const answer = await answerBeforeAck(d, msg, answerTo);
    // A refusal about what was typed (progress that fits two targets …) stays in the open form.
    const fieldErrors = answer && !answer.changed ? formErrorsOf(answer.reply) : null;
    if (fieldErrors) return void (await ack({ response_action: 'errors', errors: fieldErrors }));
    await ack();
    answerAfterAck(d, 'the answer to the update form', answer, answerTo, body.user.id);
  });
}
