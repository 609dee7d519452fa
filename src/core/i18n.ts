import { toChineseNumeral } from '../plan/chinese-numerals.js';
import type { Indicator, PlanItem } from '../plan/schema.js';
import type { Status } from '../store/events.js';
import type { Lang } from './reply.js';

/** Picks the text of the reply's language. */
export function t(lang: Lang, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
}

export const STATUS_LABELS: Record<Status, { en: string; zh: string }> = {
  'not-started': { en: 'not started', zh: '未开始' },
  'on-track': { en: 'on track', zh: '正常推进' },
  'at-risk': { en: 'at risk', zh: '有风险' },
  'off-track': { en: 'off track', zh: '滞后' },
  done: { en: 'done', zh: '已完成' },
};

/** "Objective 3" / "目标三", "Task 9" / "任务九", "Group 3" / "任务组三". */
export function itemLabel(item: Pick<PlanItem, 'id' | 'kind'>, lang: Lang): string {
  const n = Number(item.id.slice(1));
  const en = { objective: 'Objective', group: 'Group', task: 'Task' }[item.kind];
  const zh = { objective: '目标', group: '任务组', task: '任务' }[item.kind];
  return t(lang, `${en} ${n}`, `${zh}${toChineseNumeral(n)}`);
}

/** "O3 Soil and groundwater targets" in the reply's language. */
export function itemName(item: PlanItem, lang: Lang): string {
  return `${item.id} ${item.title[lang]}`;
}

/** A value with its unit as a reader sees it: "33%", "800 villages", "800个行政村". */
export function formatValue(value: number, ind: Pick<Indicator, 'unit' | 'unitLabel'>, lang: Lang): string {
  const n = formatNumber(value);
  if (ind.unit === '%') return `${n}%`;
  const label = ind.unitLabel?.[lang] ?? ind.unit ?? '';
  return lang === 'zh' ? `${n}${label}` : label ? `${n} ${value === 1 ? singular(label) : label}` : n;
}

/** "analyses" → "analysis", "villages" → "village", "accidents per …" → "accident per …": the first word of an English label, for one. */
function singular(label: string): string {
  return label.replace(/^[a-z]+/i, (w) => (/yses$/i.test(w) ? w.replace(/yses$/i, 'ysis') : /[^s]s$/i.test(w) ? w.slice(0, -1) : w));
}

/** The words of each comparator of a target, English and Chinese. */
const TARGET_WORDS: Record<Indicator['comparator'], [string, string]> = {
  '>=': ['at least', '达到'],
  '<=': ['at most', '不超过'],
  '<': ['below', '低于'],
  '>': ['above', '高于'],
  '=': ['exactly', '为'],
};

/** The target of an indicator in words: "at least 33% by 2021-12-31", "到2021-12-31达到33%". */
export function formatTarget(ind: Indicator, lang: Lang): string {
  const by = ind.deadline ? (lang === 'zh' ? `（${formatDeadline(ind.deadline, 'zh')}前）` : ` by ${formatDeadline(ind.deadline, 'en')}`) : '';
  const strive = ind.aspirational ? t(lang, ' (strive for)', '（力争）') : '';
  if (ind.value === null) return t(lang, `to be completed${by}`, `完成${by}`);
  const [en, zh] = TARGET_WORDS[ind.comparator];
  const v = formatValue(ind.value, ind, lang);
  return t(lang, `${en} ${v}${by}${strive}`, `${zh}${v}${by}${strive}`);
}

/**
 * The number a target question asks for, as the first words of an answer: "33%" for a level to
 * reach, "below 1.5 accidents per 10,000 sources a year" / "低于1.5起/万枚·年" for a ceiling.
 */
export function formatTargetValue(ind: Indicator, lang: Lang): string {
  if (ind.value === null) return formatTarget(ind, lang);
  const v = formatValue(ind.value, ind, lang);
  const words: Partial<Record<Indicator['comparator'], [string, string]>> = { '<=': ['at most', '不超过'], '<': ['below', '低于'], '>': ['above', '高于'] };
  const word = words[ind.comparator];
  return word ? t(lang, `${word[0]} ${v}`, `${word[1]}${v}`) : v;
}

/** Numbers without float noise: 52.5, 1.5, 800. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Deadlines already written, by date: a plan has a few dozen (this bounds memory anyway). */
const deadlines = new Map<string, { en: string; zh: string }>();
const DEADLINES_LIMIT = 10_000;

/** A deadline as people say it: "the end of 2021" / "2021年底", "30 June 2022" / "2022年6月30日". */
export function formatDeadline(date: string, lang: Lang): string {
  let words = deadlines.get(date);
  if (!words) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    words = m === 12 && d === 31 ? { en: `the end of ${y}`, zh: `${y}年底` } : { en: `${d} ${MONTHS[m - 1]} ${y}`, zh: `${y}年${m}月${d}日` };
    if (deadlines.size >= DEADLINES_LIMIT) deadlines.clear();
    deadlines.set(date, words);
  }
  return lang === 'zh' ? words.zh : words.en;
}
