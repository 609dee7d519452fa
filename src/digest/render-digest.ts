import { STATUS_LABELS, formatDeadline, formatNumber, formatTarget, formatValue, t, formatTargetValue } from '../core/i18n.js';
import type { Lang, ProgressBlock, ReplyBlock } from '../core/reply.js';
import { progressBlock } from '../core/render-item.js';
import type { Indicator } from '../plan/schema.js';
import { STATUSES, type ProgressEntry, type Status } from '../store/events.js';
import { statusOf, type DigestData, type IndicatorRow, type UpdateEvent } from './digest-data.js';
import { entryChars, fitSections, type ListEntry, type Section } from './fit-blocks.js';
import type { MessageLimits } from './limits.js';
import { bareId, describeAudience } from './subscriptions.js';
import { cleanFreeText } from '../core/free-text.js';
import { userRef } from '../core/user-refs.js';
import { platformOf } from '../core/user-ids.js';

/** 0.456 → "45.6%". */
function percent(share: number): string {
  return `${formatNumber(Math.round(share * 1000) / 10)}%`;
}

/** +2, −1, ±0. */
function delta(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0';
}

function quote(note: string, max: number): string {
  const clean = cleanFreeText(note).replace(/\s+/g, ' ').trim();
  return `“${clean.length > max ? `${clean.slice(0, max).trimEnd()}…` : clean}”`;
}

function meets(value: number, ind: Indicator): boolean {
  const target = ind.value ?? 0;
  switch (ind.comparator) {
    case '<':
      return value < target;
    case '<=':
      return value <= target;
    case '>':
      return value > target;
    default:
      return value >= target;
  }
}

/** "on pace", "behind pace", "target reached" or, for a limit, "within the limit". */
function paceOf(row: IndicatorRow, bar: ProgressBlock | null, lang: Lang): string {
  const { entry, indicator: ind, timeShare } = row;
  if (!entry || !bar) return '';
  if (bar.ratio !== null) {
    const time = t(lang, `${percent(timeShare)} of the time gone`, `时间过去${percent(timeShare)}`);
    if (bar.ratio >= 1) return t(lang, 'target reached', '已达标');
    return bar.ratio >= timeShare ? t(lang, `on pace (${time})`, `符合时序进度（${time}）`) : t(lang, `behind pace (${time})`, `落后于时序进度（${time}）`);
  }
  if (ind.value !== null && (ind.comparator === '<' || ind.comparator === '<=')) {
    return meets(entry.value, ind) ? t(lang, 'within the limit', '控制在限值内') : t(lang, 'over the limit', '超出限值');
  }
  return '';
}

function indicatorBlock(row: IndicatorRow, d: DigestData, lang: Lang): ProgressBlock {
  const { indicator: ind, item } = row;
  const bar = progressBlock(ind, row.entry, lang);
  if (bar) {
    const pace = paceOf(row, bar, lang);
    return { ...bar, detail: pace ? `${bar.detail} · ${pace}` : bar.detail };
  }
  const status = STATUS_LABELS[statusOf(d.states.get(item.id))][lang];
  const target = formatTarget(ind, lang);
  const detail = ind.value === null ? `${target} · ${status}` : t(lang, `no value reported yet · ${target}`, `尚未报告数值 · ${target}`);
  return { type: 'progress', label: `${ind.id} ${ind.metric[lang]}`, ratio: null, detail };
}

function progressText(p: ProgressEntry, d: DigestData, itemId: string, lang: Lang): string {
  const ind = p.indicatorId ? d.itemsById.get(itemId)?.indicators.find((x) => x.id === p.indicatorId) : undefined;
  const bar = ind ? progressBlock(ind, p, lang) : null;
  if (bar) return `${p.indicatorId} ${bar.detail}`;
  const shape = { unit: p.unit, unitLabel: null };
  const value = p.target ? `${formatNumber(p.value)}/${formatValue(p.target, shape, lang)}` : formatValue(p.value, shape, lang);
  return `${p.indicatorId ?? t(lang, 'overall', '总体')} ${value}`;
}

function updateLine(e: UpdateEvent, d: DigestData, lang: Lang): string {
  const parts = [
    e.status ? STATUS_LABELS[e.status][lang] : '',
    ...e.progress.map((p) => progressText(p, d, e.itemId, lang)),
    e.note ? quote(e.note, d.options.maxNoteChars) : '',
  ].filter(Boolean);
  const what = parts.length ? parts.join(' · ') : t(lang, 'updated', '已更新');
  return `  – ${d.format(e.at, 'MM-DD HH:mm')} ${bareId(e.user)}${t(lang, ': ', '：')}${what}`;
}

/** An item's week of updates, as many as fit in `maxChars` and `maxUpdatesPerItem`, the rest counted. */
function changeEntry(change: DigestData['changes'][number], d: DigestData, lang: Lang, maxChars: number): ListEntry {
  const { item, updates } = change;
  let text = item.title[lang];
  let shown = 0;
  for (const e of updates) {
    if (shown >= d.options.maxUpdatesPerItem) break;
    const line = `\n${updateLine(e, d, lang)}`;
    // Leave room for the "… and N more updates" line should this one not be the last.
    const reserve = shown + 1 < updates.length ? 32 : 0;
    if (entryChars({ id: item.id, text: text + line }) + reserve > maxChars) break;
    text += line;
    shown++;
  }
  const rest = updates.length - shown;
  if (rest > 0) text += `\n  ${t(lang, `… and ${rest} more update${rest === 1 ? '' : 's'}`, `……另有${rest}次更新`)}`;
  return { id: item.id, text };
}

function ownersText(owners: string[], lang: Lang): string {
  return owners.length ? owners.map((o) => (platformOf(o) === 'slack' ? userRef(o) : `@${userRef(o)}`)).join(' ') : t(lang, 'no owner', '未指定负责人');
}

function headline(d: DigestData, lang: Lang): string {
  const total = d.items.length;
  const parts = STATUSES.map((s: Status) => {
    const n = d.counts[s];
    const label = STATUS_LABELS[s][lang];
    return t(lang, `${n} ${label} (${delta(n - d.previousCounts[s])})`, `${label}${n}项（${delta(n - d.previousCounts[s])}）`);
  });
  const week = d.updateCount
    ? t(lang, `This week: ${d.updateCount} update${d.updateCount === 1 ? '' : 's'} on ${d.changes.length} item${d.changes.length === 1 ? '' : 's'} by ${d.updaters} ${d.updaters === 1 ? 'person' : 'people'}.`, `本周${d.updaters}人对${d.changes.length}项工作更新${d.updateCount}次。`)
    : t(lang, 'No updates this week.', '本周无更新。');
  return t(lang, `${total} items (change since the week before): ${parts.join(' · ')}. ${week}`, `共${total}项（括号内为较上周变化）：${parts.join('，')}。${week}`);
}

/**
 * The digest in one language, within `limits`. `mentioned` collects the users an @mention was
 * written for, so that adapters can notify them.
 */
export function renderDigest(d: DigestData, lang: Lang, limits: MessageLimits, mentioned: Set<string>): ReplyBlock[] {
  const { week } = d;
  const from = week.key;
  const to = d.format(week.endMs - 1000, 'YYYY-MM-DD');
  const head: ReplyBlock[] = [
    { type: 'heading', text: t(lang, `Weekly digest: ${from} to ${to}`, `工作周报：${from} 至 ${to}`) },
    {
      type: 'context',
      text: t(
        lang,
        `${d.plan.title.en} · Monday to Sunday, ${d.timeZone} · ${describeAudience(d.audience, lang)}`,
        `${d.plan.title.zh} · 周一至周日（${d.timeZone}）· ${describeAudience(d.audience, lang)}`,
      ),
    },
    { type: 'paragraph', text: headline(d, lang) },
  ];
  const max = d.options;
  const sections: Section[] = [
    {
      kind: 'progress',
      priority: 3,
      heading: t(lang, `Targets: progress and pace (${percent(d.yearShare)} of the plan year gone)`, `指标进度（全年时间已过${percent(d.yearShare)}）`),
      empty: null,
      count: d.indicators.length,
      entry: (i) => indicatorBlock(d.indicators[i]!, d, lang),
      more: (n, none) => t(lang, none ? `${n} targets not shown.` : `… and ${n} more targets`, none ? `${n}项指标未显示。` : `……另有${n}项指标`),
    },
    {
      kind: 'list',
      priority: 1,
      heading: t(lang, `Updates this week (${d.changes.length})`, `本周更新（${d.changes.length}项）`),
      empty: t(lang, 'None.', '无。'),
      count: d.changes.length,
      entry: (i, maxChars) => changeEntry(d.changes[i]!, d, lang, maxChars),
      more: (n, none) => t(lang, none ? `${n} updated items not shown.` : `… and ${n} more updated items`, none ? `${n}项更新未显示。` : `……另有${n}项有更新`),
    },
    {
      kind: 'list',
      priority: 2,
      heading: t(lang, `At risk or off track (${d.atRisk.length})`, `有风险或滞后（${d.atRisk.length}项）`),
      empty: t(lang, 'Nothing is at risk or off track.', '没有有风险或滞后的事项。'),
      count: d.atRisk.length,
      entry: (i) => {
        const item = d.atRisk[i]!;
        const state = d.states.get(item.id);
        const owners = state?.owners.length ? t(lang, ` · owners: ${state.owners.map(bareId).join(', ')}`, ` · 负责人：${state.owners.map(bareId).join('、')}`) : '';
        const note = state?.note ? ` · ${quote(state.note, max.maxNoteChars)}` : '';
        return { id: item.id, text: `${item.title[lang]} — ${STATUS_LABELS[statusOf(state)][lang]}${owners}${note}` };
      },
      more: (n, none) => t(lang, none ? `${n} items at risk not shown.` : `… and ${n} more at risk`, none ? `${n}项风险事项未显示。` : `……另有${n}项`),
    },
    {
      kind: 'list',
      priority: 4,
      heading: t(lang, `No update for ${max.staleDays} days or more (${d.stale.length})`, `超过${max.staleDays}天未更新（${d.stale.length}项）`),
      empty: t(
        lang,
        `No item with owners or earlier updates has gone ${max.staleDays} days without one.`,
        `有负责人或曾有更新的事项近${max.staleDays}天内均有更新。`,
      ),
      count: d.stale.length,
      entry: (i) => {
        const { item, days } = d.stale[i]!;
        const state = d.states.get(item.id);
        const owners = state?.owners ?? [];
        const last = state?.updatedAt
          ? t(lang, `last update ${d.format(state.updatedAt, 'YYYY-MM-DD')} (${days} days ago)`, `最近更新 ${d.format(state.updatedAt, 'YYYY-MM-DD')}（${days}天前）`)
          : t(lang, 'no update yet', '尚无更新');
        return { id: item.id, text: `${item.title[lang]} — ${last} · ${ownersText(owners, lang)}`, mentions: owners };
      },
      more: (n, none) => t(lang, none ? `${n} stale items not shown.` : `… and ${n} more stale items`, none ? `${n}项未更新事项未显示。` : `……另有${n}项`),
    },
    {
      kind: 'list',
      priority: 5,
      heading: t(lang, `Due in the next ${max.deadlineDays} days (${d.deadlines.length})`, `未来${max.deadlineDays}天内到期（${d.deadlines.length}项）`),
      empty: t(lang, `Nothing falls due in the next ${max.deadlineDays} days.`, `未来${max.deadlineDays}天内没有到期的指标。`),
      count: d.deadlines.length,
      entry: (i) => {
        const { item, indicator, deadline, daysLeft } = d.deadlines[i]!;
        const entry = d.states.get(item.id)?.progress.find((p) => p.indicatorId === indicator.id);
        const status = STATUS_LABELS[statusOf(d.states.get(item.id))][lang];
        const target = indicator.value === null ? t(lang, 'to be completed', '须完成') : `${t(lang, 'target ', '目标')}${formatTargetValue(indicator, lang)}`;
        const reading = progressBlock(indicator, entry, lang)?.detail;
        const now = reading ? `${reading}${t(lang, ', ', '，')}${status}` : `${t(lang, 'no value reported', '尚无数值')}${t(lang, ', ', '，')}${status}${t(lang, ', ', '，')}${target}`;
        return {
          id: indicator.id,
          text: t(
            lang,
            `${indicator.metric.en} — due in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${formatDeadline(deadline, 'en')}) · now ${now}`,
            `${indicator.metric.zh} — ${daysLeft}天后到期（${formatDeadline(deadline, 'zh')}）· 当前${now}`,
          ),
        };
      },
      more: (n, none) => t(lang, none ? `${n} deadlines not shown.` : `… and ${n} more deadlines`, none ? `${n}项到期指标未显示。` : `……另有${n}项到期`),
    },
  ];
  return fitSections(
    head,
    sections,
    { ...limits, maxEntries: max.maxEntriesPerSection },
    (left) => t(lang, `Left out to fit one message: ${left.map((s) => s.heading).join('; ')}.`, `因篇幅所限未显示：${left.map((s) => s.heading).join('；')}。`),
    mentioned,
  );
}
