import { generateReqId, type TemplateCard, type WsFrame, type WSClient } from '@wecom/aibot-node-sdk';
import type { Bot, Incoming } from '../../core/bot.js';
import type { Logger } from '../../core/logger.js';
import type { Reply } from '../../core/reply.js';
import { buttonKey, cardFor, commandOfKey, hasCardButtons, outcomeCard } from './wecom-cards.js';
import { channelOf, senderOf, textFromWeCom } from './wecom-ids.js';
import { toMarkdownMessages, WECOM_BYTES } from './wecom-markdown.js';
import type { WeComOutbox } from './post-to-wecom.js';
import { RecentIds } from '../../core/recent-ids.js';
import { within } from '../../core/within.js';

/** The part of the SDK's client the listeners answer through (`aibot_respond_msg`, `aibot_respond_update_msg`). */
export type ReplyClient = Pick<WSClient, 'replyStream' | 'replyTemplateCard' | 'updateTemplateCard'>;

/** What the listeners need: the core, the client to answer with, the outbox for what does not fit a reply. */
export interface WeComListenerDeps {
  bot: Bot;
  client: ReplyClient;
  outbox: WeComOutbox;
  logger: Logger;
  /**
   * How long the core may take before the message is acknowledged with a "working on it" stream frame
   * (WeCom wants an answer within 5 s; default 2 s). The answer then finishes the same stream.
   */
  ackWithinMs?: number;
  recent?: RecentIds;
}

/** A message's or event's body, as far as the listeners read it. */
type Body = Record<string, unknown> & { msgid?: string; msgtype?: string; chattype?: string; chatid?: string; from?: { userid?: string } };

/** Bilingual, for an answer that is not ready within the acknowledgement time. */
export const WORKING = '正在处理，请稍候… · Working on it…';

/** What the bot says to a picture, a file or a video: it reads text. */
const TEXT_ONLY = '我只能读取文字消息（包括语音转文字），请用文字提问或汇报。 · I read text messages (and voice as text) only: please type your question or report.';

/** Handles the SDK's callbacks; `settle` waits for the answers under way. */
export interface WeComListeners {
  onMessage(frame: WsFrame): void;
  onCardEvent(frame: WsFrame): void;
  settle(): Promise<void>;
}

/**
 * The listeners: a message (one-to-one, or an @-mention in a group) goes to the core as the sender
 * `wecom:<userid>` in the channel `wecom:<chatid>` / `wecom:dm:<userid>`, once per `msgid`, with the
 * request key `wecom:msg:<msgid>` (so a re-delivery after a restart records nothing twice); the reply
 * goes back with `aibot_respond_msg` as one markdown stream ending with `finish: true`, then its
 * buttons as a template card. A card's button click (`template_card_event`) carries the command its
 * key holds, as the clicker, and updates the card in place with the outcome. Every failure is logged,
 * never thrown into the SDK.
 */
export function weComListeners(d: WeComListenerDeps): WeComListeners {
  const recent = d.recent ?? new RecentIds();
  const ackWithinMs = d.ackWithinMs ?? 2000;
  const running = new Set<Promise<void>>();
  const log = d.logger;

  const track = (what: string, work: () => Promise<void>) => {
    const p: Promise<void> = work()
      .catch((err: unknown) => log.error({ err: errorInfo(err) }, `WeCom: ${what} failed`))
      .finally(() => running.delete(p));
    running.add(p);
  };

  const answerMessage = async (frame: WsFrame) => {
    const body = (frame.body ?? {}) as Body;
    if (!body.msgid || recent.check(`msg:${body.msgid}`)) return;
    const user = senderOf(body);
    const channel = channelOf(body);
    if (!user || !channel) return void log.warn({ msgid: body.msgid }, 'WeCom: a message without a valid sender was ignored');
    const streamId = generateReqId('stream');
    const text = textOf(body);
    if (text === null) return void (await d.client.replyStream(frame, streamId, TEXT_ONLY, true));
    const msg: Incoming = { text: textFromWeCom(text, body.chattype), user: { id: user }, platform: 'wecom', channel, requestKey: `wecom:msg:${body.msgid}` };
    const pending = d.bot.handle(msg);
    let reply = await within(pending, ackWithinMs);
    if (!reply) {
      await d.client.replyStream(frame, streamId, WORKING, false);
      reply = await pending;
    }
    const card = cardFor(reply);
    const onCard = card !== null && hasCardButtons(reply);
    const [first = ' ', ...rest] = toMarkdownMessages(reply, WECOM_BYTES.stream, !onCard);
    await d.client.replyStream(frame, streamId, first, true);
    if (card) await sendCard(frame, card, reply, channel);
    if (rest.length) await d.outbox.texts(channel, rest);
  };

  // A card that cannot be sent leaves its buttons as commands in the conversation (the markdown fallback).
  const sendCard = async (frame: WsFrame, card: TemplateCard, reply: Reply, channel: string) => {
    try {
      await d.client.replyTemplateCard(frame, card);
    } catch (err) {
      log.warn({ err: errorInfo(err), channel }, 'WeCom: the template card was refused; sending its buttons as commands');
      const commands = reply.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).filter((b) => card.button_list?.some((x) => x.key === buttonKey(b.command, reply.lang)));
      if (commands.length) await d.outbox.texts(channel, [commands.map((b) => `${b.label}: \`${b.command}\``).join(' · ')]);
    }
  };

  const answerClick = async (frame: WsFrame) => {
    const body = (frame.body ?? {}) as Body & { event?: Record<string, unknown> };
    if (!body.msgid || recent.check(`event:${body.msgid}`)) return;
    // WeCom documents the click under event.template_card_event; the SDK's types put it on event itself.
    const event = (body.event?.template_card_event ?? body.event ?? {}) as Record<string, unknown>;
    const clicked = commandOfKey(event.event_key ?? event.eventkey);
    const taskId = typeof event.task_id === 'string' ? event.task_id : null;
    const user = senderOf(body);
    const channel = channelOf(body);
    if (!clicked || !taskId || !user || !channel) return void log.warn({ msgid: body.msgid }, 'WeCom: a card click this bot did not make was ignored');
    const clicker = [String(body.from?.userid)];
    const text = clicked.command.replace(/^\/plan\s+/, '');
    const pending = d.bot.handle({ text, command: true, lang: clicked.lang, user: { id: user }, platform: 'wecom', channel, requestKey: `wecom:event:${body.msgid}` });
    let reply = await within(pending, ackWithinMs);
    if (!reply) {
      // The card must be updated within 5 s: say it is under way, and post the outcome when it is ready.
      await d.client.updateTemplateCard(frame, { card_type: 'text_notice', main_title: { title: WORKING.slice(0, 26) }, task_id: taskId }, clicker);
      reply = await pending;
      if (!reply.error) await d.outbox.texts(channel, toMarkdownMessages(reply));
      return;
    }
    // A refusal (someone else's proposal, a lapsed one) changes the card for the clicker only.
    await d.client.updateTemplateCard(frame, outcomeCard(reply, taskId), reply.error ? clicker : undefined);
    if (!reply.error) await d.outbox.texts(channel, toMarkdownMessages(reply));
  };

  return {
    onMessage: (frame) => track('answering a message', () => answerMessage(frame)),
    onCardEvent: (frame) => track('answering a card click', () => answerClick(frame)),
    async settle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** The text of a text, voice (as WeCom transcribed it) or mixed message; null for pictures, files and videos. */
function textOf(body: Body): string | null {
  const b = body as Body & { text?: { content?: unknown }; voice?: { content?: unknown }; mixed?: { msg_item?: { msgtype?: string; text?: { content?: unknown } }[] } };
  if (body.msgtype === 'text') return String(b.text?.content ?? '');
  if (body.msgtype === 'voice') return String(b.voice?.content ?? '');
  if (body.msgtype === 'mixed') {
    const parts = (b.mixed?.msg_item ?? []).flatMap((i) => (i.msgtype === 'text' ? [String(i.text?.content ?? '')] : []));
    return parts.length ? parts.join(' ') : null;
  }
  return null;
}

/** An error or a WeCom answer frame as loggable fields (never a secret: frames carry none). */
export function errorInfo(err: unknown): Record<string, unknown> {
  const e = err as { name?: unknown; message?: unknown; errcode?: unknown; errmsg?: unknown } | null;
  return { name: e?.name, message: e?.message, errcode: e?.errcode, errmsg: e?.errmsg };
}
