import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import type { ProgressEntry } from '../store/events.js';
import type { ItemState } from '../store/item-state.js';
import { STATUS_LABELS, formatNumber, formatTarget, formatTargetValue, formatValue, itemLabel, itemName, t } from './i18n.js';
import type { Lang, ProgressBlock, ReplyBlock } from './reply.js';
import { judgeAttention, localDateIn, reasonText, shareDone, type ItemAttention } from './attention.js';
import { lightText } from './lights.js';
import { itemMilestones, milestoneLine, milestoneMet } from './milestones.js';
import { cleanFreeText } from './free-text.js';
import { userRef, userRefs } from './user-refs.js';
import type { UnitState } from '../store/unit-state.js';
import { unitLights, unitLightsLine, unitSummaryBlocks } from './render-units.js';
import { localDay, localMinute } from './zone-time.js';

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

function progressBlocks(item: PlanItem, state: ItemState | undefined, lang: Lang, only?: Indicator): ReplyBlock[] {
  const out: ReplyBlock[] = [];
  for (const ind of only ? [only] : item.indicators) {
    const b = progressLine(ind, state?.progress.find((p) => p.indicatorId === ind.id), lang);
    if (b) out.push(b);
  }
  const whole = state?.progress.find((p) => p.indicatorId === null);
  if (whole && !only) {
    out.push({ type: 'progress', label: t(lang, 'Overall', '总体'), ratio: whole.target ? whole.value / whole.target : whole.unit === '%' ? whole.value / 100 : null, detail: whole.target ? `${formatNumber(whole.value)}/${formatNumber(whole.target)}` : `${formatNumber(whole.value)}${whole.unit ?? ''}` });
  }
  return out;
}

/** Where an item sits: "Task 9 · G3 Pollution prevention" / "任务九 · G3 …". */
function placeOf(item: PlanItem, plan: Plan, lang: Lang): string {
  const parent = item.parent ? plan.items.find((i) => i.id === item.parent) : undefined;
  return parent ? `${itemLabel(item, lang)} · ${itemName(parent, lang)}` : itemLabel(item, lang);
}

/**
 * The answer to "what is the target of …": the number first, the metric, the item, the plan's own
 * sentence in Chinese, the latest status and, judged at `at`, the item's light.
 */
export function indicatorAnswer(item: PlanItem, ind: Indicator, plan: Plan, state: ItemState | undefined, lang: Lang, timeZone: string, at?: Date | number): ReplyBlock[] {
  const value = formatTargetValue(ind, lang);
  const blocks: ReplyBlock[] = [
    { type: 'heading', text: t(lang, `${ind.metric.en}: ${value} (${placeOf(item, plan, lang)} · ${itemName(item, lang)})`, `${ind.metric.zh}：${value}（${placeOf(item, plan, lang)} · ${itemName(item, lang)}）`) },
    { type: 'paragraph', text: t(lang, `Target: ${formatTarget(ind, lang)}.`, `指标：${formatTarget(ind, lang)}。`) },
    { type: 'quote', text: quoteFor(item, ind.text.zh), source: item.id },
    ...progressBlocks(item, state, lang, ind),
    { type: 'paragraph', text: statusLine(state, lang, timeZone) },
  ];
  // The item's light (not the milestone list, which belongs to the item card) when judged at `at`.
  if (at !== undefined) blocks.push(...lightBlocks(item, plan, state, lang, timeZone, at).slice(0, 1));
  const others = item.indicators.filter((x) => x.id !== ind.id);
  if (others.length) {
    const list = others.map((x) => `${x.metric[lang]}${t(lang, ' ', '')}${formatTarget(x, lang)}`).join(t(lang, '; ', '；'));
    blocks.push({ type: 'context', text: t(lang, `Other targets of ${item.id}: ${list}`, `${item.id} 的其他指标：${list}`) });
  }
  return blocks;
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
  if (item.kind === 'group') return [];
  const a = judgeAttention(plan, { at, timeZone }).of(item, state);
  return [
    { type: 'paragraph', text: lightLine(a, state, lang, timeZone) },
    { type: 'context', text: milestonesLine(item, plan, state, lang) },
  ];
}

/** An item card: title, place, English text (for English readers), the plan's words, targets, units (with each unit's values) and status; its light and milestones when judged at `at`. */
export function itemCard(item: PlanItem, plan: Plan, state: ItemState | undefined, lang: Lang, timeZone: string, at?: Date | number, units?: UnitState): ReplyBlock[] {
  const blocks: ReplyBlock[] = [{ type: 'heading', text: `${itemName(item, lang)} (${placeOf(item, plan, lang)})`.replace(/\((.*)\)$/, t(lang, '($1)', '（$1）')) }];
  if (lang === 'en') blocks.push({ type: 'paragraph', text: clipEnglish(item.text.en) });
  blocks.push({ type: 'quote', text: quoteFor(item), source: item.id });
  if (item.indicators.length) {
    blocks.push({ type: 'fields', fields: item.indicators.map((x) => ({ label: `${x.id} ${x.metric[lang]}`, value: formatTarget(x, lang) })) });
  }
  blocks.push(...progressBlocks(item, state, lang));
  if (units) {
    const summary = unitSummaryBlocks(item, units, plan, lang);
    blocks.push(...summary);
    if (summary.length && at !== undefined && item.kind !== 'group') blocks.push({ type: 'context', text: unitLightsLine(unitLights(item, plan, units, state, at, timeZone), units, lang) });
  }
  if (item.kind === 'group') {
    const tasks = plan.items.filter((i) => i.parent === item.id);
    blocks.push({ type: 'list', items: tasks.map((x) => ({ id: x.id, text: x.title[lang] })) });
  } else {
    blocks.push({ type: 'paragraph', text: statusLine(state, lang, timeZone) });
    if (at !== undefined) blocks.push(...lightBlocks(item, plan, state, lang, timeZone, at));
  }
  return blocks;
}

function clipEnglish(text: string, limit = 600): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const stop = cut.lastIndexOf('. ');
  return `${stop > limit / 2 ? cut.slice(0, stop + 1) : cut} …`;
}
