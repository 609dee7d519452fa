import { z } from 'zod';
import { defineIntent } from '../src/core/intent.js';
import { formatTarget, t } from '../src/core/i18n.js';
import { reply } from '../src/core/reply.js';
import type { PlanItem } from '../src/plan/schema.js';
import { foldTraditional } from '../src/search/fold-traditional.js';
import { analysed } from '../src/core/analysed-utterance.js';
import { currentStates } from '../src/store/item-state.js';

const Args = z.object({
  /** count: how many items of a kind; unowned: tasks nobody is assigned to; quantified: every target with a number; unquantified: items with none. */
  ask: z.enum(['count', 'unowned', 'quantified', 'unquantified']),
  kind: z.enum(['objective', 'group', 'task', 'indicator']).default('task'),
});

const HOW_MANY = /\bhow many\b|\bnumber of\b|\bcount\b|多少|几个|几项|几条|几组|几类|几大/;
const KIND_WORDS: ReadonlyArray<[z.infer<typeof Args>['kind'], RegExp]> = [
  ['group', /\bgroups?\b|\bsections?\b|任务组|几组|组/],
  ['indicator', /\b(?:targets?|indicators?)\b|指标/],
  ['objective', /\b(?:objectives?|goals?)\b|目标/],
  ['task', /\btasks?\b|任务|工作/],
];
/** Words that narrow a count to some items (a status, a light, an owner, a topic): then it is a list question (list-items), whose heading counts. */
const NARROWED = /\b(?:at[\s-]risk|off[\s-]track|on[\s-]track|behind|late|delayed|overdue|done|completed|finished|started|attention|mine|my|owned|assigned to|about|related|concerning|regarding|involving)\b|\b(?:red|yellow|amber|green)\b|风险|滞后|落后|逾期|完成|开始|关注|我的|负责的|关于|相关|有关|涉及|[红黄绿紅綠][灯燈]/;
/** What a bare count may say besides "how many" and a kind: "how many main objectives", "几个主要目标". */
const BARE_COUNT_WORDS = /\b(?:main|key|major|primary|principal|the|are|is|do|does|we|you|in|total|overall|all|task|tasks|objectives?|goals?|groups?|sections?|targets?|indicators?)\b|重点|主要|任务组|任务|目标|指标|组|项|个|是|的|吗|呢/g;
/** Words that ask for a list of the whole plan's items of a kind ("what are the targets", "有哪些指标"). */
const LIST_WORDS = /\b(?:what|which|list|show|me|tell|give|every|all|the|are|plan's|plan|in|of|there)\b|有哪些|哪些|列出|所有|全部|计划|一共|都|有/g;
/** {@link LIST_WORDS} for testing: a global pattern's `test` starts where its last match ended, so the last message would count. */
const HAS_LIST_WORD = new RegExp(LIST_WORDS.source);
/** Words that ask about the whole plan rather than one thing in it. */
const WHOLE_PLAN = /\b(?:plan|in total|altogether|are there|does it have|have|divided)\b|计划|一共|总共|共有|共|有/;
const UNOWNED = /\b(?:no(?:body|one| one)? (?:assigned|owner|owners|in charge)|not assigned|unassigned|without (?:an? )?owners?|no owners?|nobody (?:is )?(?:assigned|responsible|in charge))\b|没有负责人|无人负责|没人负责|未分配|没有分配|无负责人/;
const UNQUANTIFIED = /\b(?:no|without|not|lack|lacks)\b.*\b(?:numbers?|numeric|quantified|figures?)\b|\bunquantified\b|没有量化|没有具体数值|没有数字|没有数值|未量化|无量化|没有设定数值/;
/** Words of a quantified/unquantified question that name nothing in the plan: what is left must name nothing either. */
const QUANTIFIED_WORDS = /\b(?:which|what|list|show|every|all|the|are|is|there|any|a|an|in|of|with|without|no|not|that|has|have|do|does|plan|plan's|targets?|indicators?|goals?|objectives?|tasks?|items?|numbers?|numeric|numerical|quantified|unquantified|figures?|values?)\b|有哪些|哪些|列出|所有|全部|计划|目标|指标|任务|没有|量化|具体|数值|数字|设定|定量|的|有|是|吗|呢/g;
const QUANTIFIED = /\b(?:targets?|indicators?|goals?|objectives?)\b.*\b(?:number|numbers|numeric|quantified|figures?|values?)\b|\b(?:quantified|numeric|numerical)\b.*\b(?:targets?|indicators?)\b|量化指标|有数字|有数值|具体数值的(?:指标|目标)|定量/;

/**
 * Questions about the whole plan, answered from the plan and its state: how many tasks, objectives,
 * groups or targets there are; which tasks nobody is assigned to; every target that has a number.
 */
export const planOverviewIntent = defineIntent({
  id: 'plan-overview',
  summary: { en: 'Counts and lists over the whole plan', zh: '统计与列出整个计划的内容' },
  usage: '/plan overview',
  examples: { en: ['how many tasks are there', 'which tasks have no owner', 'list every target with a number'], zh: ['一共有几个目标', '哪些任务没有负责人', '列出所有量化指标'] },
  commands: ['overview', 'count', '统计'],
  args: Args,
  sideEffects: false,
  cues: { words: ['no', 'unassigned', 'without', '没有负责人', '无人负责', '没人负责', '未分配', '没有分配', '无负责人', 'number', 'numeric', 'quantified', 'unquantified', 'figure', 'value', '没有量化', '没有具体数值', '没有数字', '没有数值', '未量化', '无量化', '没有设定数值', '量化指标', '有数字', '有数值', '具体数值的', '定量', 'group', 'section', '组', 'target', 'indicator', '指标', 'objective', 'goal', '目标', 'how many', 'count', '多少', '几个', '几项', '几条', '几组', '几类', '几大'] },
  recognize: (u) => {
    // Traditional characters read as Simplified ("哪些任務沒有負責人"), as every parser reads them.
    const a = analysed(u);
    const text = a.foldedLower;
    if (a.itemRef) return null;
    if (UNOWNED.test(text)) return { ask: 'unowned', kind: 'task' };
    const quantified = UNQUANTIFIED.test(text) ? 'unquantified' : QUANTIFIED.test(text) ? 'quantified' : null;
    if (quantified) {
      // "is there a quantified target for groundwater" names a thing of its own: O3's answer, not the plan's list.
      if (/[\p{L}\p{N}]/u.test(text.replace(QUANTIFIED_WORDS, ' '))) return null;
      const kind = /\b(?:objectives?|goals?)\b|目标/.test(text) ? 'objective' : /\btasks?\b|任务/.test(text) ? 'task' : 'indicator';
      return { ask: quantified, kind };
    }
    // "what are the targets", "有哪些指标", "list all objectives": a kind of the plan's items and nothing else.
    if (HAS_LIST_WORD.test(text) && !NARROWED.test(text) && text.replace(LIST_WORDS, ' ').replace(BARE_COUNT_WORDS, ' ').replace(/[\s?？!！。.,，:：]/g, '') === '') {
      const listed = KIND_WORDS.find(([, re]) => re.test(text))?.[0];
      if (listed === 'indicator' || listed === 'objective' || listed === 'group') return { ask: 'count', kind: listed };
    }
    if (!HOW_MANY.test(text) || NARROWED.test(text)) return null;
    // "how many main objectives" names nothing but a kind of the plan's items: the plan is meant.
    if (!WHOLE_PLAN.test(text) && text.replace(HOW_MANY, ' ').replace(BARE_COUNT_WORDS, ' ').replace(/[\s?？!！。.,，]/g, '') !== '') return null;
    const kind = KIND_WORDS.find(([, re]) => re.test(text))?.[0];
    // "how many villages must be cleaned up" is a target's number, not a count of the plan's items.
    if (!kind || text.replace(/[\s?？!！。.,，]/g, '').length > 40) return null;
    return { ask: 'count', kind };
  },
  parseCommand: (rest) => {
    const text = foldTraditional(rest).toLowerCase();
    if (UNOWNED.test(text)) return { ask: 'unowned', kind: 'task' };
    if (QUANTIFIED.test(text) || /\b(?:targets?|indicators?)\b|指标/.test(text)) return { ask: 'quantified', kind: 'indicator' };
    return { ask: 'count', kind: KIND_WORDS.find(([, re]) => re.test(text))?.[0] ?? 'task' };
  },
  handle: (args, ctx) => {
    const { lang, plan } = ctx;
    const line = (i: PlanItem) => ({ id: i.id, text: i.title[lang] });
    if (args.ask === 'unowned') {
      const states = currentStates(ctx.store.events(), plan.id);
      const tasks = plan.items.filter((i) => i.kind === 'task' && (states.get(i.id)?.owners ?? []).length === 0);
      if (tasks.length === 0) return reply(lang, [{ type: 'paragraph', text: t(lang, 'Every task has an owner.', '每项任务都有负责人。') }]);
      return reply(
        lang,
        [
          { type: 'heading', text: t(lang, `${tasks.length} of ${plan.items.filter((i) => i.kind === 'task').length} tasks have no owner:`, `${tasks.length}项任务（共${plan.items.filter((i) => i.kind === 'task').length}项）没有负责人：`) },
          { type: 'list', items: tasks.map(line) },
          { type: 'context', text: t(lang, 'An admin assigns one with /plan assign T9 @name.', '管理员可用 /plan assign T9 @姓名 指定负责人。') },
        ],
        { matches: tasks.map((i) => ({ id: i.id, score: 1 })) },
      );
    }
    if (args.ask === 'unquantified') {
      const kind = args.kind === 'task' ? 'task' : 'objective';
      const without = plan.items.filter((i) => i.kind === kind && !i.indicators.some((x) => x.value !== null));
      const noun = kind === 'task' ? ['tasks', '项任务'] : ['objectives', '项目标'];
      return reply(
        lang,
        [
          { type: 'heading', text: t(lang, `${without.length} ${noun[0]} set no number:`, `${without.length}${noun[1]}没有设定具体数值：`) },
          { type: 'list', items: without.map(line) },
          { type: 'context', text: t(lang, 'Their words say what is required instead ("complete the annual targets assigned by the state"); ask about one to read them.', '其要求以文字表述（如“完成国家下达的年度目标任务”）；可单独询问查看原文。') },
        ],
        { matches: without.map((i) => ({ id: i.id, score: 1 })) },
      );
    }
    const withTargets = plan.items.filter((i) => i.indicators.length > 0);
    const indicators = withTargets.flatMap((i) => i.indicators.map((x) => ({ item: i, x })));
    if (args.ask === 'quantified') {
      const numbered = indicators.filter(({ x, item }) => x.value !== null && (args.kind === 'indicator' || item.kind === args.kind));
      return reply(
        lang,
        [
          { type: 'heading', text: t(lang, `${numbered.length} targets in the plan have a number:`, `计划中有${numbered.length}项指标设定了数值：`) },
          { type: 'list', items: numbered.map(({ item, x }) => ({ id: item.id, text: `${x.id} ${x.metric[lang]}: ${formatTarget(x, lang)}` })) },
        ],
        { matches: [...new Set(numbered.map(({ item }) => item.id))].map((id) => ({ id, score: 1 })) },
      );
    }
    if (args.kind === 'indicator') {
      return reply(lang, [
        { type: 'heading', text: t(lang, `The plan has ${indicators.length} targets (indicators), in ${withTargets.length} items:`, `计划共有${indicators.length}项指标，分布在${withTargets.length}个事项中：`) },
        { type: 'list', items: indicators.map(({ item, x }) => ({ id: item.id, text: `${x.id} ${x.metric[lang]}: ${formatTarget(x, lang)}` })) },
      ]);
    }
    const items = plan.items.filter((i) => i.kind === args.kind);
    const noun = { objective: ['main objectives', '项主要目标'], group: ['task groups', '个任务组'], task: ['key tasks', '项重点任务'] }[args.kind];
    return reply(lang, [
      { type: 'heading', text: t(lang, `The plan has ${items.length} ${noun[0]}:`, `计划共有${items.length}${noun[1]}：`) },
      { type: 'list', items: items.map(line) },
    ]);
  },
});
