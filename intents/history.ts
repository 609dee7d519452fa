import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { STATUS_LABELS, formatNumber, formatValue, t } from '../src/core/i18n.js';
import { defineIntent } from '../src/core/intent.js';
import { reply, type Lang, type ReplyBlock } from '../src/core/reply.js';
import type { PlanItem } from '../src/plan/schema.js';
import { analysed } from '../src/core/analysed-utterance.js';
import type { ProgressEntry } from '../src/store/events.js';
import { itemHistory, type HistoryEntry } from '../src/store/item-history.js';
import { currentStates } from '../src/store/item-state.js';
import { currentUnits } from '../src/store/unit-state.js';
import { unitName } from '../src/core/resolve-unit.js';
import { itemId } from '../src/plan/item-id.js';
import { cleanFreeText } from '../src/core/free-text.js';
import { plainUserRefs, userRef, userRefs } from '../src/core/user-refs.js';
import type { PlanEvent } from '../src/store/events.js';
import { localMinute } from '../src/core/zone-time.js';

/** The most entries one chat reply lists; the CLI (`plan-bot history ID`) prints them all. */
const SHOWN = 50;
const HISTORY_CUE = /\b(history|log|all updates|update history|changelog)\b|历史|更新记录|历史记录|变更记录|所有更新/;

/** Every recorded update of an item, newest first: who, when, status, progress, note; undone ones marked. */
export const historyIntent = defineIntent({
  id: 'history',
  summary: { en: 'Every update of an item, newest first', zh: '某项工作的全部更新记录（最新在前）' },
  usage: '/plan history ID',
  examples: { en: ['history of T9', 'T9 history'], zh: ['T9 更新记录', '任务九的历史'] },
  commands: ['history', 'log', 'hist', '历史', '记录'],
  args: z.object({ id: z.string().min(1) }),
  sideEffects: false,
  cues: { words: ['history', 'log', 'all updates', 'changelog', '历史', '更新记录', '变更记录', '所有更新'] },
  recognize: (u) => {
    const a = analysed(u);
    if (!HISTORY_CUE.test(a.lower)) return null;
    const ref = a.itemRef;
    return ref ? { id: itemId(ref.kind, ref.number) } : null;
  },
  parseCommand: (rest) => ({ id: rest.trim() }),
  handle: ({ id }, ctx) => {
    const { lang, plan } = ctx;
    const item = findItem(plan, id);
    const entries = itemHistory(ctx.store.events(), plan.id, item.id);
    const owners = currentStates(ctx.store.events(), plan).get(item.id)?.owners ?? [];
    const ownerLine = owners.length ? t(lang, `Owners: ${userRefs(owners, ', ')}`, `负责人：${userRefs(owners, '、')}`) : t(lang, 'No owners yet.', '尚无负责人。');
    const assignments = [...supervisionLines(ctx.store.events(), plan.id, item.id, lang, ctx.timeZone), ...assignmentLines(ctx.store.events(), plan.id, item.id, lang, ctx.timeZone)];
    if (entries.length === 0) {
      return reply(lang, [{ type: 'paragraph', text: t(lang, `No updates of ${item.id} ${item.title.en} yet.`, `${item.id} ${item.title.zh} 尚无更新记录。`) }, ...assignments, { type: 'context', text: ownerLine }], { matches: [{ id: item.id, score: 1 }] });
    }
    const blocks: ReplyBlock[] = [
      { type: 'heading', text: t(lang, `Updates of ${item.id} ${item.title.en}, newest first (${entries.length}):`, `${item.id} ${item.title.zh} 的更新记录（${entries.length}条，最新在前）：`) },
      { type: 'list', items: entries.slice(0, SHOWN).map((h) => ({ id: formatTime(h.at, ctx.timeZone), text: historyLine(h, item, lang, ctx.timeZone, (u) => unitName(currentUnits(ctx.store.events(), plan).units, u, lang)) })) },
    ];
    if (entries.length > SHOWN) {
      blocks.push({ type: 'context', text: t(lang, `${entries.length - SHOWN} older updates not shown: plan-bot history ${item.id}`, `另有 ${entries.length - SHOWN} 条较早的更新未显示：plan-bot history ${item.id}`) });
    }
    blocks.push(...assignments, { type: 'context', text: ownerLine });
    return reply(lang, blocks, { matches: [{ id: item.id, score: 1 }] });
  },
});

/** Sign-offs, reopenings and milestones set or removed, newest first: "admin signed off (销号)". */
function supervisionLines(events: readonly PlanEvent[], planId: string, itemId: string, lang: Lang, timeZone: string): ReplyBlock[] {
  const lines: { id: string; text: string }[] = [];
  for (let i = events.length - 1; i >= 0 && lines.length < SHOWN; i--) {
    const e = events[i]!;
    if ((e.type !== 'signoff' && e.type !== 'reopen' && e.type !== 'milestone') || e.planId !== planId || e.itemId !== itemId) continue;
    const who = userRef(e.user);
    let text: string;
    if (e.type === 'signoff') text = t(lang, `${who} signed it off (销号)`, `${who} 销号`);
    else if (e.type === 'reopen') text = t(lang, `${who} reopened it (sign-off undone)`, `${who} 撤销销号，重新打开`);
    else {
      const what = `${e.indicatorId ?? itemId} ${e.date}${e.value === null ? '' : ` ${formatNumber(e.value)}`}`;
      text = e.op === 'set' ? t(lang, `${who} set milestone ${what}`, `${who} 设置时间节点 ${what}`) : t(lang, `${who} removed milestone ${what}`, `${who} 删除时间节点 ${what}`);
    }
    lines.push({ id: formatTime(e.at, timeZone), text });
  }
  return lines.length ? [{ type: 'heading', text: t(lang, 'Sign-off and milestones, newest first:', '销号与时间节点（最新在前）：') }, { type: 'list', items: lines }] : [];
}

/** Who made whom an owner of the item, and who removed whom, newest first: "admin assigned bob". */
function assignmentLines(events: readonly PlanEvent[], planId: string, itemId: string, lang: Lang, timeZone: string): ReplyBlock[] {
  const lines: { id: string; text: string }[] = [];
  for (let i = events.length - 1; i >= 0 && lines.length < SHOWN; i--) {
    const e = events[i]!;
    if ((e.type !== 'assign' && e.type !== 'unassign') || e.planId !== planId || e.itemId !== itemId) continue;
    const text = e.type === 'assign' ? t(lang, `${userRef(e.user)} assigned ${userRef(e.owner)}`, `${userRef(e.user)} 将 ${userRef(e.owner)} 设为负责人`) : t(lang, `${userRef(e.user)} removed ${userRef(e.owner)}`, `${userRef(e.user)} 移除了负责人 ${userRef(e.owner)}`);
    lines.push({ id: formatTime(e.at, timeZone), text });
  }
  return lines.length ? [{ type: 'heading', text: t(lang, 'Owners assigned and removed, newest first:', '负责人变更（最新在前）：') }, { type: 'list', items: lines }] : [];
}

/** A time as the team reads it, in the configured zone: 2021-06-07 09:00. */
export function formatTime(at: string, timeZone: string): string {
  return localMinute(at, timeZone);
}

/** One update in words: "alice · at risk · T9.1 420/800 villages · “note” (undone by …)"; a unit's report "zl for Zhoukou". */
export function historyLine(h: HistoryEntry, item: PlanItem, lang: Lang, timeZone: string, unitName: (id: string) => string = (id) => id): string {
  const parts = [
    h.unit ? t(lang, `${userRef(h.user)} for ${unitName(h.unit)}`, `${userRef(h.user)}（${unitName(h.unit)}）`) : userRef(h.user),
    h.status ? STATUS_LABELS[h.status][lang] : '',
    ...h.progress.map((p) => progressText(p, item, lang)),
    h.note ? `“${cleanFreeText(h.note)}”` : '',
  ].filter(Boolean);
  const undone = h.undone ? t(lang, ` (undone by ${userRef(h.undone.user)} ${formatTime(h.undone.at, timeZone)})`, `（已由 ${userRef(h.undone.user)} 于 ${formatTime(h.undone.at, timeZone)} 撤销）`) : '';
  return `${parts.join(' · ')}${undone}`;
}

/** A progress value in words: "T9.1 420/800 villages", "T9.2 52%", "overall 3/10". */
export function progressText(p: ProgressEntry, item: PlanItem, lang: Lang): string {
  const ind = item.indicators.find((i) => i.id === p.indicatorId);
  if (!ind) {
    const v = p.target ? `${formatNumber(p.value)}/${formatNumber(p.target)}` : `${formatNumber(p.value)}${p.unit === '%' ? '%' : p.unit ? ` ${p.unit}` : ''}`;
    return t(lang, `overall ${v}`, `总体 ${v}`);
  }
  const v = p.target ? `${formatNumber(p.value)}/${formatValue(p.target, ind, lang)}` : formatValue(p.value, ind, lang);
  return `${ind.id} ${v}`;
}

/** Every entry as one plain line, newest first, for `plan-bot history ID` (which prints them all). */
export function historyLines(entries: readonly HistoryEntry[], item: PlanItem, lang: Lang, timeZone: string, unitName?: (id: string) => string): string[] {
  return entries.map((h) => plainUserRefs(`${formatTime(h.at, timeZone)} ${historyLine(h, item, lang, timeZone, unitName)}`));
}
