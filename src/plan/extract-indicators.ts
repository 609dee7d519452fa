import type { Comparator } from './schema.js';

/** A quantified target found in an item's Chinese text, before translation. */
export interface ExtractedIndicator {
  id: string;
  metric: string;
  comparator: Comparator;
  value: number | null;
  unit: string | null;
  deadline: string | null;
  /** The clause of the plan that states the target, verbatim. */
  text: string;
  aspirational: boolean;
  capped: boolean;
}

interface Rule {
  pattern: RegExp;
  build(m: RegExpExecArray, year: number): Omit<ExtractedIndicator, 'id' | 'text' | 'aspirational' | 'capped'> | null;
}

const NUMBER = String.raw`(?<value>\d+(?:\.\d+)?)`;
const UNIT = String.raw`(?<unit>%|％|个|项|家|座|处|条|起|次|吨|万吨|公里|万亩|亩|微克\/立方米)`;

/** Comparator words of the genre and what they mean. */
function comparatorOf(word: string | undefined): Comparator {
  if (!word) return '>=';
  if (/低于|少于/.test(word)) return '<';
  if (/不超过|不高于|控制在|以内|以下/.test(word)) return '<=';
  if (/高于|超过/.test(word)) return '>';
  return '>=';
}

const endOfYear = (year: number) => `${year}-12-31`;

/**
 * Rules over one clause, most specific first. Each yields metric, comparator, value, unit and deadline;
 * an annual plan's targets are due at the end of its year unless the clause names a date.
 */
const RULES: Rule[] = [
  {
    // 2021年底前全面完成…队伍组建 / 2021年6月底前完成…
    pattern: /(?<year>\d{4})年(?:(?<month>\d{1,2})月)?底?前(?:全面|基本)?完成(?<metric>.+)$/,
    build: (m) => {
      const y = Number(m.groups!.year);
      const month = m.groups!.month ? Number(m.groups!.month) : 12;
      const day = new Date(Date.UTC(y, month, 0)).getUTCDate();
      return { metric: m.groups!.metric!, comparator: '=', value: null, unit: null, deadline: `${y}-${String(month).padStart(2, '0')}-${day}` };
    },
  },
  {
    // 放射源辐射事故年发生率低于每万枚1.5起 / 浓度控制在35微克/立方米以内
    pattern: new RegExp(String.raw`^(?<metric>.+?)(?<cmp>低于|少于|不超过|不高于|控制在|高于|超过)(?<per>每[万千百十]?[^\d\s]{0,3}?)?${NUMBER}${UNIT}(?<tail>以内|以下)?$`),
    build: (m, year) => {
      const per = m.groups!.per?.replace(/^每/, '');
      const unit = normalizeUnit(m.groups!.unit!);
      return {
        metric: m.groups!.metric!,
        comparator: comparatorOf(m.groups!.tail ?? m.groups!.cmp),
        value: Number(m.groups!.value),
        unit: per ? `${unit}/${per}` : unit,
        deadline: endOfYear(year),
      };
    },
  },
  {
    // 农村生活污水治理率达到33% / 受污染耕地安全利用率力争实现100%
    pattern: new RegExp(String.raw`^(?<metric>.+?)(?:力争)?(?<cmp>实现|达到|提高到|提升到|保持在|稳定在|不低于)${NUMBER}(?<unit>%|％)(?:以上)?$`),
    build: (m, year) => ({
      metric: m.groups!.metric!,
      comparator: '>=',
      value: Number(m.groups!.value),
      unit: '%',
      deadline: endOfYear(year),
    }),
  },
  {
    // 全省完成800个行政村庄整治任务
    pattern: new RegExp(String.raw`^(?<pre>.*?)完成${NUMBER}${UNIT}(?<metric>.+?)(?:任务|工作)?$`),
    build: (m, year) => ({
      metric: m.groups!.metric!,
      comparator: '>=',
      value: Number(m.groups!.value),
      unit: normalizeUnit(m.groups!.unit!),
      deadline: endOfYear(year),
    }),
  },
  {
    // 实现应急管控清单内企业远程监控全覆盖
    pattern: /^(?<metric>.+?)全覆盖$/,
    build: (m, year) => ({ metric: `${m.groups!.metric!}覆盖率`, comparator: '>=', value: 100, unit: '%', deadline: endOfYear(year) }),
  },
];

/**
 * Finds the quantified targets in an item's Chinese text: percentages to reach, counts to complete,
 * rates to stay below, full coverage, and completion deadlines. Ids run `${itemId}.1`, `${itemId}.2`….
 */
export function extractIndicators(itemId: string, text: string, planYear: number): ExtractedIndicator[] {
  const out: ExtractedIndicator[] = [];
  for (const clause of clauses(text)) {
    for (const rule of RULES) {
      const m = rule.pattern.exec(clause);
      const found = m && rule.build(m, planYear);
      if (!found) continue;
      const metric = cleanMetric(found.metric);
      if (metric.length < 2) continue;
      out.push({
        id: `${itemId}.${out.length + 1}`,
        ...found,
        metric,
        text: clause,
        aspirational: clause.includes('力争'),
        capped: found.unit === '%' && found.value === 100 && found.comparator === '>=',
      });
      break;
    }
  }
  return out;
}

/** The clauses of a text, split at Chinese and Western commas, semicolons and full stops. */
function clauses(text: string): string[] {
  return text
    .split(/[，,；;。]/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** Strips what frames a metric but is not part of it: "…方面", scope words, leading verbs. */
function cleanMetric(metric: string): string {
  return metric
    .replace(/^.{0,12}?方面/, '')
    .replace(/^(全省|全市|全国|各地|各市)/, '')
    .replace(/^(推动|实现|确保|力争|全面|基本)+/, '')
    .replace(/(力争|的)$/, '')
    .trim();
}

function normalizeUnit(unit: string): string {
  return unit === '％' ? '%' : unit;
}
