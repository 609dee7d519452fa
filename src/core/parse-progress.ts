import type { Indicator, Plan, PlanItem } from '../plan/schema.js';
import type { ProgressEntry } from '../store/events.js';
import { formatNumber } from './i18n.js';
import { parseNumeral } from '../plan/chinese-numerals.js';

/** A problem with a command's words: a stable code, what to say in both languages, and choices where there are some. */
export interface Problem {
  code: string;
  en: string;
  zh: string;
  /** What the user could have meant (item ids, `T9.1=420` forms). */
  choices?: string[];
}

/** A progress value as written, before it is tied to one of the item's indicators. */
export type RawProgress =
  /** `T9.1=420`, `T9.2=52%`, `T9.1=420/800`, also with a space as the milestone command writes it (`T9.2 52%`) */
  | { kind: 'named'; indicatorId: string; value: number; target: number | null; percent: boolean; text: string }
  /** `420/800`, `420/800 villages` */
  | { kind: 'ratio'; value: number; target: number; text: string }
  /** `52%` */
  | { kind: 'percent'; value: number; text: string }
  /** `420`, `420个`, `420 villages` */
  | { kind: 'number'; value: number; unit: string | null; text: string };

/** The words people write after a number for an indicator's unit ("个", "villages", "%"), lower case. */
export function unitWords(ind: Pick<Indicator, 'unit' | 'unitLabel'>): string[] {
  const words = new Set<string>();
  const add = (w: string | null | undefined) => {
    const x = w?.trim().toLowerCase();
    if (x) words.add(x);
  };
  add(ind.unit);
  if (ind.unit === '%') ['percent', 'pct', '％'].forEach(add);
  if (ind.unitLabel) {
    const en = ind.unitLabel.en.toLowerCase();
    add(en);
    add(en.split(/[\s(]/)[0]);
    if (en.endsWith('s')) add(en.slice(0, -1));
    add(ind.unitLabel.zh);
  }
  return [...words];
}

const NUM = String.raw`(-?\d+(?:\.\d+)?)`;
const NAMED = new RegExp(String.raw`^([OGT])\s?(\d{1,3})\.(\d{1,2})(?:\s*[=:]\s*|\s*(?:为|是|达到|完成)\s*|\s+(?=-?\d))${NUM}(?:\s*\/\s*${NUM})?\s*(%|percent(?![a-z]))?`, 'i');
const RATIO = new RegExp(String.raw`^${NUM}\s*\/\s*${NUM}`);
const PERCENT = new RegExp(String.raw`^${NUM}\s*(?:%|percent(?![a-z])|pct(?![a-z]))`, 'i');
const NUMBER = new RegExp(String.raw`^${NUM}(?![\d/.])`);
/** `百分之六十`, `百分之60`, `百分之一百`: a percentage as Chinese writes it out. */
const ZH_PERCENT = /^百分之(\d+(?:\.\d+)?|一百|[零〇一二两三四五六七八九十]{1,3})/;
const CJK = /[\u3400-\u9fff]/;

/**
 * The one reader of a written progress value at the start of a text (already folded to half-width):
 * `T9.1=420` (or `T9.1 420`, `T9.1：420`, `T9.1为420`), `T9.2=52%`, `420/800`, `420/800 villages`, `52%`, `70％`, `420`, `420个`, `420个村`,
 * `420 villages`, `百分之六十` (60%), with how many characters it takes. `units` are the plan's unit words
 * ({@link planUnitWords}). Null when the text does not open with a value, or when a number runs on
 * into letters ("2nd", "3x"), which makes it words, not a value. Pure.
 */
export function readProgressValue(rest: string, units: readonly string[]): { raw: RawProgress; length: number } | null {
  let m: RegExpExecArray | null;
  if ((m = NAMED.exec(rest))) {
    const indicatorId = `${m[1]!.toUpperCase()}${Number(m[2])}.${Number(m[3])}`;
    return { raw: { kind: 'named', indicatorId, value: Number(m[4]), target: m[5] === undefined ? null : Number(m[5]), percent: Boolean(m[6]), text: m[0].trim() }, length: m[0].length };
  }
  if ((m = RATIO.exec(rest))) {
    const unit = readUnit(rest.slice(m[0].length), units);
    return { raw: { kind: 'ratio', value: Number(m[1]), target: Number(m[2]), text: m[0] }, length: m[0].length + unit.length };
  }
  if ((m = PERCENT.exec(rest))) return { raw: { kind: 'percent', value: Number(m[1]), text: `${m[1]}%` }, length: m[0].length };
  if ((m = ZH_PERCENT.exec(rest))) {
    const value = /^\d/.test(m[1]!) ? Number(m[1]) : m[1] === '一百' ? 100 : parseNumeral(m[1]!);
    if (value !== null) return { raw: { kind: 'percent', value, text: `${value}%` }, length: m[0].length };
  }
  if ((m = NUMBER.exec(rest))) {
    const unit = readUnit(rest.slice(m[0].length), units);
    const after = rest.slice(m[0].length + unit.length);
    if (!unit.word && /^[a-z]/i.test(after)) return null;
    const text = `${m[1]}${unit.word ? (CJK.test(unit.word) ? unit.word : ` ${unit.word}`) : ''}`;
    return { raw: { kind: 'number', value: Number(m[1]), unit: unit.word, text }, length: m[0].length + unit.length };
  }
  return null;
}

/**
 * A unit word right after a number ("个", " villages"), with the length it takes up. Chinese words of
 * a longer unit of the plan that follow it belong to it too: in `420个村`, 村 is of 个行政村.
 */
function readUnit(after: string, units: readonly string[]): { word: string | null; length: number } {
  const space = /^\s*/.exec(after)![0].length;
  const s = after.slice(space).toLowerCase();
  for (const u of units) {
    if (!s.startsWith(u)) continue;
    if (/[a-z]$/.test(u) && /^[a-z]/.test(s.slice(u.length))) continue;
    let length = space + u.length;
    if (CJK.test(u)) {
      const longer = units.filter((w) => w.length > u.length && w.startsWith(u)).join('');
      while (length < after.length && CJK.test(after.charAt(length)) && longer.includes(after.charAt(length))) length++;
    }
    return { word: u, length };
  }
  return { word: null, length: 0 };
}

const unitWordsByPlan = new WeakMap<Plan, string[]>();

/** Every unit word of a plan, longest first, for reading "420 villages" before the item is known (computed once per plan). */
export function planUnitWords(plan: Plan): string[] {
  let words = unitWordsByPlan.get(plan);
  if (!words) {
    words = [...new Set(plan.items.flatMap((i) => i.indicators.flatMap(unitWords)))].sort((a, b) => b.length - a.length);
    unitWordsByPlan.set(plan, words);
  }
  return words;
}

const n = formatNumber;

/**
 * Ties a written progress value to one of the item's indicators (or to the item as a whole when it has
 * none) and checks it: a share above 100% and a value past a target that cannot be exceeded are
 * refused; a value that fits several indicators lists the `T9.1=…` choices. Pure.
 */
export function resolveProgress(raw: RawProgress, item: PlanItem): { ok: true; entry: ProgressEntry } | { ok: false; problem: Problem } {
  const found = pickIndicator(raw, item);
  if ('problem' in found) return { ok: false, problem: found.problem };
  const problem = checkLimits(found.entry, found.indicator, raw);
  return problem ? { ok: false, problem } : { ok: true, entry: found.entry };
}

type Picked = { entry: ProgressEntry; indicator: Indicator | null } | { problem: Problem };

function pickIndicator(raw: RawProgress, item: PlanItem): Picked {
  const inds = item.indicators;
  const numeric = inds.filter((i) => i.value !== null);
  switch (raw.kind) {
    case 'named': {
      const ind = inds.find((i) => i.id === raw.indicatorId);
      if (!ind) return { problem: unknownIndicator(raw.indicatorId, item) };
      if (raw.percent && ind.unit !== '%') {
        if (ind.value === null) return { problem: unknownIndicator(raw.indicatorId, item) };
        return { indicator: ind, entry: { indicatorId: ind.id, value: Math.round(raw.value * ind.value) / 100, target: null, unit: ind.unit } };
      }
      return { indicator: ind, entry: { indicatorId: ind.id, value: raw.value, target: raw.target, unit: raw.percent ? '%' : ind.unit } };
    }
    case 'ratio': {
      const byTarget = numeric.filter((i) => i.value === raw.target);
      const ind = byTarget.length === 1 ? byTarget[0]! : byTarget.length === 0 && inds.length === 1 ? inds[0]! : null;
      if (ind) return { indicator: ind, entry: { indicatorId: ind.id, value: raw.value, target: raw.target, unit: ind.unit } };
      if (inds.length === 0) return { indicator: null, entry: { indicatorId: null, value: raw.value, target: raw.target, unit: null } };
      return { problem: ambiguous(raw, byTarget.length ? byTarget : inds, `${n(raw.value)}/${n(raw.target)}`) };
    }
    case 'percent': {
      // A bare share names an indicator only when the item has no other: with several, "52%" could be
      // a share indicator or the share done of another's target (T9.1=52%), so the reporter says which.
      const shares = inds.filter((i) => i.unit === '%');
      if (raw.value > 100) return { indicator: null, entry: { indicatorId: null, value: raw.value, target: null, unit: '%' } };
      if (inds.length === 1 && shares.length === 1) return { indicator: shares[0]!, entry: { indicatorId: shares[0]!.id, value: raw.value, target: null, unit: '%' } };
      if (inds.length > 1) return { problem: ambiguous(raw, inds.filter((i) => i.unit === '%' || i.value !== null), `${n(raw.value)}%`) };
      return { indicator: null, entry: { indicatorId: null, value: raw.value, target: null, unit: '%' } };
    }
    case 'number': {
      if (raw.unit && ['%', 'percent', 'pct', '％'].includes(raw.unit)) return pickIndicator({ kind: 'percent', value: raw.value, text: raw.text }, item);
      if (inds.length === 0) return { indicator: null, entry: { indicatorId: null, value: raw.value, target: null, unit: raw.unit } };
      let candidates = raw.unit ? numeric.filter((i) => unitWords(i).includes(raw.unit!)) : numeric;
      if (!raw.unit && candidates.length > 1) candidates = candidates.filter((i) => fits(raw.value, i));
      if (candidates.length === 1) return { indicator: candidates[0]!, entry: { indicatorId: candidates[0]!.id, value: raw.value, target: null, unit: candidates[0]!.unit } };
      if (candidates.length > 1) return { problem: ambiguous(raw, candidates, n(raw.value)) };
      return { problem: noMatch(raw, item) };
    }
  }
}

/** Whether a bare value can be a reading of an indicator: a share is at most 100. */
function fits(value: number, ind: Indicator): boolean {
  if (ind.unit === '%') return value <= 100;
  if (ind.capped && ind.value !== null) return value <= ind.value;
  return true;
}

function checkLimits(entry: ProgressEntry, ind: Indicator | null, raw: RawProgress): Problem | null {
  const where = ind ? ind.id : '';
  if (entry.unit === '%' && entry.value > 100) {
    return {
      code: 'progress.over-100',
      en: `${raw.text}${where ? ` for ${where}` : ''} is a share above 100%, which cannot be; check the number.`,
      zh: `${raw.text}${where ? `（${where}）` : ''}是超过100%的比例，不可能成立；请核对数值。`,
    };
  }
  const limit = entry.target ?? ind?.value ?? null;
  const capped = ind ? ind.capped : entry.target !== null;
  if (capped && limit !== null && entry.value > limit) {
    return {
      code: 'progress.over-cap',
      en: `${raw.text} goes past ${where ? `the target of ${where} (${n(limit)}${ind?.unit === '%' ? '%' : ''})` : `its total (${n(limit)})`}, which cannot be exceeded; check the number.`,
      zh: `${raw.text}超过了${where ? `${where}的目标（${n(limit)}${ind?.unit === '%' ? '%' : ''}）` : `总数（${n(limit)}）`}，该目标不可能被超过；请核对数值。`,
    };
  }
  return null;
}

function describeIndicator(ind: Indicator, lang: 'en' | 'zh'): string {
  const unit = ind.unit === '%' ? '%' : (ind.unitLabel?.[lang] ?? ind.unit ?? '');
  return `${ind.id} ${ind.metric[lang]}${unit ? lang === 'zh' ? `（${unit}）` : ` (${unit})` : ''}`;
}

function ambiguous(raw: RawProgress, inds: Indicator[], shown: string): Problem {
  const value = raw.kind === 'ratio' ? `${n(raw.value)}/${n(raw.target)}` : raw.kind === 'percent' ? `${n(raw.value)}%` : n(raw.value);
  const choices = inds.map((i) => `${i.id}=${value}`);
  return {
    code: 'progress.ambiguous',
    en: `${shown} could be ${inds.map((i) => describeIndicator(i, 'en')).join(' or ')}; say which: ${choices.join(' or ')}.`,
    zh: `${shown}可以指${inds.map((i) => describeIndicator(i, 'zh')).join('或')}；请写明：${choices.join(' 或 ')}。`,
    choices,
  };
}

function unknownIndicator(id: string, item: PlanItem): Problem {
  const list = item.indicators.map((i) => i.id);
  return {
    code: 'progress.unknown-indicator',
    en: list.length ? `${item.id} has no indicator ${id}; its indicators are ${item.indicators.map((i) => describeIndicator(i, 'en')).join('; ')}.` : `${item.id} has no indicators; give its progress as a share (52%) or as done/total (3/10).`,
    zh: list.length ? `${item.id} 没有指标 ${id}；其指标为 ${item.indicators.map((i) => describeIndicator(i, 'zh')).join('；')}。` : `${item.id} 没有量化指标；请以比例（52%）或完成数/总数（3/10）报告进度。`,
    choices: list,
  };
}

function noMatch(raw: Extract<RawProgress, { kind: 'number' }>, item: PlanItem): Problem {
  return {
    code: 'progress.no-indicator',
    en: `${raw.text} does not match any indicator of ${item.id}: ${item.indicators.map((i) => describeIndicator(i, 'en')).join('; ')}. Name one, e.g. ${item.indicators[0]!.id}=${n(raw.value)}.`,
    zh: `${raw.text}与 ${item.id} 的指标都不对应：${item.indicators.map((i) => describeIndicator(i, 'zh')).join('；')}。请写明指标，例如 ${item.indicators[0]!.id}=${n(raw.value)}。`,
    choices: item.indicators.map((i) => `${i.id}=${n(raw.value)}`),
  };
}
