import type { z } from 'zod';
import { PlanDataError, type DataProblem } from '../errors.js';
import { extractIndicators } from './extract-indicators.js';
import type { ParsedDocument, ParsedItem } from './ingest.js';
import { Plan, type Indicator, type PlanItem } from './schema.js';
import type { IndicatorPatch, ItemTranslation, Translation } from './translation.js';

/**
 * Joins a parsed document with its translation file into a validated plan. Without a translation the
 * English fields fall back to the Chinese text, so that a freshly ingested plan is usable at once.
 * Throws PlanDataError naming the file, item id and field of every problem.
 */
export function buildPlan(planId: string, doc: ParsedDocument, translation: Translation | null, translationFile: string): Plan {
  const problems: DataProblem[] = [];
  const docIds = new Set(doc.items.map((i) => i.id));
  if (translation) {
    for (const id of Object.keys(translation.items)) {
      if (!docIds.has(id)) problems.push({ itemId: id, field: 'items', message: `the document has no item ${id}; remove it or fix the id` });
    }
    for (const id of docIds) {
      if (!translation.items[id]) problems.push({ itemId: id, field: 'items', message: `no translation for ${id}: add title, text and aliases` });
    }
  }
  const items = doc.items.map((parsed) => buildItem(parsed, translation?.items[parsed.id], doc.year, problems));
  if (problems.length > 0) throw new PlanDataError(translationFile, problems);

  const preambleEn = [translation?.intro, translation?.preamble].filter(Boolean).join('\n\n');
  const candidate = {
    id: planId,
    title: { zh: doc.title, en: translation?.title ?? doc.title },
    year: doc.year,
    preamble: { zh: doc.preamble, en: preambleEn || doc.preamble },
    items,
  };
  const result = Plan.safeParse(candidate);
  if (!result.success) throw new PlanDataError(translationFile, zodProblems(result.error, items));
  return result.data;
}

function buildItem(parsed: ParsedItem, tr: ItemTranslation | undefined, year: number, problems: DataProblem[]): PlanItem {
  const extracted = extractIndicators(parsed.id, parsed.text, year);
  const byId = new Map(extracted.map((e) => [e.id, e]));
  for (const id of Object.keys(tr?.indicators ?? {})) {
    if (!byId.has(id)) {
      const found = extracted.map((e) => e.id).join(', ') || 'none';
      problems.push({ itemId: parsed.id, field: `indicators.${id}`, message: `no such indicator (the rules found: ${found}); use addIndicators to add one` });
    }
  }
  const indicators: Indicator[] = extracted.map((e) => applyPatch(
    {
      id: e.id,
      metric: { zh: e.metric, en: e.metric },
      comparator: e.comparator,
      value: e.value,
      unit: e.unit,
      deadline: e.deadline,
      text: { zh: e.text, en: e.text },
      unitLabel: e.unit ? { zh: e.unit, en: e.unit } : null,
      aspirational: e.aspirational,
      capped: e.capped,
    },
    tr?.indicators[e.id],
  ));
  for (const [i, added] of (tr?.addIndicators ?? []).entries()) {
    const field = `addIndicators.${i}`;
    if (!added.id.startsWith(`${parsed.id}.`)) problems.push({ itemId: parsed.id, field, message: `id ${added.id} must start with ${parsed.id}.` });
    else if (indicators.some((x) => x.id === added.id)) problems.push({ itemId: parsed.id, field, message: `id ${added.id} is taken by an extracted indicator` });
    if (!parsed.text.includes(added.text.zh)) problems.push({ itemId: parsed.id, field: `${field}.text.zh`, message: 'must be a verbatim span of the item text' });
    indicators.push(added);
  }
  return {
    id: parsed.id,
    kind: parsed.kind,
    parent: parsed.parent,
    title: tr?.title ?? { zh: parsed.title, en: parsed.title },
    text: { zh: parsed.text, en: tr?.text ?? parsed.text },
    indicators,
    aliases: tr?.aliases ?? { zh: [], en: [] },
    note: parsed.note,
    line: parsed.line,
  };
}

function applyPatch(base: Indicator, patch: IndicatorPatch | undefined): Indicator {
  if (!patch) return base;
  const { metric, text, ...rest } = patch;
  return {
    ...base,
    ...rest,
    metric: metric === undefined ? base.metric : typeof metric === 'string' ? { zh: base.metric.zh, en: metric } : metric,
    text: text === undefined ? base.text : { zh: base.text.zh, en: text },
  };
}

/** Turns zod issues on the plan into problems named by item id and field path. */
function zodProblems(error: z.ZodError, items: PlanItem[]): DataProblem[] {
  return error.issues.map((issue) => {
    const [head, index, ...rest] = issue.path;
    if (head === 'items' && typeof index === 'number') {
      return { itemId: items[index]?.id ?? `#${index}`, field: rest.join('.') || undefined, message: issue.message };
    }
    return { field: issue.path.join('.') || undefined, message: issue.message };
  });
}
