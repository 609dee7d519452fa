import type { SendMsgBody, WsFrame } from '@wecom/aibot-node-sdk';
import type { Reply } from '../../core/reply.js';
import { LeftToServe } from '../../digest/left-to-serve.js';
import { conversationOf, type WeComConversation } from './wecom-ids.js';
import { packMessages, toMarkdownMessages, WECOM_BYTES } from './wecom-markdown.js';
import { pacedQueue } from '../../core/paced-queue.js';

/** Sends a reply to a plan-bot channel or user of WeCom; what the digest and reminder schedulers call. */
export type PostReply = (id: string, reply: Reply) => Promise<void>;

/** The SDK's proactive send (`aibot_send_msg`); resolves with WeCom's answer frame, rejects on an error code. */
export type SendMessage = (chatid: string, body: SendMsgBody) => Promise<WsFrame>;

/** WeCom refused a message; `errcode` as WeCom gave it (45009: over the rate limit). */
export class WeComSendError extends Error {
  override name = 'WeComSendError';
  constructor(
    readonly errcode: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** WeCom allows 30 messages a minute to one conversation (replies and proactive messages together). */
export const MESSAGES_PER_MINUTE = 30;

/** WeCom's error code for "over the rate limit". */
const THROTTLED = 45009;

/** Options of the poster; the defaults are WeCom's limits. */
export interface PostOptions {
  /** Spacing between two messages to one conversation (default 60 s / 30 = 2 s, plus a margin). */
  intervalMs?: number;
  /** How long to wait before the one retry of a throttled message (default 60 s). */
  retryAfterMs?: number;
  /** The most bytes of one markdown message (default 4,096). */
  maxBytes?: number;
}

/** What the adapter sends unprompted, all through one queue per conversation. */
export interface WeComOutbox {
  /** Posts a reply to a channel (`wecom:<chatid>` a group, `wecom:dm:<userid>` a one-to-one chat): digests. */
  post: PostReply;
  /** Sends a reply to a person (`wecom:<userid>`) in their one-to-one chat: reminders. */
  dm: PostReply;
  /** Sends markdown messages, already cut to size, to a channel (the rest of a long answer). */
  texts(channel: string, messages: readonly string[]): Promise<void>;
}

/**
 * The sender of unprompted messages: each reply is cut into markdown messages of at most 4,096 bytes
 * and sent with `aibot_send_msg` (`chat_type` 1 for a one-to-one chat, 2 for a group). Messages to
 * one conversation are queued and spaced to WeCom's 30 a minute; conversations do not wait for each
 * other. A throttled message (45009) is retried once after `retryAfterMs`; any other failure rejects,
 * so the caller does not record it as sent.
 */
export function weComOutbox(send: SendMessage, options: PostOptions = {}): WeComOutbox {
  const intervalMs = options.intervalMs ?? Math.ceil(60_000 / MESSAGES_PER_MINUTE) + 100;
  const retryAfterMs = options.retryAfterMs ?? 60_000;
  const maxBytes = options.maxBytes ?? WECOM_BYTES.markdown;
  const queue = pacedQueue(intervalMs);

  const sendOne = async (to: WeComConversation, content: string) => {
    const body = { msgtype: 'markdown', markdown: { content }, chat_type: to.chatType } as SendMsgBody;
    try {
      await send(to.chatid, body);
    } catch (err) {
      // Not sendable from this process (a standby replica): the caller leaves it to the one holding the connection.
      if (err instanceof LeftToServe) throw err;
      const e = asSendError(err);
      if (e.errcode !== THROTTLED) throw e;
      await sleep(retryAfterMs);
      await send(to.chatid, body).catch((again: unknown) => {
        throw asSendError(again);
      });
    }
  };
  const sendTexts = (id: string, messages: readonly string[], direct: boolean): Promise<void> => {
    const to = conversationOf(id, direct);
    if (!to) return Promise.reject(new Error(`not a WeCom conversation: ${JSON.stringify(id)} (expected wecom:<chatid>, wecom:dm:<userid> or wecom:<userid>)`));
    return queue(`${to.chatType}:${to.chatid}`, async (wait) => {
      for (const m of messages) {
        await wait();
        await sendOne(to, m);
      }
    });
  };
  return {
    post: (channel, reply) => sendTexts(channel, toMarkdownMessages(reply, maxBytes), false),
    dm: (user, reply) => sendTexts(user, toMarkdownMessages(reply, maxBytes), true),
    texts: (channel, messages) => sendTexts(channel, messages.flatMap((m) => packMessages([m], maxBytes)), false),
  };
}

/** Whatever the SDK rejected with (an Error, or WeCom's answer frame with its errcode) as a WeComSendError. */
export function asSendError(err: unknown): WeComSendError {
  if (err instanceof WeComSendError) return err;
  const frame = err as { errcode?: unknown; errmsg?: unknown; message?: unknown } | null;
  if (frame && typeof frame.errcode === 'number') return new WeComSendError(frame.errcode, `WeCom refused the message: ${String(frame.errmsg ?? '')} (errcode ${frame.errcode})`);
  return new WeComSendError(null, `WeCom message not sent: ${String(frame?.message ?? err)}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
