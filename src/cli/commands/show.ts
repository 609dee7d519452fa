import type { Plan, PlanItem } from '../../plan/schema.js';
import { findItem } from '../../core/find-item.js';
import { itemJson } from './list.js';

/** The state of an item as recorded by updates; empty until someone reports on it. */
export interface ItemState {
  status: string | null;
  progress: unknown[];
  owners: string[];
  updatedAt: string | null;
}

/** `plan-bot show ID`: one item with its indicators and current state. */
export function showCommand(plan: Plan, rawId: string, state: ItemState, json: boolean): string {
  const item = findItem(plan, rawId);
  if (json) return JSON.stringify({ ...itemJson(item), ...state }, null, 2);
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
  lines.push('', `Status: ${state.status ?? 'no update yet / 暂无进展更新'}`);
  return lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n');
}
