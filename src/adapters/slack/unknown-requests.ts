import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Background } from './background.js';
import { ACTION } from './to-blocks.js';
import { UPDATE_VIEW } from './update-modal.js';

/** What the listeners handle; anything else is acknowledged here. */
const KNOWN = { commands: ['/plan'], actions: [ACTION.command, ACTION.updateModal], views: [UPDATE_VIEW] };

const POLITE = "Sorry, plan-bot doesn't know that button, form or command (it may be from an older version). Try `/plan help`. · 抱歉，plan-bot 无法识别该按钮、表单或命令（可能来自旧版本），请试试 `/plan help`。";

type Body = { type?: string; command?: string; actions?: { action_id?: string }[]; view?: { callback_id?: string }; response_url?: string; user?: { id?: string }; channel?: { id?: string } };

const knownAction = (id: string | undefined) => typeof id === 'string' && KNOWN.actions.some((a) => (typeof a === 'string' ? a === id : a.test(id)));

/** True when a listener will acknowledge this request. Events are acknowledged by Bolt itself. */
export function isHandled(body: Body): boolean {
  if (typeof body.command === 'string') return KNOWN.commands.includes(body.command);
  switch (body.type) {
    case 'event_callback':
    case 'url_verification':
    case 'ssl_check':
      return true;
    case 'block_actions':
      return (body.actions ?? []).some((a) => knownAction(a.action_id));
    case 'view_submission':
      return KNOWN.views.includes(body.view?.callback_id ?? '');
    default:
      return false;
  }
}

/**
 * Global middleware, first in the chain: a command, button, form, shortcut or other interaction no
 * listener handles is acknowledged at once (Bolt would otherwise let it time out with 404 after 3 s)
 * and, where Slack gives a way to answer, the person gets a polite ephemeral reply.
 */
export function answerUnknownRequests(background: Background): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Body;
    if (isHandled(body)) return args.next();
    const ack = (args as { ack?: (r?: unknown) => Promise<void> }).ack;
    const respond = (args as { respond?: (r: unknown) => Promise<unknown> }).respond;
    if (!ack) return;
    if (typeof body.command === 'string') return ack({ response_type: 'ephemeral', text: POLITE });
    if (body.type === 'view_submission') {
      return ack({ response_action: 'update', view: { type: 'modal', title: { type: 'plain_text', text: 'plan-bot' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: POLITE } }] } });
    }
    if (body.type === 'block_suggestion') return ack({ options: [] });
    await ack();
    if (body.type === 'view_closed') return;
    if (respond) background.run('a polite reply to an unknown interaction', () => respond({ response_type: 'ephemeral', replace_original: false, text: POLITE }));
    else if (body.channel?.id && body.user?.id) {
      const { channel, user } = { channel: body.channel.id, user: body.user.id };
      background.run('a polite reply to an unknown interaction', () => args.client.chat.postEphemeral({ channel, user, text: POLITE }));
    }
  };
}
