import type { DWClientDownStream } from 'dingtalk-stream';
import type { Bot } from '../../core/bot.js';
import type { Logger } from '../../core/logger.js';
import { reply, type Reply } from '../../core/reply.js';
import { t } from '../../core/i18n.js';
import { detectLang } from '../../search/detect-lang.js';
import { bareId, userOn } from '../../core/user-ids.js';
import { dingtalkChannelId, textFromDingTalk, type DingTalkTarget } from './dingtalk-text.js';
import type { DingTalkMarkdown } from './to-markdown.js';
import { toMarkdownMessages } from './to-markdown.js';
import { mentionedStaff, readRobotMessage, wordsOf, type RobotMessage } from './robot-message.js';
import type { RecentIds } from '../../core/recent-ids.js';

/** What answering a robot message needs. */
export interface RobotMessageDeps {
  bot: Bot;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Acknowledges the callback frame (the SDK's `socketCallBackResponse`). */
  ack(messageId: string): void;
  /** msgIds already handled by this process. */
  recent: RecentIds;
  /** Posts the answer to the message's session webhook. */
  answer(webhook: string, messages: readonly DingTalkMarkdown[]): Promise<void>;
  /** Posts through the OpenAPI instead, once the session webhook has expired. */
  fallback(target: DingTalkTarget, messages: readonly DingTalkMarkdown[]): Promise<void>;
  /** Wall-clock milliseconds (the webhook's expiry is real time). */
  now?: () => number;
  /** Runs the answering of a message after the earlier ones of its conversation (default: at once). */
  inTurn?: (conversation: string, job: () => Promise<void>) => Promise<void>;
}

/**
 * Jobs of one key one after another, keys independent: a conversation's messages are answered in the
 * order they came (`T11 滞后` before its `确认`), other conversations do not wait.
 */
export function conversationQueue(): (key: string, job: () => Promise<void>) => Promise<void> {
  const tails = new Map<string, Promise<void>>();
  return (key, job) => {
    const mine = (tails.get(key) ?? Promise.resolve()).then(job);
    const tail = mine.catch(() => {});
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return mine;
  };
}

/** A message is answered through its session webhook until this close to its expiry, then through the OpenAPI. */
const WEBHOOK_MARGIN_MS = 60_000;

/**
 * One callback of the robot topic: acknowledged at once (else DingTalk delivers it again about 60 s
 * later), dropped when its msgId was already handled, then read as a core message from
 * `dingtalk:<staffId>` in `dingtalk:<openConversationId>` (a group) or `dingtalk:user:<staffId>`
 * (one to one), with the request key `dingtalk:msg:<msgId>`, so a delivery repeated after a restart
 * records nothing twice; the reply goes back as markdown (the asker @-mentioned in a group), in the
 * conversation's turn (`inTurn`). Resolves once answered; failures to deliver are logged, never thrown.
 */
export async function handleRobotFrame(frame: DWClientDownStream, deps: RobotMessageDeps): Promise<void> {
  deps.ack(frame.headers.messageId);
  const m = readRobotMessage(frame.data);
  if (!m) {
    deps.logger.warn({ adapter: 'dingtalk', messageId: frame.headers.messageId }, 'a robot callback that is not a robot message was dropped');
    return;
  }
  if (deps.recent.check(m.msgId)) {
    deps.logger.debug({ adapter: 'dingtalk', msgId: m.msgId }, 'dropping a robot message delivered again');
    return;
  }
  const inTurn = deps.inTurn ?? ((_key, job) => job());
  await inTurn(m.conversationId, () => answerMessage(m, deps));
}

async function answerMessage(m: RobotMessage, deps: RobotMessageDeps): Promise<void> {
  const group = m.conversationType === '2';
  const user = m.senderStaffId ? userOn('dingtalk', m.senderStaffId) : null;
  const staffId = user ? bareId(user) : undefined;
  let r: Reply;
  const words = wordsOf(m);
  if (!user) r = notice(words, 'Only members of this organisation can use plan-bot here.', '仅本组织成员可以在这里使用 plan-bot。');
  else if (words === null) r = notice(null, 'I read text (and voice messages): type your question or report.', '我只能读取文字（和语音）消息：请输入您的问题或报送内容。');
  else {
    r = await deps.bot.handle({
      text: textFromDingTalk(words, mentionedStaff(m)),
      user: { id: user, ...(m.senderNick ? { name: m.senderNick } : {}) },
      platform: 'dingtalk',
      channel: dingtalkChannelId({ conversationType: m.conversationType, conversationId: m.conversationId, senderStaffId: staffId! }),
      requestKey: `dingtalk:msg:${m.msgId}`,
      // DingTalk's people read Chinese first: a message with no words of either language (`T11 70%`) from someone new is answered in Chinese.
      defaultLang: 'zh',
    });
  }
  const messages = toMarkdownMessages(r, { group, ...(staffId && group ? { asker: staffId } : {}), shortcuts: !group });
  try {
    await deliver(m, messages, deps);
  } catch (err) {
    deps.logger.error({ adapter: 'dingtalk', err, msgId: m.msgId }, 'the answer to a DingTalk message could not be delivered');
  }
}

async function deliver(m: RobotMessage, messages: readonly DingTalkMarkdown[], deps: RobotMessageDeps): Promise<void> {
  const now = deps.now ?? Date.now;
  const expired = m.sessionWebhookExpiredTime !== undefined && m.sessionWebhookExpiredTime - WEBHOOK_MARGIN_MS < now();
  if (!expired) return deps.answer(m.sessionWebhook, messages);
  const target: DingTalkTarget | null = m.conversationType === '2' ? { kind: 'group', openConversationId: m.conversationId } : m.senderStaffId ? { kind: 'user', staffId: m.senderStaffId } : null;
  if (target) await deps.fallback(target, messages);
}

function notice(words: string | null, en: string, zh: string): Reply {
  const lang = words && detectLang(words) === 'en' ? 'en' : 'zh';
  return reply(lang, [{ type: 'paragraph', text: t(lang, en, zh) }], { ephemeral: true, error: { id: 'dingtalk.unreadable' } });
}
