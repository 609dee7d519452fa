/**
 * The identity model: a user is a platform and an id on it, written `slack:U0123`, `web:bob`,
 * `console:erin`, `dingtalk:0123456789`, `wecom:zhangsan`. Adapters make them with `slackUser`, `webUser`,
 * `consoleUser`, `dingtalkUser` and `wecomUser`; everything else compares them with `sameUser`. Web and
 * console names are kept in one canonical spelling (NFKC, lower case), so `Bob`, `bob` and `ｂｏｂ` are one
 * person; Slack member ids and DingTalk staff ids are exact; WeCom userids are case-insensitive (lower case).
 */

/** The platforms whose people plan-bot knows. */
export const USER_PLATFORMS = ['slack', 'web', 'console', 'dingtalk', 'wecom'] as const;
/** One of the platforms whose people plan-bot knows. */
export type UserPlatform = (typeof USER_PLATFORMS)[number];

declare const userIdBrand: unique symbol;
/** A user qualified by platform (`web:bob`); only the constructors below (and `parseUserId`) make one. */
export type UserId = string & { readonly [userIdBrand]: true };

/** A Slack member id as Slack writes it (`U0123ABCD`, `W…` for Enterprise Grid, `B…` for bots). */
const SLACK_MEMBER = /^[UWB][A-Z0-9]+$/;
/** A DingTalk staff id (userid within the organisation): no spaces, no markup, at most 64 characters. */
const DINGTALK_STAFF = /^[^\s<>@:&\p{Cc}\p{Cf}]{1,64}$/u;
/** A web or console name after canonicalisation: no spaces, no markup, at most 64 characters. */
const NAME = /^[^\s<>@:&\p{Cc}\p{Cf}]{1,64}$/u;

/**
 * True for a bare word that is a Slack member id as an admin copies it (`U0123ABCD`; `W…` on
 * Enterprise Grid): upper-case letters and digits after U or W, either seven or more of them or
 * holding a digit (`U0123`), so a name such as `WANG` stays a name.
 */
export function looksLikeSlackMember(word: string): boolean {
  return /^[UW][A-Z0-9]{6,}$/.test(word) || /^[UW][A-Z0-9]*\d[A-Z0-9]*$/.test(word);
}

/** The one spelling of a web or console name: NFKC, lower case, trimmed ("Ｂｏｂ " → "bob"). */
export function canonicalName(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().normalize('NFKC');
}

/** A Slack member id as a user: `U0123` → `slack:U0123`. Throws on anything that is not one. */
export function slackUser(memberId: string): UserId {
  const id = memberId.trim();
  if (!SLACK_MEMBER.test(id)) throw new Error(`not a Slack member id: ${JSON.stringify(memberId)}`);
  return `slack:${id}` as UserId;
}

/**
 * A WeCom (企业微信) member's userid as a user: `ZhangSan` → `wecom:zhangsan`. WeCom userids are 1–64
 * letters, digits and `_-@.`, starting with a letter or digit, and case-insensitive (so kept in lower
 * case). Throws on anything that is not one.
 */
export function wecomUser(userid: string): UserId {
  const id = userid.trim().toLowerCase();
  if (!WECOM_USERID.test(id)) throw new Error(`not a WeCom userid: ${JSON.stringify(userid)}`);
  return `wecom:${id}` as UserId;
}

/** A WeCom userid, as WeCom documents it. */
const WECOM_USERID = /^[a-z0-9][a-z0-9_@.-]{0,63}$/;

/** A web chat name as a user: `Bob` → `web:bob`. Throws on an empty or malformed name. */
export function webUser(name: string): UserId {
  return named('web', name);
}

/** A console name (`plan-bot chat --user Bob`) as a user: `console:bob`. Throws on a malformed name. */
export function consoleUser(name: string): UserId {
  return named('console', name);
}

/** A DingTalk staff id (a robot message's `senderStaffId`) as a user: `0123` → `dingtalk:0123`, exact. Throws on anything that is not one. */
export function dingtalkUser(staffId: string): UserId {
  const id = staffId.trim();
  if (!DINGTALK_STAFF.test(id)) throw new Error(`not a DingTalk staff id: ${JSON.stringify(staffId)}`);
  return `dingtalk:${id}` as UserId;
}

function named(platform: 'web' | 'console', name: string): UserId {
  const n = canonicalName(name);
  if (!NAME.test(n)) throw new Error(`not a ${platform} user name: ${JSON.stringify(name)}`);
  return `${platform}:${n}` as UserId;
}

/** The user of a platform and a bare id (`('web', 'Bob')` → `web:bob`), or null when it is not valid there. */
export function userOn(platform: UserPlatform, bare: string): UserId | null {
  try {
    if (platform === 'wecom') return wecomUser(bare);
    return platform === 'slack' ? slackUser(bare) : platform === 'dingtalk' ? dingtalkUser(bare) : named(platform, bare);
  } catch {
    return null;
  }
}

/** Reads a qualified id as stored or configured (`slack:U0123`, `web:Bob`), or null when it is not one. */
export function parseUserId(text: string): UserId | null {
  const at = text.indexOf(':');
  if (at <= 0) return null;
  const platform = text.slice(0, at).trim().toLowerCase();
  return isUserPlatform(platform) ? userOn(platform, text.slice(at + 1)) : null;
}

/** True for `slack`, `web`, `console`, `dingtalk` and `wecom`. */
export function isUserPlatform(p: string): p is UserPlatform {
  return (USER_PLATFORMS as readonly string[]).includes(p);
}

/**
 * The one rule for "same user", used by permissions, "my tasks", owner filters, App Home and
 * digests: the same platform, and the same Slack member id or DingTalk staff id exactly, or the same web or console name
 * case-insensitively after NFKC. An id that is not qualified is nobody.
 */
export function sameUser(a: string, b: string): boolean {
  const x = parseUserId(a);
  return x !== null && x === parseUserId(b);
}

/** The platform part of a qualified id: "slack" for "slack:C123"; the whole id when it has none. */
export function platformOf(qualifiedId: string): string {
  const at = qualifiedId.indexOf(':');
  return at > 0 ? qualifiedId.slice(0, at) : qualifiedId;
}

/** The id without its platform prefix: "U123" for "slack:U123". */
export function bareId(qualifiedId: string): string {
  const at = qualifiedId.indexOf(':');
  return at > 0 ? qualifiedId.slice(at + 1) : qualifiedId;
}

/**
 * A user as plain-text readers see them: the name of a web or console user ("bob"), the qualified id
 * of a Slack user ("slack:U0123"), which the Slack adapter shows as a real mention.
 */
export function displayUser(id: string): string {
  return platformOf(id) === 'slack' ? id : bareId(id);
}
