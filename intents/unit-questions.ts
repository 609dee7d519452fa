import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { STATUS_LABELS, t } from '../src/core/i18n.js';
import { analysed, type AnalysedUtterance } from '../src/core/analysed-utterance.js';
import { defineIntent, type IntentContext } from '../src/core/intent.js';
import { reply } from '../src/core/reply.js';
import { byUnitBlocks, itemUnitsBlocks, unitLights } from '../src/core/render-units.js';
import { readLeadingUnit, resolveUnit, unitName } from '../src/core/resolve-unit.js';
import { UserError } from '../src/errors.js';
import { itemId } from '../src/plan/item-id.js';
import { ItemId } from '../src/plan/schema.js';
import { findItemRef } from '../src/search/parse-item-ref.js';
import { foldTraditional } from '../src/search/fold-traditional.js';
import { currentStates } from '../src/store/item-state.js';
import { currentUnits, reportingUnits, unitsOfItem, unitsOfUser } from '../src/store/unit-state.js';

const unitsNow = (ctx: IntentContext) => currentUnits(ctx.store.events(), ctx.plan);

/** "what is Zhoukou responsible for", "what does Zhoukou lead", "Zhoukou's tasks", "tasks of Zhoukou". */
const EN_UNIT_TASKS = /^(?:what|which (?:tasks|items)) (?:is|are|does|do) (.+?) (?:responsible for|in charge of|lead|leading)\s*[?？]*$|^(?:list |show )?(?:the )?(?:tasks|items|work) (?:of|for) (.+?)\s*[?？]*$|^(.+?)['’]s (?:tasks|items)\s*[?？]*$/i;
/** "周口负责哪些任务", "周口市负责什么", "周口牵头哪些任务", "周口的任务有哪些". */
const ZH_UNIT_TASKS = /^(?:负责|牵头)?(?:哪些|什么)?(?:任务|工作|事项)?$|^的(?:任务|工作|事项)(?:有哪些|有什么|是什么)?$/;
const ZH_TAIL = /[?？吗呢。\s]+$/;
/** How every text {@link ZH_UNIT_TASKS} reads ends, before {@link ZH_TAIL}. */
const ZH_UNIT_TASKS_END = /(?:负责|牵头|哪些|什么|任务|工作|事项)[?？吗呢。\s]*$/;

/** The units question: the unit, read by the unit resolver, or null when the words are not about one. */
function unitAsked(u: AnalysedUtterance, ctx: IntentContext): string | null {
  const { text } = u;
  const en = EN_UNIT_TASKS.exec(text.trim());
  if (en) {
    const r = resolveUnit((en[1] ?? en[2] ?? en[3])!, unitsNow(ctx).units.values());
    return r.ok ? r.id : null;
  }
  // What follows the unit must read as ZH_UNIT_TASKS: most messages end otherwise and name no unit to look for.
  if (!ZH_UNIT_TASKS_END.test(u.folded)) return null;
  const lead = readLeadingUnit(text.trim(), unitsNow(ctx).units.values());
  if (!lead) return null;
  // Traditional characters (周口負責哪些任務) read as Simplified; the fold keeps every offset.
  const rest = foldTraditional(text.trim().slice(lead.length)).replace(ZH_TAIL, '');
  return /^(?:负责|牵头|的)/.test(rest) && ZH_UNIT_TASKS.test(rest) ? lead.id : null;
}

/** What a unit is responsible for: the items it leads and those it is responsible for, each with its province status. */
export const unitTasksIntent = defineIntent({
  id: 'unit-tasks',
  summary: { en: 'What a unit leads and is responsible for', zh: '某单位牵头和负责的任务' },
  usage: '/plan unit-tasks UNIT',
  examples: { en: ['what is Zhoukou responsible for'], zh: ['周口负责哪些任务'] },
  commands: ['unit-tasks', '单位任务'],
  args: z.object({ unit: z.string().min(1).max(80) }),
  sideEffects: false,
  cues: { words: ['responsible for', 'in charge of', 'lead', 'tasks of', 'tasks for', 'items of', 'items for', 'work of', 'work for', "'s tasks", "'s items", '’s tasks', '’s items', '负责', '牵头', '哪些', '什么', '任务', '工作', '事项'] },
  recognize: (u, ctx) => {
    const unit = unitAsked(analysed(u), ctx);
    return unit ? { unit } : null;
  },
  parseCommand: (rest) => ({ unit: rest.trim() }),
  handle: ({ unit: raw }, ctx) => {
    const { lang, plan } = ctx;
    const state = unitsNow(ctx);
    const r = resolveUnit(raw, state.units.values());
    if (!r.ok) throw new UserError(r.code, { en: r.en, zh: r.zh }, { choices: r.choices });
    const states = currentStates(ctx.store.events(), plan);
    const led: { id: string; text: string }[] = [];
    const responsible: { id: string; text: string }[] = [];
    for (const item of plan.items) {
      const { lead, responsible: list } = unitsOfItem(state, item.id);
      const status = states.get(item.id)?.status;
      const own = state.reports.get(item.id)?.get(r.id);
      const text = `${item.title[lang]}${status ? ` · ${STATUS_LABELS[status][lang]}` : ''}${own?.status ? t(lang, ` (own report: ${STATUS_LABELS[own.status].en})`, `（本单位：${STATUS_LABELS[own.status].zh}）`) : ''}`;
      if (lead === r.id) led.push({ id: item.id, text });
      else if (list.includes(r.id)) responsible.push({ id: item.id, text });
    }
    const name = unitName(state.units, r.id, lang);
    if (led.length + responsible.length === 0) {
      return reply(lang, [{ type: 'paragraph', text: t(lang, `${name} leads no item and is responsible for none yet. An admin can add it with /plan units T9 +${unitName(state.units, r.id, 'zh')} or /plan lead T9 ${unitName(state.units, r.id, 'zh')}.`, `${name}目前没有牵头或负责的任务。管理员可用 /plan units T9 +${name} 或 /plan lead T9 ${name} 设置。`) }]);
    }
    return reply(
      lang,
      [
        { type: 'heading', text: t(lang, `${name}: ${led.length + responsible.length} item${led.length + responsible.length === 1 ? '' : 's'}`, `${name}：${led.length + responsible.length}项任务`) },
        ...(led.length ? [{ type: 'paragraph' as const, text: t(lang, 'Leads (牵头):', '牵头：') }, { type: 'list' as const, items: led }] : []),
        ...(responsible.length ? [{ type: 'paragraph' as const, text: t(lang, 'Responsible for (责任):', '负责：') }, { type: 'list' as const, items: responsible }] : []),
      ],
      { matches: [...led, ...responsible].map((i) => ({ id: i.id, score: 1 })) },
    );
  },
});

/** "T9 by city", "各地市T9进度": words that ask for an item's progress unit by unit. */
const BY_UNIT = /\bby (?:city|cities|unit|units|prefecture)\b|\bper (?:city|unit)\b|\beach (?:city|unit)\b|各地市|各市|各单位|分地市|分单位|各责任单位/i;

/** One item's progress unit by unit: each unit's latest report, and the province value of each indicator. */
export const itemByUnitIntent = defineIntent({
  id: 'item-by-unit',
  summary: { en: "An item's progress by unit", zh: '某项任务各单位的进度' },
  usage: '/plan by-unit ID',
  examples: { en: ['T9 by city'], zh: ['各地市T9进度'] },
  commands: ['by-unit', 'by-city', '分单位', '各地市'],
  args: z.object({ itemId: ItemId }),
  sideEffects: false,
  cues: { words: ['by cit', 'by unit', 'by prefecture', 'per city', 'per unit', 'each city', 'each unit', '各地市', '各市', '各单位', '分地市', '分单位', '各责任单位'] },
  recognize: (u) => {
    const a = analysed(u);
    if (!BY_UNIT.test(a.folded)) return null;
    const ref = a.itemRef;
    return ref && ref.kind !== 'group' ? { itemId: itemId(ref.kind, ref.number) } : null;
  },
  parseCommand: (rest) => {
    const ref = findItemRef(rest);
    return { itemId: ref ? itemId(ref.kind, ref.number) : rest.trim() };
  },
  handle: ({ itemId: id }, ctx) => {
    const { lang, plan } = ctx;
    const item = findItem(plan, id);
    const state = unitsNow(ctx);
    if (reportingUnits(state, item.id).length === 0) {
      return reply(lang, [{ type: 'paragraph', text: t(lang, `${item.id} ${item.title.en} has no lead or responsible units yet; an admin can set them with /plan units ${item.id} all-cities and /plan lead ${item.id} 土壤处.`, `${item.id} ${item.title.zh} 尚未设置牵头或责任单位；管理员可用 /plan 责任单位 ${item.id} 全部地市 和 /plan 牵头 ${item.id} 土壤处 设置。`) }], { matches: [{ id: item.id, score: 1 }] });
    }
    return reply(
      lang,
      [{ type: 'heading', text: t(lang, `${item.id} ${item.title.en} by unit`, `${item.id} ${item.title.zh} 各单位进度`) }, ...itemUnitsBlocks(item, state, lang), ...byUnitBlocks(item, state, plan, lang, unitLights(item, plan, state, currentStates(ctx.store.events(), plan).get(item.id), ctx.clock.now(), ctx.timeZone))],
      { matches: [{ id: item.id, score: 1 }] },
    );
  },
});

/** "tasks with no lead unit", "哪些任务没有牵头单位". */
const NO_LEAD = /\b(?:tasks?|items?)\b.*\b(?:(?:with(?:out)?|has|have|having) (?:no|a|any)? ?lead(?:ing)? unit|no lead(?:ing)? unit|lead(?:ing)? unit (?:missing|not set))|(?:没有|未设|未定|缺少|无)牵头单位|牵头单位(?:为空|未设置|未定)/i;

/** The tasks that have no lead unit yet, so an admin can assign them. */
export const noLeadIntent = defineIntent({
  id: 'no-lead-unit',
  summary: { en: 'Tasks with no lead unit', zh: '没有牵头单位的任务' },
  usage: '/plan no-lead',
  examples: { en: ['tasks with no lead unit'], zh: ['哪些任务没有牵头单位'] },
  commands: ['no-lead', '无牵头'],
  args: z.object({}),
  sideEffects: false,
  // NO_LEAD reads "no lead", "a lead" and "any lead" with or without the space: "nolead" is a word of its own to the cue scan.
  cues: { words: ['lead', 'nolead', 'alead', 'anylead', '牵头单位'] },
  recognize: (u) => (NO_LEAD.test(analysed(u).folded) ? {} : null),
  parseCommand: () => ({}),
  handle: (_args, ctx) => {
    const { lang, plan } = ctx;
    const state = unitsNow(ctx);
    const tasks = plan.items.filter((i) => i.kind === 'task' && unitsOfItem(state, i.id).lead === null);
    if (tasks.length === 0) return reply(lang, [{ type: 'paragraph', text: t(lang, 'Every task has a lead unit.', '所有任务都已设置牵头单位。') }]);
    return reply(lang, [
      { type: 'heading', text: t(lang, `${tasks.length} tasks have no lead unit`, `${tasks.length}项任务没有牵头单位`) },
      { type: 'list', items: tasks.map((i) => ({ id: i.id, text: i.title[lang] })) },
      { type: 'context', text: t(lang, 'An admin sets one with /plan lead T9 土壤处.', '管理员可用 /plan 牵头 T9 土壤处 设置。') },
    ]);
  },
});

/** "which unit am I in", "what are my units", "我属于哪个单位", "我是哪个单位的". */
const MY_UNITS = /^(?:which|what) units? (?:am i (?:in|a member of)|do i belong to)\b|^(?:what are )?my units?\s*[?？]*$/i;
const MY_UNITS_ZH = /^我(?:属于|在|是)(?:哪个|哪些|什么)(?:单位|部门)/;

/** The units the asker belongs to, and the items their reports count for; how to be added when none. */
export const myUnitsIntent = defineIntent({
  id: 'my-units',
  summary: { en: 'Which units you belong to', zh: '您属于哪些单位' },
  usage: '/plan my-units',
  examples: { en: ['which unit am I in'], zh: ['我属于哪个单位'] },
  commands: ['my-units', '我的单位'],
  args: z.object({}),
  sideEffects: false,
  cues: { words: ['unit', '我属于', '我在', '我是'] },
  recognize: (u) => (MY_UNITS.test(u.text.trim()) || MY_UNITS_ZH.test(analysed(u).folded.trim()) ? {} : null),
  parseCommand: () => ({}),
  handle: (_args, ctx) => {
    const { lang, plan } = ctx;
    const state = unitsNow(ctx);
    const mine = unitsOfUser(state, ctx.user.id);
    if (mine.length === 0) {
      return reply(lang, [{ type: 'paragraph', text: t(lang, `You belong to no unit yet. An admin adds you with /plan member @${ctx.user.id} 周口 (your unit's name).`, `您尚未加入任何单位。管理员可用 /plan member @${ctx.user.id} 周口（单位名称）将您加入。`) }]);
    }
    const names = mine.map((u) => unitName(state.units, u, lang)).join(t(lang, ', ', '、'));
    const items = plan.items.filter((i) => {
      const { lead, responsible } = unitsOfItem(state, i.id);
      return mine.some((u) => u === lead || responsible.includes(u));
    });
    const list = items.map((i) => i.id).join(t(lang, ', ', '、'));
    return reply(lang, [
      {
        type: 'paragraph',
        text: items.length
          ? t(lang, `You belong to ${names}. Your reports on its items count for it: ${list}.`, `您属于${names}。您对其事项的报告记在该单位名下：${list}。`)
          : t(lang, `You belong to ${names}. No item names it as a lead or responsible unit yet.`, `您属于${names}。目前还没有事项以其为牵头或责任单位。`),
      },
    ], { matches: items.map((i) => ({ id: i.id, score: 1 })) });
  },
});
