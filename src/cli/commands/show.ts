import type { Plan, PlanItem } from '../../plan/schema.js';
import { findItem } from '../../core/find-item.js';
import { judgeAttention } from '../../core/attention.js';
import { itemMilestones } from '../../core/milestones.js';
import { lightLine, milestonesLine, statusLine } from '../../core/render-item.js';
import type { ItemState } from '../../store/item-state.js';
import { itemJson } from './list.js';

/** `plan-bot show ID`: one item with its indicators and current state, and its light and milestones judged at `now`. */
export function showCommand(plan: Plan, rawId: string, state: ItemState, json: boolean, timeZone: string, now: Date): string {
  const item = findItem(plan, rawId);
  const judged = item.kind === 'group' ? null : judgeAttention(plan, { at: now, timeZone }).of(item, state);
  if (json) {
    const { status, progress, owners, updatedAt, updatedBy, note } = state;
    const milestones = itemMilestones(item, plan.year, state.milestones).map(({ indicatorId, date, value, source }) => ({ indicatorId, date, value, source }));
    const lights = judged ? { light: judged.light, signedOff: state.signedOff ?? null, milestones } : { light: null, signedOff: null, milestones: [] };
    return JSON.stringify({ ...itemJson(item), status, progress, owners, updatedAt, updatedBy, statusNote: note, ...lights }, null, 2);
  }
  const lines = [
    `${item.id} ${item.title.zh} / ${item.title.en}`,
    item.parent ? `Group ${item.parent}` : '',
    '',
    item.text.zh,
    '',
    item.text.en,
  ];
  if (item.indicators.length) {
    lines.push('', 'Targets / 指标:');
    for (const ind of item.indicators) {
      const value = ind.value === null ? 'done' : `${ind.comparator} ${ind.value}${ind.unit ?? ''}`;
      lines.push(`  ${ind.id} ${ind.metric.en} / ${ind.metric.zh}: ${value}${ind.deadline ? ` by ${ind.deadline}` : ''}${ind.aspirational ? ' (strive for / 力争)' : ''}`);
    }
  }
  if (item.note) lines.push('', item.note);
  lines.push('', statusLine(state, 'en', timeZone), statusLine(state, 'zh', timeZone));
  if (judged) lines.push(lightLine(judged, state, 'en', timeZone), lightLine(judged, state, 'zh', timeZone), milestonesLine(item, plan, state, 'en'), milestonesLine(item, plan, state, 'zh'));
  return lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n');
}
