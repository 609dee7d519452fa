import { wecomUser, type UserId } from '../../core/user-ids.js';

/** Where a WeCom message came from, as the callback body says. */
export interface WeComOrigin {
  chattype?: string;
  chatid?: string;
  from?: { userid?: string };
}

/** A WeCom conversation to send to: a group's chatid (`chat_type` 2) or a member's userid for a one-to-one chat (1). */
export interface WeComConversation {
  chatid: string;
  chatType: 1 | 2;
}

/** The plan-bot user who sent a callback (`wecom:<userid>`), or null when the body names none that is valid. */
export function senderOf(body: WeComOrigin): UserId | null {
  try {
    return wecomUser(String(body.from?.userid ?? ''));
  } catch {
    return null;
  }
}

/**
 * The plan-bot channel of a callback: `wecom:<chatid>` for a group, `wecom:dm:<userid>` for a
 * one-to-one chat (WeCom gives no chatid there). Digests subscribed from either are posted back to it.
 */
export function channelOf(body: WeComOrigin): string | null {
  if (body.chattype === 'group' && body.chatid) return `wecom:${body.chatid}`;
  const user = senderOf(body);
  return user ? `wecom:dm:${user.slice('wecom:'.length)}` : null;
}

/**
 * The WeCom conversation of a plan-bot channel or user: `wecom:dm:<userid>` and a user `wecom:<userid>`
 * given as `direct` are one-to-one chats; any other `wecom:<chatid>` is a group. Null when it is not a
 * WeCom id.
 */
export function conversationOf(id: string, direct = false): WeComConversation | null {
  const m = /^wecom:(?:(dm):)?([^\s:]{1,128})$/.exec(id.trim());
  if (!m) return null;
  return { chatid: m[2]!, chatType: m[1] || direct ? 1 : 2 };
}

/**
 * The text of a WeCom message as the core reads it. In a group the message reaches the bot only when
 * it is @-mentioned, and the mention leads the text (`@计划助手 T9 进展`): that first mention is dropped;
 * any other `@name` stays (`/plan assign T9 @zhangsan`).
 */
export function textFromWeCom(content: string, chattype: string | undefined): string {
  const text = String(content ?? '').trim();
  return chattype === 'group' ? text.replace(/^[@＠]\S+\s*/u, '').trim() : text;
}
