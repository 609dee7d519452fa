import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import { t } from './i18n.js';
import type { Lang, ReplyBlock } from './reply.js';
import { userRefs } from './user-refs.js';

/** Words that ask when something is due. */
export const DEADLINE_CUE = /\b(deadline|deadlines|due|by when|when|time limit|timeline|time frame|timeframe)\b|截止|时限|时间节点|期限|什么时候|何时|哪天|完成时间|几月/;

/** Words that ask for a number (a target, a rate, an amount): then the matching indicator leads the answer. */
export const NUMBER_CUE = /\b(target|targets|rate|ratio|how many|how much|percent|percentage|number|numbers|goal|share|quota|figure|value|level|limit|upper limit|concentration|tonnes|tons|class)\b|%|达到|多少|指标|目标值|比例|比率|率|数量|几个|多大|百分之几|数字|浓度|降到|上限/;

/**
 * The deadline of an item or of the target asked about: the date the text names, else the plan year's end,
 * said as such (the plan is an annual plan; a task that names no date is due by the end of its year).
 * Worked out once per item (or target), plan and language: the block is frozen and shared by every reply.
 */
export function deadlineNote(item: PlanItem, indicator: Indicator | undefined, plan: Plan, lang: Lang): ReplyBlock {
  return sharedNote(deadlines, indicator ?? item, plan, lang, () => readDeadlineNote(item, indicator, plan, lang));
}

const deadlines = new WeakMap<object, KeptNotes>();

function readDeadlineNote(item: PlanItem, indicator: Indicator | undefined, plan: Plan, lang: Lang): ReplyBlock {
  const named = indicator?.deadline ?? item.indicators.find((x) => x.deadline)?.deadline ?? null;
  const yearEnd = `${plan.year}-12-31`;
  if (named && named !== yearEnd) return { type: 'paragraph', text: t(lang, `Deadline: ${named} (as the plan text says).`, `完成时限：${named}（计划原文所定）。`) };
  return {
    type: 'paragraph',
    text: t(
      lang,
      `Deadline: end of ${plan.year} (${yearEnd}). The text names no other date, so the plan year's end applies.`,
      `完成时限：${plan.year}年底（${yearEnd}）。原文未写其他日期，按计划年度末计。`,
    ),
  };
}

/**
 * Said when a question asks for a number the plan does not set: what the item says instead (its words
 * follow in the card). Worked out once per item and language: the block is frozen and shared by every reply.
 */
export function noNumberNote(item: PlanItem, lang: Lang): ReplyBlock {
  return sharedNote(noNumbers, item, null, lang, () => readNoNumberNote(item, lang));
}

const noNumbers = new WeakMap<object, KeptNotes>();

function readNoNumberNote(item: PlanItem, lang: Lang): ReplyBlock {
  return {
    type: 'paragraph',
    text: t(
      lang,
      `The plan sets no number for this. ${item.id} says: “${item.text.en}”`,
      `计划没有为此设定具体数值。${item.id} 原文：“${item.text.zh}”`,
    ),
  };
}

/** Words that ask who owns an item ("who owns T9", "and who is responsible?", "负责人是谁"). */
export const OWNER_CUE = /\b(?:who owns|owners?|owned by|who is responsible|who's responsible|who is in charge|who's in charge|in charge of|assigned to|assignees?)\b|负责人|谁负责|由谁负责|责任人|分配给谁/;

/** Said when a question asks who owns an item: its owners, or that nobody is assigned yet and how to assign one. */
export function ownerNote(item: PlanItem, owners: readonly string[], lang: Lang): ReplyBlock {
  if (owners.length) return { type: 'paragraph', text: t(lang, `Owners of ${item.id}: ${userRefs(owners, ', ')}.`, `${item.id} 的负责人：${userRefs(owners, '、')}。`) };
  return {
    type: 'paragraph',
    text: t(lang, `${item.id} has no owner yet: an admin assigns one with /plan assign ${item.id} @name.`, `${item.id} 尚未指定负责人：管理员可用 /plan assign ${item.id} @姓名 指定。`),
  };
}

/** Said with an answer that is only a weak match: how sure the bot is, and how to ask more precisely (one frozen block per language, shared). */
export function weakMatchNote(lang: Lang): ReplyBlock {
  return WEAK_MATCH[lang];
}

const WEAK_MATCH: Record<Lang, ReplyBlock> = { en: Object.freeze(readWeakMatchNote('en')), zh: Object.freeze(readWeakMatchNote('zh')) };

function readWeakMatchNote(lang: Lang): ReplyBlock {
  return {
    type: 'context',
    text: t(
      lang,
      'Not sure: this is the closest item in the plan, but it matches only part of your question. Name the task or use the plan’s words for a surer answer.',
      '把握不大：这是计划中最接近的事项，但只与问题的一部分相符。写明任务编号或使用计划原文的说法，回答会更准确。',
    ),
  };
}

/** The notes kept for one key (an item or a target): each language's, with the plan it was read from. */
interface KeptNotes {
  plan: Plan | null;
  en?: ReplyBlock;
  zh?: ReplyBlock;
}

/** The note under `key` (and `plan`, when it reads one) in `lang`, made by `make` the first time and frozen: plans do not change once loaded. */
function sharedNote(table: WeakMap<object, KeptNotes>, key: object, plan: Plan | null, lang: Lang, make: () => ReplyBlock): ReplyBlock {
  let known = table.get(key);
  if (!known || known.plan !== plan) table.set(key, (known = { plan }));
  return (known[lang] ??= Object.freeze(make()));
}
