import type { Plan } from '../plan/schema.js';
import { findTopic } from '../search/topic-table.js';
import type { AnalysedUtterance } from './analysed-utterance.js';
import type { PlanSearch } from './plan-search.js';
import { planItemById } from './plan-item-by-id.js';

/** How long the bot remembers what a conversation was about (10 minutes). */
export const CONVERSATION_TTL_MS = 10 * 60 * 1000;
/** Most conversations remembered at once; the oldest is forgotten first. */
const MAX_CONVERSATIONS = 10_000;
/** A follow-up is short: longer text is a question of its own. */
const MAX_FOLLOWUP_CHARS = 60;

/** What a conversation last answered about: one item, or the items of a list, and when. */
export interface Topic {
  ids: readonly string[];
  at: number;
}

/**
 * Words that point back at what was just answered ("its targets", "and the deadline?", "截止时间呢？",
 * "tell me more"): a message with one of them and no item of its own is a follow-up.
 */
const POINTS_BACK =
  /^(?:and|also|so|then|what about|how about|ok|okay)\b|\b(?:it|its|it's|they|them|their|same|more|details?)\b|\b(?:that|this|those|these)\b(?! (?:year|years|week|month|time|plan|province|city|county|quarter)\b)|^[^\p{L}\p{N}]*(?:deadline|due|target|targets|owner|status|progress|numbers?)[^\p{L}\p{N}]*$|它|其|该项|这项|这个|那个|此项|呢\s*[?？]?\s*$|^那|^还有|详细|具体/u;

/**
 * What a follow-up asks about the item (its target, deadline, owner, group …): words that say nothing of
 * which item is meant. What is left once they are gone must name nothing in the plan for a message to be a follow-up.
 */
const ASPECT_WORDS =
  /\b(?:targets?|goals?|indicators?|numbers?|figures?|values?|rates?|deadlines?|due|dates?|when|per year|yearly|annual|year|owners?|in charge|responsible|status|progress|on track|off track|at risk|behind(?: schedule)?|delayed|late|overdue|done|finished|completed|groups?|sections?|details?|more|text|says?|sets?|requires?|needs?|includes?|covers?|means?|plan)\b|目标|指标|数字|数值|多少|截止|时限|时间|期限|什么时候|负责人|责任人|负责|牵头|进度|进展|状态|滞后|落后|有风险|逾期|完成了|完成|哪一组|组|详细|具体|原文|计划/g;

/** Question words a follow-up may wrap its aspect in ("进度怎么样", "负责人是谁", "who owns"). */
const QUESTION_WORDS =
  /\b(?:what|whats|what's|who|whom|whose|which|when|how|is|are|was|were|the|a|an|any|there|does|do|did|has|have|own|owns|owned|by|about|of|for|please)\b|怎么样|怎样|如何|是谁|谁|是什么|什么|多少|哪些|哪个|哪|有没有|情况|现在|目前|吗|呢|是|的|有|了|啊/g;

/**
 * Whether a message asks only for an aspect ("进度怎么样", "负责人是谁", "who owns it", "what's the status"):
 * once aspect and question words are gone nothing is left, so it can only be about the remembered item.
 */
function onlyAnAspect(text: string): boolean {
  const rest = text.replace(ASPECT_WORDS, ' ').replace(QUESTION_WORDS, ' ');
  // Most messages keep a word of their own: then whether an aspect word was among them does not matter.
  return !/[\p{L}\p{N}]/u.test(rest) && rest !== text.replace(QUESTION_WORDS, ' ');
}

/**
 * The short-term memory of conversations, per user and channel, platform-neutral and in memory: the last
 * item or list the bot answered about, forgotten after {@link CONVERSATION_TTL_MS} or when a new topic
 * is answered. Time is the injected clock's.
 */
export class ConversationMemory {
  private readonly topics = new Map<string, Topic>();

  /** The topic of a conversation, or null when there is none or it is older than the time to live. */
  recall(key: string, now: Date): Topic | null {
    const topic = this.topics.get(key);
    if (!topic) return null;
    if (now.getTime() - topic.at > CONVERSATION_TTL_MS) {
      this.topics.delete(key);
      return null;
    }
    return topic;
  }

  /** Remembers what a conversation was just answered about (an empty list forgets it: a new topic with no item). */
  remember(key: string, ids: readonly string[], now: Date): void {
    this.topics.delete(key);
    if (ids.length === 0) return;
    this.topics.set(key, { ids, at: now.getTime() });
    if (this.topics.size > MAX_CONVERSATIONS) this.topics.delete(this.topics.keys().next().value!);
  }
}

/** The key of a conversation: one user in one channel. */
export function conversationKey(user: string, channel: string | null): string {
  return `${user}\u0000${channel ?? ''}`;
}

/**
 * When a message is a follow-up about the remembered item, the message with that item named
 * ("and the deadline?" after T9 reads "and the deadline? task 9"); otherwise null. A message that names
 * an item, is long, has no word pointing back, or names a topic of its own is not a follow-up. `said` is
 * the message trimmed, as the router reads it (bot.handle makes it).
 */
export function withTopic(said: AnalysedUtterance, topic: Topic | null, plan: Plan, search: PlanSearch): string | null {
  if (!topic) return null;
  if (topic.ids.length > 1) return nextTopicList(said);
  // The message's analysis (of its trimmed text) is the router's too: the item it names is read once.
  const trimmed = said.text;
  if (trimmed.length === 0 || trimmed.length > MAX_FOLLOWUP_CHARS) return null;
  if (said.itemRef) return null;
  const item = planItemById(plan, topic.ids[0]!);
  if (!item) return null;
  // Only words pointing back make a follow-up: "who won the world cup" after T9 is a new (unanswerable) question.
  const lower = said.foldedLower;
  if (!POINTS_BACK.test(lower) && !onlyAnAspect(lower)) return null;
  // "what does it say about biodiversity?" names a topic of its own: a new question, not a follow-up.
  if (search.search(trimmed.toLowerCase().replace(ASPECT_WORDS, ' '), { limit: 1 }).some((h) => !h.weak)) return null;
  return `${trimmed} ${item.kind} ${item.id.slice(1)}`;
}

/** "what about air?", "and soil?", "那大气呢？": after a list, another topic of the table asked the same way. */
const NEXT_TOPIC_EN = /^(?:and|also|then|ok|okay)?\s*(?:what about|how about|and)\s+(?:the\s+)?(.+?)\s*[?？.!！]*$/;
const NEXT_TOPIC_ZH = /^(?:那么?|还有|那)?\s*(.+?)(?:的|方面|相关的?)?\s*呢\s*[?？]*$/;

/**
 * After a list, a message naming only another topic of the topic table asks for that topic's list:
 * "what about air?" after the water tasks reads "list air tasks". Anything else is a question of its own.
 */
function nextTopicList(said: AnalysedUtterance): string | null {
  const folded = said.foldedLower;
  if (folded.length > MAX_FOLLOWUP_CHARS || said.itemRef) return null;
  const en = NEXT_TOPIC_EN.exec(folded);
  if (en && findTopic(en[1]!)) return `list ${en[1]} tasks`;
  const zh = NEXT_TOPIC_ZH.exec(folded);
  if (zh && findTopic(zh[1]!)) return `列出${zh[1]}相关任务`;
  return null;
}
