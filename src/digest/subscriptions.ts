import { describeStatusFilter } from '../core/attention.js';
import { t } from '../core/i18n.js';
import type { Lang } from '../core/reply.js';
import { parseStatus } from '../core/parse-status.js';
import type { PlanEvent, Status } from '../store/events.js';
import { userRef } from '../core/user-refs.js';
import { parseUserId } from '../core/user-ids.js';

/** The languages a digest can be posted in; `both` is Chinese then English. */
export type DigestLang = 'zh' | 'en' | 'both';

/** What a subscription narrows the digest to; null means "everything". */
export interface DigestFilters {
  group: string | null;
  owner: string | null;
  status: Status | null;
}

/** What the digest builder needs to know about who it is for. */
export interface DigestAudience {
  filters: DigestFilters;
  lang: DigestLang;
}

/** A channel's current subscription, derived from the log. */
export interface Subscription extends DigestAudience {
  /** Platform-qualified channel, e.g. "slack:C123", "web:general". */
  channel: string;
  /** Who subscribed (or last changed the subscription), and when. */
  user: string;
  since: string;
}

/** No filters: the whole plan. */
export const NO_FILTERS: DigestFilters = { group: null, owner: null, status: null };

/**
 * The current subscriptions of a plan, in the order channels first subscribed: the latest
 * `subscribe` of a channel replaces its earlier one, an `unsubscribe` removes it.
 */
export function deriveSubscriptions(events: readonly PlanEvent[], planId: string): Map<string, Subscription> {
  const subs = new Map<string, Subscription>();
  for (const e of events) {
    if (e.planId !== planId) continue;
    if (e.type === 'subscribe') {
      subs.set(e.channel, { channel: e.channel, filters: { ...e.filters }, lang: e.lang, user: e.user, since: e.at });
    } else if (e.type === 'unsubscribe') {
      subs.delete(e.channel);
    }
  }
  return subs;
}

export { bareId, platformOf, sameUser } from '../core/user-ids.js';

/** The filters in words, saying all a filter takes: "group G3 · owner @alice · at risk, off track, behind pace or overdue", or "whole plan". */
export function describeAudience(a: DigestAudience, lang: Lang): string {
  const parts = [
    a.filters.group ? t(lang, `group ${a.filters.group}`, `任务组 ${a.filters.group}`) : '',
    a.filters.owner ? t(lang, `owner ${userRef(a.filters.owner)}`, `负责人 ${userRef(a.filters.owner)}`) : '',
    a.filters.status ? describeStatusFilter(a.filters.status, lang) : '',
  ].filter(Boolean);
  const langWords: Record<DigestLang, [string, string]> = { zh: ['Chinese', '中文'], en: ['English', '英文'], both: ['Chinese and English', '中英双语'] };
  const [en, zh] = langWords[a.lang];
  return t(lang, `${parts.length ? parts.join(' · ') : 'whole plan'} · in ${en}`, `${parts.length ? parts.join(' · ') : '全部事项'} · ${zh}`);
}

/** What `/plan subscribe …` and `/plan digest …` say, read into filters and a language. */
export interface DigestWords {
  group: string | null;
  owner: string | null;
  status: Status | null;
  lang: DigestLang | null;
  /** True for "mine" / "我的": the owner is the caller. */
  mine: boolean;
  /** Words that mean nothing here, so the caller can say so instead of ignoring them. */
  unknown: string[];
}

const LANG_WORDS: Record<string, DigestLang> = {
  zh: 'zh', cn: 'zh', chinese: 'zh', 中文: 'zh', 汉语: 'zh', 中: 'zh',
  en: 'en', english: 'en', 英文: 'en', 英语: 'en', 英: 'en',
  both: 'both', bilingual: 'both', 'zh+en': 'both', 'en+zh': 'both', 双语: 'both', 中英: 'both', 中英文: 'both', 中英双语: 'both',
};
const MINE = new Set(['mine', 'me', 'my', '我的', '我']);
const GROUP = /^(?:g|group|组|任务组)?\s*(\d{1,4})$/i;
const OWNER = /^(?:@|owner[:=]|负责人[:：=]?)(.+)$/i;
const FILLER = new Set(['for', 'in', 'to', 'the', 'this', 'channel', 'digest', 'weekly', 'lang', 'language', 'filter', 'only', 'with', '本频道', '周报', '语言', '只看']);

/**
 * Reads the words after `/plan subscribe` (or `/plan digest`): a group ("G3", "group 3"), an owner
 * ("@alice", "owner:slack:U1", "slack:U1", "mine"), a status ("at risk", "有风险") and a language ("zh", "en",
 * "both", "中文", "双语"), in any order. Pure; unknown words are returned, not dropped.
 */
export function parseDigestWords(text: string): DigestWords {
  const out: DigestWords = { group: null, owner: null, status: null, lang: null, mine: false, unknown: [] };
  const words = text.normalize('NFKC').trim().split(/[\s,，、;；]+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const lower = word.toLowerCase();
    const pair = i + 1 < words.length ? `${lower} ${words[i + 1]!.toLowerCase()}` : null;
    const owner = OWNER.exec(word);
    if (lower === 'group' && i + 1 < words.length && /^\d+$/.test(words[i + 1]!)) {
      out.group = `G${Number(words[++i])}`;
    } else if (/^g\d+$/i.test(word) || (/^(?:组|任务组)\d+$/.test(word) && GROUP.test(word))) {
      out.group = `G${Number(GROUP.exec(word)![1])}`;
    } else if (owner) {
      out.owner = owner[1]!;
    } else if (parseUserId(word)) {
      // A qualified id as written (`web:bob`), or as the Slack adapter maps a picked mention (`<@U0BOB>` → `slack:U0BOB`).
      out.owner = word;
    } else if (lower === 'owner' && i + 1 < words.length) {
      out.owner = words[++i]!.replace(/^@/, '');
    } else if (MINE.has(lower)) {
      out.mine = true;
    } else if (LANG_WORDS[lower]) {
      out.lang = LANG_WORDS[lower]!;
    } else if (pair && parseStatus(pair)) {
      out.status = parseStatus(pair);
      i++;
    } else if (parseStatus(word)) {
      out.status = parseStatus(word);
    } else if (!FILLER.has(lower)) {
      out.unknown.push(word);
    }
  }
  return out;
}
