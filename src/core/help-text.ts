import { toChineseNumeral } from '../plan/chinese-numerals.js';
import type { Plan } from '../plan/schema.js';
import type { Intent } from './intent.js';
import { t } from './i18n.js';
import { frozenBlocks, type Lang, type ReplyBlock } from './reply.js';

/**
 * Help generated from the declared intents: summary, command and examples in the reader's language.
 * A pure function of the intents list and the language, worked out once per list (by identity) and
 * language: the blocks are frozen and shared by every reply (an adapter may key its work on a block's
 * identity), in an array of the caller's own.
 */
export function helpBlocks(intents: readonly Intent[], lang: Lang): ReplyBlock[] {
  let known = helps.get(intents);
  if (!known) helps.set(intents, (known = {}));
  return [...(known[lang] ??= frozenBlocks(readHelp(intents, lang)))];
}

/** The help of each intents list, by language: an intents list is declared once and not changed. */
const helps = new WeakMap<readonly Intent[], Partial<Record<Lang, readonly ReplyBlock[]>>>();

function readHelp(intents: readonly Intent[], lang: Lang): ReplyBlock[] {
  const blocks: ReplyBlock[] = [
    { type: 'heading', text: t(lang, 'Ask me about the work plan, in English or Chinese. I understand:', '可以用中文或英文问我工作计划的内容。我能理解：') },
  ];
  for (const intent of intents) {
    const examples = intent.examples[lang].slice(0, 3).map((e) => `“${e}”`).join(t(lang, ', ', '、'));
    blocks.push({ type: 'paragraph', text: `• ${intent.summary[lang]} — ${intent.usage}${examples ? t(lang, `, e.g. ${examples}`, `，例如 ${examples}`) : ''}` });
  }
  blocks.push({ type: 'context', text: t(lang, 'Add "in Chinese" to get the answer in Chinese.', '在问题后加“用英文”可得到英文回答。') });
  return blocks;
}

/**
 * Three things worth asking of this plan, made from its own items (so a newly ingested plan gets
 * hints that work): a target question, an item id and a group list. Worked out once per plan and language.
 */
export function askHints(plan: Plan, lang: Lang): string {
  let known = hints.get(plan);
  if (!known) hints.set(plan, (known = {}));
  return (known[lang] ??= readHints(plan, lang));
}

/** The hints of each plan, by language: a plan does not change once loaded. */
const hints = new WeakMap<Plan, Partial<Record<Lang, string>>>();

function readHints(plan: Plan, lang: Lang): string {
  const ind = plan.items.flatMap((i) => i.indicators)[0];
  const task = plan.items.find((i) => i.kind === 'task' && i.indicators.length) ?? plan.items.find((i) => i.kind === 'task') ?? plan.items[0]!;
  const group = plan.items.find((i) => i.kind === 'group');
  const examples = [
    ind ? t(lang, `what's the ${ind.metric.en.toLowerCase()} target`, `${ind.metric.zh}要达到多少`) : null,
    task.id,
    group ? t(lang, `tasks in group ${group.id.slice(1)}`, `第${toChineseNumeral(Number(group.id.slice(1)))}组任务`) : t(lang, 'at-risk tasks', '有风险的任务'),
  ].filter((e): e is string => e !== null);
  return examples.map((e) => `“${e}”`).join(t(lang, ', ', ''));
}
