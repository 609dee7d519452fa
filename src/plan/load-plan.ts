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

/** The files a plan is made of, as read from its folder; `translation` and `units` are null when absent. */
export interface PlanFiles {
  planId: string;
  dir: string;
  document: string;
  translation: string | null;
  units: string | null;
}

/**
 * Loads a plan from its folder: ingests the document, joins the translation file if there is one and
 * validates the result. A bad file throws PlanDataError naming the file, item id and field.
 */
export async function loadPlan(planId: string = DEFAULT_PLAN_ID, plansDir: string = BUNDLED_PLANS_DIR): Promise<Plan> {
  return planFromFiles(await readPlanFiles(planId, plansDir));
}

/** Reads the files of plan `planId` in `plansDir` (a missing document is a user error), without parsing them. */
export async function readPlanFiles(planId: string = DEFAULT_PLAN_ID, plansDir: string = BUNDLED_PLANS_DIR): Promise<PlanFiles> {
  assertPlanId(planId);
  const dir = join(plansDir, planId);
  const documentFile = join(dir, DOCUMENT_FILE);
  if (!existsSync(documentFile)) {
    throw new UserError('plan.not-found', {
      en: `No plan "${planId}" in ${plansDir}. Save one with: plan-bot ingest FILE --save ${planId}`,
      zh: `${plansDir} 中没有计划“${planId}”。可用 plan-bot ingest 文件 --save ${planId} 保存一个。`,
    });
  }
  const optional = (file: string) => (existsSync(file) ? readFile(file, 'utf8') : Promise.resolve(null));
  const [document, translation, units] = await Promise.all([readFile(documentFile, 'utf8'), optional(join(dir, TRANSLATION_FILE)), optional(join(dir, UNITS_FILE))]);
  return { planId, dir, document, translation, units };
}

/** The plan the files make: the same checks and errors as {@link loadPlan}, over files already read. */
export function planFromFiles(files: PlanFiles): Plan {
  const documentFile = join(files.dir, DOCUMENT_FILE);
  const parsed = ingestDocument(files.document);
  if (!parsed.ok) throw new PlanDataError(documentFile, parsed.errors);
  const translationFile = join(files.dir, TRANSLATION_FILE);
  const translation = files.translation === null ? null : parseTranslation(files.translation, translationFile);
  const plan = buildPlan(files.planId, parsed.doc, translation, translationFile);
  const unitsFile = join(files.dir, UNITS_FILE);
  return files.units === null ? plan : withUnits(plan, parseUnits(files.units, unitsFile), unitsFile);
}

/** The plan with its units and roll-up rules; a rule for an indicator the plan does not have is an error. */
function withUnits(plan: Plan, file: UnitsFile, path: string): Plan {
  const indicators = new Set(plan.items.flatMap((i) => i.indicators.map((x) => x.id)));
  const unknown = Object.keys(file.rollup).filter((id) => !indicators.has(id));
  if (unknown.length) throw new PlanDataError(path, unknown.map((id) => ({ field: `rollup.${id}`, message: `no such indicator ${id}` })));
  return { ...plan, units: file.units, rollup: file.rollup };
}

function parseUnits(text: string, file: string): UnitsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PlanDataError(file, [{ message: `not valid JSON (${(err as Error).message}); fix the syntax` }]);
  }
  const result = UnitsFile.safeParse(json);
  if (result.success) return result.data;
  throw new PlanDataError(file, result.error.issues.map((issue) => ({ field: issue.path.join('.') || undefined, message: issue.message })));
}

function parseTranslation(text: string, file: string): Translation {
  let json: unknown;
  try {
    json = JSON.parse(text);
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
