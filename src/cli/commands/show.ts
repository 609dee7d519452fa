import type { Plan, PlanItem } from '../../plan/schema.js';
import { findItem } from '../../core/find-item.js';
import { judgeAttention } from '../../core/attention.js';
import { itemMilestones } from '../../core/milestones.js';
import { lightLine, milestonesLine, statusLine } from '../../core/render-item.js';
import type { ItemState } from '../../store/item-state.js';
import { itemJson } from './list.js';
import { reportingUnits, rollUpItem, unitsOfItem, type UnitState } from '../../store/unit-state.js';
import { rollupRule } from '../../plan/units.js';
import { unitLights } from '../../core/render-units.js';

/**
 * The units of an item for `show --json`: lead and responsible units, per indicator the province
 * value (by its roll-up rule) and each unit's latest value, and, given the item's state and a time,
 * each unit's light (the one the item card shows). Null for an item without units.
 */
export function unitsJson(plan: Plan, item: PlanItem, units: UnitState, judged?: { state: ItemState; now: Date; timeZone: string }) {
  const reporting = reportingUnits(units, item.id);
  if (reporting.length === 0) return null;
  const { lead, responsible } = unitsOfItem(units, item.id);
  const reports = units.reports.get(item.id);
  const province = rollUpItem(units, plan, item.id);
  return {
    lead,
    responsible,
    indicators: item.indicators.map((ind) => ({
      id: ind.id,
      rollup: rollupRule(ind, plan.rollup),
      province: province.progress.find((p) => p.indicatorId === ind.id) ?? null,
      units: Object.fromEntries(reporting.map((u) => [u, reports?.get(u)?.progress.find((p) => p.indicatorId === ind.id) ?? null])),
    })),
    reports: Object.fromEntries(reporting.map((u) => {
      const r = reports?.get(u);
      return [u, r ? { status: r.status, progress: r.progress, note: r.note, at: r.at, user: r.by } : null];
    })),
    ...(judged ? { lights: Object.fromEntries(unitLights(item, plan, units, judged.state, judged.now, judged.timeZone)) } : {}),
  };
}

/** `plan-bot show ID`: one item with its indicators and current state, its light and milestones judged at `now`, and its units. */
export function showCommand(plan: Plan, rawId: string, state: ItemState, json: boolean, timeZone: string, now: Date, units?: UnitState): string {
  const item = findItem(plan, rawId);
  const own = units ? unitsJson(plan, item, units, item.kind === 'group' ? undefined : { state, now, timeZone }) : null;
  const judged = item.kind === 'group' ? null : judgeAttention(plan, { at: now, timeZone }).of(item, state);
  if (json) {
    const { status, progress, owners, updatedAt, updatedBy, note } = state;
    const milestones = itemMilestones(item, plan.year, state.milestones).map(({ indicatorId, date, value, source }) => ({ indicatorId, date, value, source }));
    const lights = judged ? { light: judged.light, signedOff: state.signedOff ?? null, milestones } : { light: null, signedOff: null, milestones: [] };
    return JSON.stringify({ ...itemJson(item), status, progress, owners, updatedAt, updatedBy, statusNote: note, ...lights, ...(own ? { units: own } : {}) }, null, 2);
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
  if (own) {
    const names = (id: string) => units?.units.get(id)?.zh ?? id;
    lines.push('', `Lead unit / 牵头单位: ${own.lead ? names(own.lead) : '-'}`, `Responsible units / 责任单位: ${own.responsible.map(names).join('、') || '-'}`);
    for (const ind of own.indicators) {
      const byUnit = Object.entries(ind.units).filter(([, e]) => e).map(([u, e]) => `${names(u)} ${e!.value}${e!.target ? `/${e!.target}` : ''}`);
      if (byUnit.length) lines.push(`  ${ind.id} (${ind.rollup}): ${byUnit.join(' · ')} → ${ind.province ? `${ind.province.value}${ind.province.target ? `/${ind.province.target}` : ''}` : '-'}`);
    }
  }
  lines.push('', statusLine(state, 'en', timeZone), statusLine(state, 'zh', timeZone));
  if (judged) lines.push(lightLine(judged, state, 'en', timeZone), lightLine(judged, state, 'zh', timeZone), milestonesLine(item, plan, state, 'en'), milestonesLine(item, plan, state, 'zh'));
  return lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n');
}
