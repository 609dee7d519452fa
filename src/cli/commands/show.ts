import type { Plan, PlanItem } from '../../plan/schema.js';
import { findItem } from '../../core/find-item.js';
import { statusLine } from '../../core/render-item.js';
import type { ItemState } from '../../store/item-state.js';
import { itemJson } from './list.js';

/** `plan-bot show ID`: one item with its indicators and current state. */
export function showCommand(plan: Plan, rawId: string, state: ItemState, json: boolean, timeZone: string): string {
  const item = findItem(plan, rawId);
  if (json) {
    const { status, progress, owners, updatedAt, updatedBy, note } = state;
    return JSON.stringify({ ...itemJson(item), status, progress, owners, updatedAt, updatedBy, statusNote: note }, null, 2);
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
  return lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n');
}
