import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import type { ProgressEntry } from '../store/events.js';
import type { ItemState } from '../store/item-state.js';
import { STATUS_LABELS, formatNumber, formatTarget, formatTargetValue, formatValue, itemLabel, itemName, t } from './i18n.js';
import type { Lang, ProgressBlock, ReplyBlock } from './reply.js';
import { entryOf, judgeAttention, localDateIn, reasonText, shareDone, type ItemAttention } from './attention.js';
import { lightText } from './lights.js';
import { itemMilestones, milestoneLine, milestoneMet } from './milestones.js';
import { cleanFreeText } from './free-text.js';
import { userRef, userRefs } from './user-refs.js';
import type { UnitState } from '../store/unit-state.js';
import { unitLights, unitLightsLine, unitSummaryBlocks } from './render-units.js';
import { localDay, localMinute } from './zone-time.js';
import { planItemById } from './plan-item-by-id.js';
import { RenderedBlocks } from './render-memo.js';

const QUOTE_LIMIT = 320;

/** The sentence of the item's Chinese text that contains `clause`, or the text's opening, clipped. */
export function quoteFor(item: PlanItem, clause?: string): string {
  const text = item.text.zh;
  if (clause) {
    const at = text.indexOf(clause);
    if (at >= 0) {
      const start = Math.max(text.lastIndexOf('。', at) + 1, 0);
      const endAt = text.indexOf('。', at + clause.length);
      return clip(text.slice(start, endAt < 0 ? text.length : endAt + 1));
    }
  }
  return clip(text);
}

function clip(text: string): string {
  if (text.length <= QUOTE_LIMIT) return text;
  const cut = text.slice(0, QUOTE_LIMIT);
  const lastStop = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'));
  return lastStop > QUOTE_LIMIT / 2 ? cut.slice(0, lastStop + 1) + '…' : `${cut}…`;
}

/** The progress reported for one indicator, as a bar with numbers, or null when none was reported. */
export function progressBlock(ind: Indicator, entry: ProgressEntry | undefined, lang: Lang): ProgressBlock | null {
  if (!entry) return null;
  const target = entry.target ?? ind.value;
  const ratio = shareDone(ind, entry);
  const detail =
    ind.unit === '%' && !entry.target
      ? `${formatNumber(entry.value)}%${target ? ` / ${formatNumber(target)}%` : ''}`
      : target
        ? `${formatNumber(entry.value)}/${formatValue(target, ind, lang)}`
        : formatValue(entry.value, ind, lang);
  const share = ratio === null ? '' : `${formatNumber(Math.round(ratio * 1000) / 10)}% · `;
  return { type: 'progress', label: `${ind.id} ${ind.metric[lang]}`, ratio, detail: `${share}${detail}` };
}

/**
 * The progress bar of a chat reply: as `progressBlock`, and a reading against a ceiling (fewer than
 * 1.5 accidents per 10,000 sources) says whether it is within the limit.
 */
export function progressLine(ind: Indicator, entry: ProgressEntry | undefined, lang: Lang): ProgressBlock | null {
  const b = progressBlock(ind, entry, lang);
  if (!b || !entry || ind.value === null || (ind.comparator !== '<' && ind.comparator !== '<=')) return b;
  const over = ind.comparator === '<' ? entry.value >= ind.value : entry.value > ind.value;
  return { ...b, detail: `${b.detail} · ${over ? t(lang, 'over the limit', '超出限值') : t(lang, 'within the limit', '在限值内')}` };
}

/** One line on the item's latest status: who said what, when. */
export function statusLine(state: ItemState | undefined, lang: Lang, timeZone: string): string {
  if (!state?.status && !state?.updatedAt) {
    const names = state?.owners ?? [];
    const owners = names.length ? t(lang, ` Owners: ${userRefs(names, ', ')}.`, `负责人：${userRefs(names, '、')}。`) : '';
    return t(lang, `Status: no update yet.${owners}`, `进展：暂无更新。${owners}`);
  }
  // Progress without a status leaves the status unknown, not "not started".
  const status = state.status ? STATUS_LABELS[state.status][lang] : t(lang, 'not reported', '未报告');
  const when = state.updatedAt ? localMinute(state.updatedAt, timeZone) : '';
  const parts = [
    t(lang, `Status: ${status}`, `进展：${status}`),
    state.updatedBy ? t(lang, `updated ${when} by ${userRef(state.updatedBy)}`, `${when} 由 ${userRef(state.updatedBy)} 更新`) : '',
    state.note ? t(lang, `note: ${cleanFreeText(state.note)}`, `备注：${cleanFreeText(state.note)}`) : '',
    state.owners.length ? t(lang, `owners: ${userRefs(state.owners, ', ')}`, `负责人：${userRefs(state.owners, '、')}`) : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Appends the progress bars of an item (or of its one target `only`) to `out`. */
function progressBlocks(item: PlanItem, state: ItemState | undefined, lang: Lang, only: Indicator | undefined, out: ReplyBlock[]): void {
  const progress = state?.progress ?? [];
  if (only) {
    const b = progressLine(only, entryOf(progress, only.id), lang);
    if (b) out.push(b);
    return;
  }
  for (const ind of item.indicators) {
    const b = progressLine(ind, entryOf(progress, ind.id), lang);
    if (b) out.push(b);
  }
  const whole = entryOf(progress, null);
  if (whole) {
    out.push({ type: 'progress', label: t(lang, 'Overall', '总体'), ratio: whole.target ? whole.value / whole.target : whole.unit === '%' ? whole.value / 100 : null, detail: whole.target ? `${formatNumber(whole.value)}/${formatNumber(whole.target)}` : `${formatNumber(whole.value)}${whole.unit ?? ''}` });
  }
}

/** Where an item sits: "Task 9 · G3 Pollution prevention" / "任务九 · G3 …". */
function placeOf(item: PlanItem, plan: Plan, lang: Lang): string {
  const parent = item.parent ? planItemById(plan, item.parent) : undefined;
  return parent ? `${itemLabel(item, lang)} · ${itemName(parent, lang)}` : itemLabel(item, lang);
}

/**
 * The answer to "what is the target of …": the number first, the metric, the item, the plan's own
 * sentence in Chinese, the latest status and, judged at `at`, the item's light. Rendered once per
 * target, language, state and day (`RenderedBlocks`): the blocks are frozen and shared, the array the caller's.
 */
export function indicatorAnswer(item: PlanItem, ind: Indicator, plan: Plan, state: ItemState | undefined, lang: Lang, timeZone: string, at?: Date | number): ReplyBlock[] {
  return targetAnswers.blocks(ind, { plan, item, state, lang, timeZone, at }, () => renderIndicatorAnswer(item, ind, plan, state, lang, timeZone, at));
}

const targetAnswers = new RenderedBlocks<Indicator>();

function renderIndicatorAnswer(item: PlanItem, ind: Indicator, plan: Plan, state: ItemState | undefined, lang: Lang, timeZone: string, at?: Date | number): ReplyBlock[] {
  const words = targetWords(item, ind, plan, lang);
  const blocks: ReplyBlock[] = [
    { type: 'heading', text: words.heading },
    { type: 'paragraph', text: words.target },
    { type: 'quote', text: words.quote, source: item.id },
  ];
  progressBlocks(item, state, lang, ind, blocks);
  blocks.push({ type: 'paragraph', text: statusLine(state, lang, timeZone) });
  // The item's light (not the milestone list, which belongs to the item card) when judged at `at`.
  if (at !== undefined) {
    const light = lightBlock(item, plan, state, lang, timeZone, at);
    if (light) blocks.push(light);
  }
  if (words.others !== null) blocks.push({ type: 'context', text: words.others });
  return blocks;
}

/** The words of a target's answer that depend only on the plan, the item, the target and the language. */
interface TargetWords {
  heading: string;
  target: string;
  quote: string;
  /** The item's other targets, or null when it has none. */
  others: string | null;
}

const targetWordsOf = new WeakMap<Indicator, { plan: Plan; item: PlanItem; en?: TargetWords; zh?: TargetWords }>();

/** `TargetWords`, worked out once per target and language (a plan does not change once loaded). */
function targetWords(item: PlanItem, ind: Indicator, plan: Plan, lang: Lang): TargetWords {
  let known = targetWordsOf.get(ind);
  if (!known || known.plan !== plan || known.item !== item) targetWordsOf.set(ind, (known = { plan, item }));
  let words = known[lang];
  if (!words) {
    const value = formatTargetValue(ind, lang);
    const others = item.indicators.filter((x) => x.id !== ind.id);
    const list = others.map((x) => `${x.metric[lang]}${t(lang, ' ', '')}${formatTarget(x, lang)}`).join(t(lang, '; ', '；'));
    words = {
      heading: t(lang, `${ind.metric.en}: ${value} (${placeOf(item, plan, lang)} · ${itemName(item, lang)})`, `${ind.metric.zh}：${value}（${placeOf(item, plan, lang)} · ${itemName(item, lang)}）`),
      target: t(lang, `Target: ${formatTarget(ind, lang)}.`, `指标：${formatTarget(ind, lang)}。`),
      quote: quoteFor(item, ind.text.zh),
      others: others.length ? t(lang, `Other targets of ${item.id}: ${list}`, `${item.id} 的其他指标：${list}`) : null,
    };
    known[lang] = words;
  }
  return words;
}

/** An item's traffic light in words, with its reasons, or its sign-off: "Light: 🔴 red — T9.1 milestone 2021-06-30 missed (…)". */
export function lightLine(a: ItemAttention, state: ItemState | undefined, lang: Lang, timeZone: string): string {
  if (a.signedOff && state?.signedOff) {
    const when = localDay(state.signedOff.at, timeZone);
    return t(lang, `Signed off (销号) on ${when} by ${userRef(state.signedOff.by)}; /plan reopen ${a.item.id} reopens it.`, `已销号（${when}，${userRef(state.signedOff.by)}）；/plan reopen ${a.item.id} 可重新打开。`);
  }
  const why = a.reasons.filter((r) => r.kind !== 'stale').map((r) => reasonText(r, lang, localDateIn(timeZone)));
  const reported = !!state?.status || (state?.progress.length ?? 0) > 0;
  const calm = a.status === 'done' ? t(lang, 'done', '已完成') : reported ? t(lang, 'on pace', '符合进度') : t(lang, 'nothing reported yet; no milestone missed', '尚未报送；没有错过时间节点');
  return t(lang, `Light: ${lightText(a.light, 'en')} — ${why.length ? why.join('; ') : calm}`, `灯号：${lightText(a.light, 'zh')} — ${why.length ? why.join('；') : calm}`);
}

/** An item's milestones (时间节点), the plan's and those set by admins, each marked when met: one context line. */
export function milestonesLine(item: PlanItem, plan: Plan, state: ItemState | undefined, lang: Lang): string {
  const readings = { status: state?.status ?? null, progress: state?.progress ?? [] };
  const lines = itemMilestones(item, plan.year, state?.milestones).map((m) => milestoneLine(m, item, milestoneMet(m, item, readings), lang));
  return t(lang, `Milestones: ${lines.join('; ')}`, `时间节点：${lines.join('；')}`);
}

/** The light and milestone lines of an item judged at `at` (nothing for a task group, which is not judged). */
export function lightBlocks(item: PlanItem, plan: Plan, state: ItemState | undefined, lang: Lang, timeZone: string, at: Date | number): ReplyBlock[] {
  const light = lightBlock(item, plan, state, lang, timeZone, at);
  return light ? [light, { type: 'context', text: milestonesLine(item, plan, state, lang) }] : [];
}

/** The light line of an item judged at `at` (`lightLine`), or null for a task group, which is not judged. */
function lightBlock(item: PlanItem, plan: Plan, state: ItemState | undefined, lang: Lang, timeZone: string, at: Date | number): ReplyBlock | null {
  if (item.kind === 'group') return null;
  return { type: 'paragraph', text: lightLine(judgeAttention(plan, { at, timeZone }).of(item, state), state, lang, timeZone) };
}

/**
 * An item card: title, place, English text (for English readers), the plan's words, targets, units (with
 * each unit's values) and status; its light and milestones when judged at `at`. Rendered once per item,
 * language, state, units and day (`RenderedBlocks`): the blocks are frozen and shared, the array the caller's.
 */
export function itemCard(item: PlanItem, plan: Plan, state: ItemState | undefined, lang: Lang, timeZone: string, at?: Date | number, units?: UnitState): ReplyBlock[] {
  return cards.blocks(item, { plan, item, state, units, lang, timeZone, at }, () => renderCard(item, plan, state, lang, timeZone, at, units));
}

const cards = new RenderedBlocks<PlanItem>();

function renderCard(item: PlanItem, plan: Plan, state: ItemState | undefined, lang: Lang, timeZone: string, at?: Date | number, units?: UnitState): ReplyBlock[] {
  const words = cardWords(item, plan, lang);
  const blocks: ReplyBlock[] = [{ type: 'heading', text: words.heading }];
  if (words.english !== null) blocks.push({ type: 'paragraph', text: words.english });
  blocks.push({ type: 'quote', text: words.quote, source: item.id });
  if (words.fields.length) blocks.push({ type: 'fields', fields: [...words.fields] });
  progressBlocks(item, state, lang, undefined, blocks);
  if (units) {
    const summary = unitSummaryBlocks(item, units, plan, lang);
    blocks.push(...summary);
    if (summary.length && at !== undefined && item.kind !== 'group') blocks.push({ type: 'context', text: unitLightsLine(unitLights(item, plan, units, state, at, timeZone), units, lang) });
  }
  if (item.kind === 'group') {
    blocks.push({ type: 'list', items: [...words.tasks] });
  } else {
    blocks.push({ type: 'paragraph', text: statusLine(state, lang, timeZone) });
    if (at !== undefined) blocks.push(...lightBlocks(item, plan, state, lang, timeZone, at));
  }
  return blocks;
}

/**
 * The answer to "status of T9": the item, each target's progress (or that none is reported yet), the
 * latest status, the light and milestones judged at `at`, and where to read every update. Rendered
 * once per item, language, state and day (`RenderedBlocks`), as cards are.
 */
export function statusBlocks(item: PlanItem, plan: Plan, state: ItemState | undefined, lang: Lang, timeZone: string, at: Date | number): ReplyBlock[] {
  return statuses.blocks(item, { plan, item, state, lang, timeZone, at }, () => renderStatus(item, plan, state, lang, timeZone, at));
}

const statuses = new RenderedBlocks<PlanItem>();

function renderStatus(item: PlanItem, plan: Plan, state: ItemState | undefined, lang: Lang, timeZone: string, at: Date | number): ReplyBlock[] {
  const blocks: ReplyBlock[] = [{ type: 'heading', text: `${item.id} ${item.title[lang]}` }];
  for (const ind of item.indicators) {
    blocks.push(progressLine(ind, entryOf(state?.progress ?? [], ind.id), lang) ?? { type: 'progress', label: `${ind.id} ${ind.metric[lang]}`, ratio: null, detail: t(lang, 'no value reported yet', '尚未报告数值') });
  }
  blocks.push({ type: 'paragraph', text: statusLine(state, lang, timeZone) });
  blocks.push(...lightBlocks(item, plan, state, lang, timeZone, at));
  blocks.push({ type: 'context', text: t(lang, `Every update: /plan history ${item.id}`, `全部更新记录：/plan history ${item.id}`) });
  return blocks;
}

/** The words of an item card that depend only on the plan, the item and the language (frozen: replies share them). */
interface CardWords {
  heading: string;
  /** The English text, clipped, for English readers; null in Chinese. */
  english: string | null;
  quote: string;
  /** Each target: its id and metric, and the target in words. */
  fields: readonly { label: string; value: string }[];
  /** A group's tasks. */
  tasks: readonly { id: string; text: string }[];
}

const cardWordsOf = new WeakMap<PlanItem, { plan: Plan; en?: CardWords; zh?: CardWords }>();

/** `CardWords`, worked out once per item and language (a plan does not change once loaded). */
function cardWords(item: PlanItem, plan: Plan, lang: Lang): CardWords {
  let known = cardWordsOf.get(item);
  if (!known || known.plan !== plan) cardWordsOf.set(item, (known = { plan }));
  let words = known[lang];
  if (!words) {
    words = {
      heading: `${itemName(item, lang)} (${placeOf(item, plan, lang)})`.replace(/\((.*)\)$/, t(lang, '($1)', '（$1）')),
      english: lang === 'en' ? clipEnglish(item.text.en) : null,
      quote: quoteFor(item),
      fields: Object.freeze(item.indicators.map((x) => Object.freeze({ label: `${x.id} ${x.metric[lang]}`, value: formatTarget(x, lang) }))),
      tasks: item.kind === 'group' ? Object.freeze(plan.items.filter((i) => i.parent === item.id).map((x) => Object.freeze({ id: x.id, text: x.title[lang] }))) : [],
    };
    known[lang] = words;
  }
  return words;
}

function clipEnglish(text: string, limit = 600): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const stop = cut.lastIndexOf('. ');
  return `${stop > limit / 2 ? cut.slice(0, stop + 1) : cut} …`;
}
