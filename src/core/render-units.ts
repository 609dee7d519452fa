import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import { rollupRule, type Rollup } from '../plan/units.js';
import type { ProgressEntry } from '../store/events.js';
import { reportingUnits, rollUpItem, unitsOfItem, type ProvinceReading, type UnitState } from '../store/unit-state.js';
import { STATUS_LABELS, formatNumber, t } from './i18n.js';
import type { Lang, ReplyBlock } from './reply.js';
import { unitName } from './resolve-unit.js';
import { judgeAttention, type ItemReadings } from './attention.js';
import { lightMark, lightText, type Light } from './lights.js';
import type { ItemState } from '../store/item-state.js';

/**
 * Each reporting unit's traffic light at `at`, by the one rule of attention over that unit's own latest
 * report (its status and values, against its own target when it gave one) and the item's milestones:
 * a unit that has not reported by a missed milestone is red, like the province.
 */
export function unitLights(item: PlanItem, plan: Plan, units: UnitState, state: ItemState | undefined, at: Date | number, timeZone: string): Map<string, Light> {
  const judge = judgeAttention(plan, { at, timeZone });
  const reports = units.reports.get(item.id);
  const lights = new Map<string, Light>();
  const milestones = state?.milestones;
  const signedOff = state?.signedOff || undefined;
  for (const u of reportingUnits(units, item.id)) {
    const r = reports?.get(u);
    const readings: ItemReadings = { status: r?.status ?? null, progress: r?.progress ?? [] };
    if (milestones) readings.milestones = milestones;
    if (signedOff) readings.signedOff = signedOff;
    lights.set(u, judge.of(item, readings).light);
  }
  return lights;
}

/** One line of lights by unit: "Lights by unit: 周口 🟢 green · 南阳 🔴 red". */
export function unitLightsLine(lights: ReadonlyMap<string, Light>, units: UnitState, lang: Lang): string {
  let list = '';
  for (const [u, l] of lights) list += `${list ? ' · ' : ''}${unitName(units.units, u, lang)} ${lightText(l, lang)}`;
  return t(lang, `Lights by unit: ${list}`, `各单位灯号：${list}`);
}

/** A unit's value of an indicator in short: `120/800`, `12%`, `120`. */
export function entryText(e: ProgressEntry): string {
  if (e.target) return `${formatNumber(e.value)}/${formatNumber(e.target)}`;
  return `${formatNumber(e.value)}${e.unit === '%' ? '%' : ''}`;
}

/** How a rule reads: "sum of units", "lead unit's value". */
export function rollupText(rule: Rollup, lang: Lang): string {
  if (rule === 'sum') return t(lang, 'sum of units', '各单位合计');
  if (rule === 'lead') return t(lang, "lead unit's value", '取牵头单位数值');
  return t(lang, 'done when the lead unit reports it done', '牵头单位报告完成即完成');
}

/** Lead and responsible units of an item, as one fields block (nothing for an item without units). */
export function itemUnitsBlocks(item: PlanItem, units: UnitState, lang: Lang): ReplyBlock[] {
  const { lead, responsible } = unitsOfItem(units, item.id);
  if (lead === null && responsible.length === 0) return [];
  const name = (id: string) => unitName(units.units, id, lang);
  return [
    {
      type: 'fields',
      fields: [
        { label: t(lang, 'Lead unit', '牵头单位'), value: lead ? name(lead) : t(lang, 'none', '无') },
        { label: t(lang, 'Responsible units', '责任单位'), value: responsible.length ? responsible.map(name).join(t(lang, ', ', '、')) : t(lang, 'none', '无') },
      ],
    },
  ];
}

/** One indicator's values by unit and the province value: "T9.1 by unit: 周口 120/800 · 南阳 90/800 → 210/800 (sum of units)". */
function indicatorLine(ind: Indicator, item: PlanItem, units: UnitState, reporting: readonly string[], plan: Pick<Plan, 'items' | 'rollup'>, rolledUp: () => ProvinceReading, lang: Lang): string | null {
  const reports = units.reports.get(item.id);
  if (!reports) return null;
  const values: (readonly [string, ProgressEntry])[] = [];
  for (const u of reporting) {
    const e = reports.get(u)?.progress.find((p) => p.indicatorId === ind.id);
    if (e) values.push([u, e]);
  }
  if (values.length === 0) return null;
  const rule = rollupRule(ind, plan.rollup);
  const province = rolledUp().progress.find((p) => p.indicatorId === ind.id);
  const list = values.map(([u, e]) => `${unitName(units.units, u, lang)} ${entryText(e)}`).join(' · ');
  const total = province ? entryText(province) : t(lang, 'no province value yet', '暂无全省数值');
  return t(lang, `${ind.id} by unit: ${list} → province ${total} (${rollupText(rule, 'en')})`, `${ind.id} 分单位：${list} → 全省 ${total}（${rollupText(rule, 'zh')}）`);
}

/** The units of an item and each indicator's values by unit, for an item card (nothing without units). */
export function unitSummaryBlocks(item: PlanItem, units: UnitState, plan: Pick<Plan, 'items' | 'rollup'>, lang: Lang): ReplyBlock[] {
  const blocks = itemUnitsBlocks(item, units, lang);
  if (blocks.length === 0) return blocks;
  indicatorLines(item, units, plan, lang, blocks);
  return blocks;
}

/** Appends each indicator's values by unit (`indicatorLine`) to `blocks`, the item rolled up once for them all. */
function indicatorLines(item: PlanItem, units: UnitState, plan: Pick<Plan, 'items' | 'rollup'>, lang: Lang, blocks: ReplyBlock[]): void {
  if (!units.reports.has(item.id)) return;
  const reporting = reportingUnits(units, item.id);
  let province: ProvinceReading | undefined;
  const rolledUp = () => (province ??= rollUpItem(units, plan, item.id));
  for (const ind of item.indicators) {
    const line = indicatorLine(ind, item, units, reporting, plan, rolledUp, lang);
    if (line) blocks.push({ type: 'context', text: line });
  }
}

/** After a unit's report: whose report it was, and each indicator's values by unit with the province value. */
export function unitReportBlocks(item: PlanItem, units: UnitState, unit: string, plan: Pick<Plan, 'items' | 'rollup'>, lang: Lang): ReplyBlock[] {
  const blocks: ReplyBlock[] = [{ type: 'context', text: t(lang, `Recorded as the report of ${unitName(units.units, unit, 'en')}.`, `已记为${unitName(units.units, unit, 'zh')}的报告。`) }];
  indicatorLines(item, units, plan, lang, blocks);
  return blocks;
}

/** Every unit of an item with its latest report (status and values), lead unit first: "T9 by city". */
export function byUnitBlocks(item: PlanItem, units: UnitState, plan: Pick<Plan, 'items' | 'rollup'>, lang: Lang, lights?: ReadonlyMap<string, Light>): ReplyBlock[] {
  const reports = units.reports.get(item.id);
  const { lead } = unitsOfItem(units, item.id);
  const rows = reportingUnits(units, item.id).map((u) => {
    const r = reports?.get(u);
    const light = lights?.get(u);
    const name = `${light ? `${lightMark(light)} ` : ''}${unitName(units.units, u, lang)}${u === lead ? t(lang, ' (lead)', '（牵头）') : ''}`;
    if (!r) return { label: name, value: t(lang, 'no report yet', '尚未报告') };
    const parts = [
      r.status ? STATUS_LABELS[r.status][lang] : '',
      ...r.progress.map((p) => `${p.indicatorId ?? item.id} ${entryText(p)}`),
      r.at.slice(0, 10),
    ].filter(Boolean);
    return { label: name, value: parts.join(' · ') };
  });
  const blocks: ReplyBlock[] = [{ type: 'fields', fields: rows }];
  const province = rollUpItem(units, plan, item.id);
  for (const ind of item.indicators) {
    const p = province.progress.find((x) => x.indicatorId === ind.id);
    const rule = rollupText(rollupRule(ind, plan.rollup), lang);
    blocks.push({ type: 'context', text: t(lang, `${ind.id} province: ${p ? entryText(p) : 'no value yet'} (${rule})`, `${ind.id} 全省：${p ? entryText(p) : '暂无'}（${rule}）`) });
  }
  return blocks;
}
