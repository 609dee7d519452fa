import { paceText, percent } from '../core/attention.js';
import { lightMark } from '../core/lights.js';
import { attentionEntry, quoteNote } from '../core/attention-entry.js';
import { STATUS_LABELS, formatDeadline, formatNumber, formatTarget, formatValue, t, formatTargetValue } from '../core/i18n.js';
import type { Lang, ProgressBlock, ReplyBlock } from '../core/reply.js';
import { progressBlock } from '../core/render-item.js';
import type { Indicator } from '../plan/schema.js';
import { STATUSES, type ProgressEntry, type Status } from '../store/events.js';
import { statusOf, type DigestData, type IndicatorRow, type UpdateEvent } from './digest-data.js';
import { entryChars, fitSections, type ListEntry, type Section } from './fit-blocks.js';
import type { MessageLimits } from './limits.js';
import { bareId, describeAudience } from './subscriptions.js';
import { everyoneReported, notReportedByItem, notReportedEntry, notReportedHeading } from './render-not-reported.js';

/** +2, −1, ±0. */
function delta(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0';
}

function indicatorBlock(row: IndicatorRow, d: DigestData, lang: Lang): ProgressBlock {
  const { indicator: ind, item } = row;
  const bar = progressBlock(ind, row.entry, lang);
  if (bar) {
    const pace = row.pace ? paceText(row.pace, lang) : '';
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
    e.note ? quoteNote(e.note, d.options.maxNoteChars) : '',
  ].filter(Boolean);
  const what = parts.length ? parts.join(' · ') : t(lang, 'updated', '已更新');
  // A unit's report says whose it is: "zl (Zhoukou): T9.1 120/800".
  const unit = e.unit ? d.plan.units?.find((u) => u.id === e.unit)?.[lang] ?? e.unit : null;
  return `  – ${d.format(e.at, 'MM-DD HH:mm')} ${bareId(e.user)}${unit ? t(lang, ` (${unit})`, `（${unit}）`) : ''}${t(lang, ': ', '：')}${what}`;
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
  const l = d.lights;
  const lights = t(lang, ` Lights: ${lightMark('red')} ${l.red} · ${lightMark('yellow')} ${l.yellow} · ${lightMark('green')} ${l.green}${l.signedOff ? ` (${l.signedOff} signed off)` : ''}.`, `灯号：${lightMark('red')} 红灯${l.red}项，${lightMark('yellow')} 黄灯${l.yellow}项，${lightMark('green')} 绿灯${l.green}项${l.signedOff ? `（已销号${l.signedOff}项）` : ''}。`);
  return `${headlineCounts(d, lang, total, parts, week)}${lights}`;
}

function headlineCounts(d: DigestData, lang: Lang, total: number, parts: string[], week: string): string {
  return d.week.partial
    ? t(lang, `${total} items (change since Monday 00:00): ${parts.join(' · ')}. ${week}`, `共${total}项（括号内为较本周一零时变化）：${parts.join('，')}。${week}`)
    : t(lang, `${total} items (change since the week before): ${parts.join(' · ')}. ${week}`, `共${total}项（括号内为较上周变化）：${parts.join('，')}。${week}`);
}

/**
 * The digest in one language, within `limits`. `mentioned` collects the users an @mention was
 * written for, so that adapters can notify them.
 */
export function renderDigest(d: DigestData, lang: Lang, limits: MessageLimits, mentioned: Set<string>): ReplyBlock[] {
  const { week } = d;
  const from = week.key;
  const to = d.format(week.endMs - 1000, 'YYYY-MM-DD');
  const now = d.format(week.endMs - 1, 'YYYY-MM-DD HH:mm');
  const head: ReplyBlock[] = [
    week.partial
      ? { type: 'heading', text: t(lang, `This week so far: ${from} 00:00 to ${now}`, `本周至今：${from} 00:00 至 ${now}`) }
      : { type: 'heading', text: t(lang, `Weekly digest: ${from} to ${to}`, `工作周报：${from} 至 ${to}`) },
    {
      type: 'context',
      text: week.partial
        ? t(
            lang,
            `${d.plan.title.en} · Monday 00:00 to now, ${d.timeZone} (the weekly digest covers the whole week once it has ended) · ${describeAudience(d.audience, lang)}`,
            `${d.plan.title.zh} · 本周一零时至今（${d.timeZone}；周报在一周结束后汇总整周）· ${describeAudience(d.audience, lang)}`,
          )
        : t(
            lang,
            `${d.plan.title.en} · Monday to Sunday, ${d.timeZone} · ${describeAudience(d.audience, lang)}`,
            `${d.plan.title.zh} · 周一至周日（${d.timeZone}）· ${describeAudience(d.audience, lang)}`,
          ),
    },
    { type: 'paragraph', text: headline(d, lang) },
  ];
  const max = d.options;
  const date = (at: string) => d.format(at, 'YYYY-MM-DD');
  const owing = notReportedByItem(d.notReported, new Map(d.items.map((item, i) => [item.id, i])));
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
      // The headline already says "No updates this week"; a bare "None." after the targets read as theirs.
      empty: null,
      count: d.changes.length,
      entry: (i, maxChars) => changeEntry(d.changes[i]!, d, lang, maxChars),
      more: (n, none) => t(lang, none ? `${n} updated items not shown.` : `… and ${n} more updated items`, none ? `${n}项更新未显示。` : `……另有${n}项有更新`),
    },
    {
      kind: 'list',
      priority: 2,
      heading: t(lang, `Needs attention (${d.attention.length})`, `需要关注（${d.attention.length}项）`),
      empty: t(
        lang,
        `Nothing needs attention: no item is at risk, off track, behind pace, overdue or without an update for more than ${max.staleDays} days.`,
        `没有需要关注的事项：没有有风险、滞后、落后于时序进度、逾期或超过${max.staleDays}天未更新的事项。`,
      ),
      count: d.attention.length,
      entry: (i) => {
        const a = d.attention[i]!;
        return attentionEntry(a, d.states.get(a.item.id), lang, date, max.maxNoteChars);
      },
      more: (n, none) => t(lang, none ? `${n} items that need attention not shown.` : `… and ${n} more that need attention`, none ? `${n}项需要关注的事项未显示。` : `……另有${n}项需要关注`),
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
    {
      kind: 'list',
      priority: 4,
      heading: notReportedHeading(d.cycle, owing.length, d.timeZone, lang),
      empty: everyoneReported(lang),
      count: owing.length,
      entry: (i) => notReportedEntry(owing[i]!, lang),
      more: (n, none) => t(lang, none ? `${n} items not reported not shown.` : `… and ${n} more items not reported`, none ? `${n}项未报送未显示。` : `……另有${n}项未报送`),
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
