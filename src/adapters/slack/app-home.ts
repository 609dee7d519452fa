import type { types } from '@slack/bolt';
import { localMinute } from '../../core/zone-time.js';
import { STATUS_LABELS } from '../../core/i18n.js';
import type { Plan, PlanItem } from '../../plan/schema.js';
import { STATUSES, type PlanEvent, type Status } from '../../store/events.js';
import { deriveStates, type ItemState } from '../../store/item-state.js';
import { judgeAttention, localDateIn, needsAttention, reasonText, type ItemAttention } from '../../core/attention.js';
import { compareAttention } from '../../core/attention-entry.js';
import { LIGHTS, lightMark, lightText, type Light } from '../../core/lights.js';
import { linesToSections } from './to-blocks.js';
import { escapeText, mrkdwn } from './slack-text.js';
import { isOwner } from '../../core/permissions.js';
import { userRef } from '../../core/user-refs.js';

/** Home tabs allow 100 blocks; the lists stop well before that. */
const MAX_LIST_LINES = 60;

/**
 * The App Home dashboard of one user: how many tasks are in each status, the user's own items and
 * the items that need attention with their reasons (src/core/attention.ts, the rule the digest and
 * the lists use), all derived from the event log with `deriveStates`. Pure.
 */
export function homeView(input: { plan: Plan; events: readonly PlanEvent[]; userId: string; now: Date; timeZone: string }): types.HomeView {
  const { plan, userId } = input;
  const states = deriveStates(input.events, plan);
  const tasks = plan.items.filter((i) => i.kind === 'task');
  const statusOf = (item: PlanItem): Status => states.get(item.id)?.status ?? 'not-started';

  const counts = new Map<Status, number>(STATUSES.map((s) => [s, 0]));
  for (const task of tasks) counts.set(statusOf(task), (counts.get(statusOf(task)) ?? 0) + 1);

  const mine = plan.items.filter((i) => isOwner(userId, states.get(i.id)?.owners ?? []));
  // One rule of attention (src/core/attention.ts), as the digest and the lists read it, at this moment.
  const judge = judgeAttention(plan, { at: input.now, timeZone: input.timeZone });
  const order = new Map(plan.items.map((item, i) => [item.id, i]));
  const judged = plan.items.filter((i) => i.kind !== 'group').map((i) => judge.of(i, states.get(i.id)));
  const attention = judged.filter(needsAttention).sort(compareAttention(order));
  const lights = new Map<Light, number>(LIGHTS.map((l) => [l, judged.filter((a) => a.light === l && a.item.kind === 'task').length]));
  const signedOff = judged.filter((a) => a.signedOff && a.item.kind === 'task').length;
  const date = localDateIn(input.timeZone);
  const when = localMinute(input.now, input.timeZone);

  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `${plan.title.en} · ${plan.title.zh}`.slice(0, 150), emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${tasks.length} tasks · ${tasks.length} 项任务 · ${escapeText(when)} (${escapeText(input.timeZone)})` }] },
    { type: 'section', text: { type: 'mrkdwn', text: '*Tasks by status · 各状态任务数*' } },
    { type: 'section', fields: STATUSES.map((s) => ({ type: 'mrkdwn' as const, text: `*${counts.get(s)}* ${STATUS_LABELS[s].en} · ${STATUS_LABELS[s].zh}` })) },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Lights · 灯号: ${LIGHTS.map((l) => `${lightText(l, 'en')} · ${lightText(l, 'zh').slice(lightMark(l).length + 1)} *${lights.get(l)}*`).join('   ')}${signedOff ? `   signed off · 已销号 *${signedOff}*` : ''}` }] },
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: `*My items · 我负责的事项* (${mine.length})` } },
    ...itemLines(mine, states, 'None assigned to you yet; an admin can assign one with `/plan assign T9 @you`. · 暂无分配给您的事项。'),
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: `*Needs attention · 需要关注* (${attention.length})` } },
    ...attentionLines(attention, states, date),
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Ask me anything in a DM, or use `/plan help`. · 可在私信中提问，或输入 `/plan help`。' }] },
  ];
  return { type: 'home', blocks };
}

/** Items that need attention with their reasons in both languages, or the one sentence that says none does. */
function attentionLines(items: ItemAttention[], states: Map<string, ItemState>, date: (at: string) => string): types.KnownBlock[] {
  if (items.length === 0) {
    return [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'Nothing is at risk, off track, behind pace, overdue or without an update for more than 14 days. · 没有有风险、滞后、落后于时序进度、逾期或超过14天未更新的事项。' }] }];
  }
  const lines = items.slice(0, MAX_LIST_LINES).map((a) => {
    const reasons = (lang: 'en' | 'zh') => a.reasons.map((r) => reasonText(r, lang, date)).join(lang === 'en' ? '; ' : '；');
    const s = states.get(a.item.id);
    const owners = s?.owners.length ? ` · ${s.owners.map((o) => mrkdwn(userRef(o))).join(', ')}` : '';
    const light = a.light === 'green' ? '' : `${lightMark(a.light)} `;
    return `• ${light}*${a.item.id}* ${escapeText(a.item.title.en)} · ${escapeText(a.item.title.zh)} — _${escapeText(reasons('en'))} · ${escapeText(reasons('zh'))}_${owners}`;
  });
  if (items.length > MAX_LIST_LINES) lines.push(`… +${items.length - MAX_LIST_LINES}`);
  return linesToSections(lines);
}

function itemLines(items: PlanItem[], states: Map<string, ItemState>, empty: string): types.KnownBlock[] {
  if (items.length === 0) return [{ type: 'context', elements: [{ type: 'mrkdwn', text: empty }] }];
  const lines = items.slice(0, MAX_LIST_LINES).map((i) => {
    const s = states.get(i.id);
    const status = s?.status ? ` — _${STATUS_LABELS[s.status].en} · ${STATUS_LABELS[s.status].zh}_` : '';
    const owners = s?.owners.length ? ` · ${s.owners.map((o) => mrkdwn(userRef(o))).join(', ')}` : '';
    return `• *${i.id}* ${escapeText(i.title.en)} · ${escapeText(i.title.zh)}${status}${owners}`;
  });
  if (items.length > MAX_LIST_LINES) lines.push(`… +${items.length - MAX_LIST_LINES}`);
  return linesToSections(lines);
}
