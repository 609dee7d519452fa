import type { Plan } from '../plan/schema.js';
import { findItem } from './find-item.js';
import { resolveDate } from './resolve-date.js';
import { UserError } from '../errors.js';
import { formatDeadline, formatNumber } from './i18n.js';

/** What `/plan milestone …` asks for: set one, remove those of a date, or list an item's. */
export type MilestoneCommand =
  | { op: 'set'; itemId: string; indicatorId: string | null; date: string; value: number | null }
  | { op: 'remove'; itemId: string; indicatorId: string | null; date: string }
  | { op: 'list'; itemId: string; indicatorId: string | null };

/** How to type it, for usage lines. */
export const MILESTONE_USAGE = '/plan milestone ID DATE [VALUE] · /plan milestone ID remove DATE';

const REMOVE = /^(?:remove|delete|rm|del|删除|移除|取消|去掉)$/i;
const VALUE = /^(\d+(?:\.\d+)?)\s*(?:%|个|项|次|村|家|座|条|处|万|亿|km|公里)?$/;

/**
 * Reads the words after `/plan milestone` (Chinese `/plan 节点`): `T9.1 2021-06-30 400`, `T9.2 年底 10%`,
 * `T20 6月30日` (the item done by then), `T9 remove 2021-06-30`, `T9` (list). The item by the one item
 * resolver, an indicator as `T9.1`, the date by the one date resolver. A value on an item with several
 * targets asks which. Pure apart from the user errors it throws, each saying how to fix it.
 */
export function parseMilestone(rest: string, plan: Plan): MilestoneCommand {
  const words = rest.normalize('NFKC').trim().split(/\s+/).filter(Boolean);
  const head = words.shift();
  if (!head) throw usage({ en: 'Say which item or target.', zh: '请写明事项或指标编号。' });
  const dotted = /^(.+?)\.(\d+)$/.exec(head);
  const item = findItem(plan, dotted ? dotted[1]! : head);
  let indicatorId: string | null = null;
  if (dotted) {
    indicatorId = `${item.id}.${Number(dotted[2])}`;
    if (!item.indicators.some((i) => i.id === indicatorId)) {
      const ids = item.indicators.map((i) => i.id);
      throw new UserError('milestone.no-target', {
        en: `${item.id} has no target ${indicatorId}${ids.length ? `; its targets are ${ids.join(', ')}` : ' (it has no quantified targets: set a milestone on the item, /plan milestone ' + item.id + ' 2021-06-30)'}.`,
        zh: `${item.id} 没有指标 ${indicatorId}${ids.length ? `；它的指标是 ${ids.join('、')}` : `（该事项没有量化指标，可对事项设时间节点：/plan 节点 ${item.id} 2021-06-30）`}。`,
      });
    }
  }
  if (words.length === 0) return { op: 'list', itemId: item.id, indicatorId };
  if (REMOVE.test(words[0]!)) {
    words.shift();
    const date = dateOf(words.join(' '), plan);
    checkYear(date, plan);
    return { op: 'remove', itemId: item.id, indicatorId, date };
  }
  const whole = resolveDate(words.join(' '), plan.year);
  let date: string;
  let value: number | null = null;
  if (whole.ok) date = whole.date;
  else {
    const last = VALUE.exec(words[words.length - 1]!);
    if (!last || words.length < 2) throw usage({ en: whole.en, zh: whole.zh });
    value = Number(last[1]);
    date = dateOf(words.slice(0, -1).join(' '), plan);
  }
  checkYear(date, plan);
  if (value !== null && indicatorId === null) {
    if (item.indicators.length === 1) indicatorId = item.indicators[0]!.id;
    else if (item.indicators.length > 1) {
      const list = item.indicators.map((i) => `${i.id} ${i.metric.en}`).join('; ');
      const listZh = item.indicators.map((i) => `${i.id} ${i.metric.zh}`).join('；');
      throw new UserError('milestone.which-target', {
        en: `${item.id} has ${item.indicators.length} targets (${list}); say which the value is for, e.g. /plan milestone ${item.indicators[0]!.id} ${date} ${value}.`,
        zh: `${item.id} 有${item.indicators.length}项指标（${listZh}）；请写明数值属于哪项，例如 /plan 节点 ${item.indicators[0]!.id} ${date} ${value}。`,
      });
    }
  }
  // A milestone is a step towards the target: more than a target to reach is a slip (900 of 800 villages).
  const ind = item.indicators.find((i) => i.id === indicatorId);
  if (value !== null && ind && ind.value !== null && (ind.comparator === '>=' || ind.comparator === '>') && value > ind.value) {
    const amount = (v: number, lang: 'en' | 'zh') => (ind.unit === '%' ? `${formatNumber(v)}%` : lang === 'en' ? `${formatNumber(v)} ${ind.unitLabel?.en ?? ind.unit ?? ''}`.trim() : `${formatNumber(v)}${ind.unitLabel?.zh ?? ind.unit ?? ''}`);
    const by = ind.deadline ?? `${plan.year}-12-31`;
    throw new UserError('milestone.beyond-target', {
      en: `${formatNumber(value)}${ind.unit === '%' ? '%' : ''} is more than the target of ${ind.id} (${amount(ind.value, 'en')} by ${formatDeadline(by, 'en')}); a milestone is a step towards it. Nothing was recorded. Usage: ${MILESTONE_USAGE}`,
      zh: `${formatNumber(value)}${ind.unit === '%' ? '%' : ''}超过 ${ind.id} 的目标（${amount(ind.value, 'zh')}，${formatDeadline(by, 'zh')}前）；时间节点应是达到目标的阶段值。未记录任何内容。用法：${MILESTONE_USAGE}`,
    });
  }
  return { op: 'set', itemId: item.id, indicatorId, date, value };
}

function dateOf(text: string, plan: Plan): string {
  if (!text) throw usage({ en: 'Say the date, e.g. 2021-06-30.', zh: '请写明日期，例如 2021-06-30。' });
  const d = resolveDate(text, plan.year);
  if (!d.ok) throw usage({ en: d.en, zh: d.zh }, d.code);
  return d.date;
}

function checkYear(date: string, plan: Plan): void {
  const d = { date };
  if (!d.date.startsWith(`${plan.year}-`)) {
    throw new UserError('milestone.outside-year', {
      en: `${d.date} is outside the plan year ${plan.year}; milestones fall within it, e.g. ${plan.year}-06-30.`,
      zh: `${d.date} 不在计划年度（${plan.year}年）内；时间节点应在年度内，例如 ${plan.year}-06-30。`,
    });
  }
}

function usage(text: { en: string; zh: string }, id = 'milestone.usage'): UserError {
  return new UserError(id, { en: `${text.en} Usage: ${MILESTONE_USAGE}`, zh: `${text.zh}用法：${MILESTONE_USAGE}` });
}
