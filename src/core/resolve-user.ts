import { platformOf, parseUserId, userOn, isUserPlatform, type UserId } from './user-ids.js';
import { nfkc } from '../search/normalize.js';

/** What the user resolver found: a user, or a problem in both languages saying how to write one. */
export type UserResult = { ok: true; id: UserId } | { ok: false; code: 'user.invalid' | 'user.slack-name'; en: string; zh: string };

const SLACK_MARKUP = /^<@([A-Z0-9]+)(?:\|[^<>]*)?>$/;

/**
 * The user resolver, one for every command and recogniser (assign, unassign, "tasks owned by bob",
 * `/plan subscribe @bob`). Pure. A name written plainly (`@bob`, `bob`, `＠Bob`) is a user of the
 * asker's platform (`web:bob` when a web user writes it); `@web:bob`, `@console:erin`,
 * `slack:U0123` and Slack's `<@U0123>` / `<@U0123|name>` are taken as written. On Slack a plain name
 * cannot be told from a member id, so it is refused with the forms that work.
 */
export function resolveUser(word: string, asker: UserId): UserResult {
  const w = nfkc(word).trim();
  const markup = SLACK_MARKUP.exec(w);
  if (markup) return found(userOn('slack', markup[1]!), word);
  const bare = w.replace(/^@+/, '');
  if (/^[a-z]+:/i.test(bare)) {
    const platform = bare.slice(0, bare.indexOf(':')).toLowerCase();
    if (isUserPlatform(platform)) return found(parseUserId(bare), word);
  }
  const platform = platformOf(asker);
  if (platform === 'slack') {
    const member = userOn('slack', bare);
    if (member) return { ok: true, id: member };
    return {
      ok: false,
      code: 'user.slack-name',
      en: `On Slack, mention the person (type @ and pick them from the list) rather than writing "${bare}"; for someone on the web chat or the console, write @web:${bare} or @console:${bare}.`,
      zh: `在 Slack 中请直接提及此人（输入 @ 后从列表中选择），不要只写“${bare}”；网页聊天或控制台的用户请写 @web:${bare} 或 @console:${bare}。`,
    };
  }
  return found(isUserPlatform(platform) ? userOn(platform, bare) : null, word);
}

function found(id: UserId | null, word: string): UserResult {
  if (id) return { ok: true, id };
  return {
    ok: false,
    code: 'user.invalid',
    en: `"${word}" is not a user I can read. Write @name for someone on your own platform, or @web:name, @console:name, @slack:U0123, @dingtalk:STAFFID for someone elsewhere.`,
    zh: `无法识别用户“${word}”。同一平台的用户写 @名字；其他平台写 @web:名字、@console:名字、@slack:U0123 或 @dingtalk:员工UserID。`,
  };
}

/** Every user a list of words names, each read by `resolveUser`, duplicates dropped; the first unreadable word is the problem. */
export function readUsers(words: readonly string[], asker: UserId): { ok: true; users: UserId[] } | { ok: false; problem: { code: string; en: string; zh: string } } {
  const users: UserId[] = [];
  for (const w of words) {
    if (!w.replace(/^[@＠]+/, '')) continue;
    const r = resolveUser(w, asker);
    if (!r.ok) return { ok: false, problem: { code: r.code, en: r.en, zh: r.zh } };
    if (!users.includes(r.id)) users.push(r.id);
  }
  return { ok: true, users };
}
