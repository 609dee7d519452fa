import type { Plan, PlanItem } from '../../plan/schema.js';

/** The contract's JSON form of an item (extra fields are allowed by the contract). */
export function itemJson(item: PlanItem) {
  return {
    id: item.id,
    kind: item.kind,
    parent: item.parent,
    title: item.title,
    text: item.text,
    indicators: item.indicators,
    aliases: item.aliases,
    note: item.note,
    line: item.line,
  };
}

/** `plan-bot list`: every item, as JSON or as an indented outline. */
export function listCommand(plan: Plan, json: boolean): string {
  if (json) return JSON.stringify(plan.items.map(itemJson), null, 2);
  const lines = [`${plan.title.zh} / ${plan.title.en}`];
  for (const item of plan.items) {
    const indent = item.kind === 'task' && item.parent ? '    ' : item.kind === 'task' ? '  ' : '  ';
    const targets = item.indicators.length ? `  [${item.indicators.length} target${item.indicators.length > 1 ? 's' : ''}]` : '';
    lines.push(`${indent}${item.id.padEnd(4)} ${item.title.zh} / ${item.title.en}${targets}`);
  }
  return lines.join('\n');
}
