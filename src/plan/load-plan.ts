import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PlanDataError, UserError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { buildPlan } from './build-plan.js';
import { ingestDocument } from './ingest.js';
import type { Plan } from './schema.js';
import { Translation } from './translation.js';
import { UnitsFile } from './units.js';

/** The plan the bot serves when none is named. */
export const DEFAULT_PLAN_ID = 'henan-2021';
/** Where the plans shipped with plan-bot live: one folder per plan id. */
export const BUNDLED_PLANS_DIR = join(PACKAGE_ROOT, 'data', 'plans/');
/** The document of a plan, as published (Chinese). */
export const DOCUMENT_FILE = 'plan.zh.txt';
/** English translations, titles, aliases and indicator corrections keyed by item id. */
export const TRANSLATION_FILE = 'translation.en.json';
/** The plan's default units and roll-up rules (optional). */
export const UNITS_FILE = 'units.json';

const PLAN_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Checks a plan id before it becomes part of a path. */
export function assertPlanId(planId: string): void {
  if (!PLAN_ID.test(planId)) {
    throw new UserError('plan.bad-id', {
      en: `"${planId}" is not a valid plan id: use lower-case letters, digits and dashes, such as henan-2022.`,
      zh: `“${planId}”不是有效的计划编号：请只用小写字母、数字和连字符，例如 henan-2022。`,
    });
  }
}

/**
 * Loads a plan from its folder: ingests the document, joins the translation file if there is one and
 * validates the result. A bad file throws PlanDataError naming the file, item id and field.
 */
export async function loadPlan(planId: string = DEFAULT_PLAN_ID, plansDir: string = BUNDLED_PLANS_DIR): Promise<Plan> {
  assertPlanId(planId);
  const dir = join(plansDir, planId);
  const documentFile = join(dir, DOCUMENT_FILE);
  if (!existsSync(documentFile)) {
    throw new UserError('plan.not-found', {
      en: `No plan "${planId}" in ${plansDir}. Save one with: plan-bot ingest FILE --save ${planId}`,
      zh: `${plansDir} 中没有计划“${planId}”。可用 plan-bot ingest 文件 --save ${planId} 保存一个。`,
    });
  }
  const parsed = ingestDocument(await readFile(documentFile, 'utf8'));
  if (!parsed.ok) throw new PlanDataError(documentFile, parsed.errors);
  const translationFile = join(dir, TRANSLATION_FILE);
  const translation = existsSync(translationFile) ? await readTranslation(translationFile) : null;
  const plan = buildPlan(planId, parsed.doc, translation, translationFile);
  const unitsFile = join(dir, UNITS_FILE);
  return existsSync(unitsFile) ? withUnits(plan, await readUnits(unitsFile), unitsFile) : plan;
}

/** The plan with its units and roll-up rules; a rule for an indicator the plan does not have is an error. */
function withUnits(plan: Plan, file: UnitsFile, path: string): Plan {
  const indicators = new Set(plan.items.flatMap((i) => i.indicators.map((x) => x.id)));
  const unknown = Object.keys(file.rollup).filter((id) => !indicators.has(id));
  if (unknown.length) throw new PlanDataError(path, unknown.map((id) => ({ field: `rollup.${id}`, message: `no such indicator ${id}` })));
  return { ...plan, units: file.units, rollup: file.rollup };
}

async function readUnits(file: string): Promise<UnitsFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new PlanDataError(file, [{ message: `not valid JSON (${(err as Error).message}); fix the syntax` }]);
  }
  const result = UnitsFile.safeParse(json);
  if (result.success) return result.data;
  throw new PlanDataError(file, result.error.issues.map((issue) => ({ field: issue.path.join('.') || undefined, message: issue.message })));
}

async function readTranslation(file: string): Promise<Translation> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new PlanDataError(file, [{ message: `not valid JSON (${(err as Error).message}); fix the syntax` }]);
  }
  const result = Translation.safeParse(json);
  if (result.success) return result.data;
  throw new PlanDataError(
    file,
    result.error.issues.map((issue) => {
      const [head, itemId, ...rest] = issue.path.map(String);
      return head === 'items' && itemId !== undefined
        ? { itemId, field: rest.join('.') || undefined, message: issue.message }
        : { field: issue.path.join('.') || undefined, message: issue.message };
    }),
  );
}

/**
 * Saves a document as plan `planId` beside the others, never over an existing plan and never half
 * written (the file is written to a temporary name and renamed into place).
 */
export async function savePlanDocument(planId: string, source: string, plansDir: string = BUNDLED_PLANS_DIR): Promise<string> {
  assertPlanId(planId);
  const dir = join(plansDir, planId);
  const file = join(dir, DOCUMENT_FILE);
  if (existsSync(file)) {
    throw new UserError('plan.exists', {
      en: `Plan "${planId}" already exists (${file}). Choose another id, or delete that folder first.`,
      zh: `计划“${planId}”已存在（${file}）。请换一个编号，或先删除该文件夹。`,
    });
  }
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, source, 'utf8');
  await rename(tmp, file);
  return file;
}
