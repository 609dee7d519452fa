import { localDateIn, reasonText } from '../core/attention.js';
import { cleanFreeText } from '../core/free-text.js';
import { STATUS_LABELS, formatNumber, formatTarget, formatValue, t } from '../core/i18n.js';
import { lightWord, type Light } from '../core/lights.js';
import type { Lang } from '../core/reply.js';
import { unitName } from '../core/resolve-unit.js';
import { displayUser } from '../core/user-ids.js';
import type { ItemResult, TargetResult, YearReport } from './year-report-data.js';

/** A table of text cells; `lights` marks cells drawn as a light (md: its mark; docx: a coloured cell). */
export interface TextTable {
  header: string[];
  rows: string[][];
  /** For each row, the light of each cell that shows one (by column), else null. */
  lights?: (Light | null)[][];
}

/** One objective or task in words. */
export interface ItemSection {
  heading: string;
  /** Label and value lines: units, status, light, sign-off. */
  facts: [string, string][];
  /** Its targets, or null when it has none with a number or deadline. */
  targets: TextTable | null;
  /** The lights month by month: one row. */
  months: TextTable;
  /** Heading of the notes, and the notes that explain a miss (none: nothing missed, or nobody wrote one). */
  notesTitle: string;
  notes: string[];
}

/** The whole report in words, in one language, before it is laid out as Markdown or DOCX. */
export interface ReportText {
  lang: Lang;
  title: string;
  subtitle: string;
  summaryTitle: string;
  counts: TextTable;
  overview: TextTable;
  itemsTitle: string;
  items: ItemSection[];
}

/** The month names of the light rows. */
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A light as a cell: its word ("红灯" / "red"), or "—" for a month not reached. */
export function lightCell(light: Light | null, lang: Lang): string {
  return light ? lightWord(light, lang) : '—';
}

/** Characters of the plan's words quoted for an item without targets. */
const PLAN_TEXT_CHARS = 160;

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max).trimEnd()}…` : text;
}

/** Free text as one line of a table or list: cleaned, whitespace folded. */
function oneLine(text: string): string {
  return cleanFreeText(text).replace(/\s+/g, ' ').trim();
}

function achievedText(r: TargetResult, lang: Lang): string {
  if (!r.achieved) return t(lang, 'not reported', '未报送');
  const { value, target } = r.achieved;
  return target && target !== r.indicator.value ? `${formatNumber(value)}/${formatValue(target, r.indicator, lang)}` : formatValue(value, r.indicator, lang);
}

function metText(met: boolean | null, lang: Lang): string {
  return met === null ? '—' : met ? t(lang, 'yes', '是') : t(lang, 'no', '否');
}

function section(r: ItemResult, report: YearReport, lang: Lang): ItemSection {
  const names = (ids: string[]) => (ids.length ? ids.map((id) => unitName(report.units, id, lang)).join(t(lang, ', ', '、')) : t(lang, 'none', '未指定'));
  const date = localDateIn(report.timeZone);
  const reasons = r.reasons.map((x) => reasonText(x, lang, date)).join(t(lang, '; ', '；'));
  const signed = r.signedOff
    ? t(lang, `yes (${date(r.signedOff.at)}, by ${displayUser(r.signedOff.by)})`, `已销号（${date(r.signedOff.at)}，${displayUser(r.signedOff.by)}）`)
    : t(lang, 'no', '未销号');
  return {
    heading: `${r.item.id} ${r.item.title[lang]}`,
    facts: [
      [t(lang, 'Lead unit', '牵头单位'), names(r.lead ? [r.lead] : [])],
      [t(lang, 'Responsible units', '责任单位'), names(r.responsible)],
      [t(lang, 'Status', '状态'), STATUS_LABELS[r.status][lang]],
      [t(lang, 'Light', '红黄绿灯'), `${lightWord(r.light, lang)}${reasons ? t(lang, `: ${reasons}`, `：${reasons}`) : ''}`],
      [t(lang, 'Signed off', '销号'), signed],
      // An item without a target of its own is judged against what the plan asks of it.
      ...(r.targets.length ? [] : [[t(lang, 'What the plan asks', '计划要求'), shorten(oneLine(r.item.text[lang]), PLAN_TEXT_CHARS)] as [string, string]]),
    ],
    targets: r.targets.length
      ? {
          header: [t(lang, 'Target', '指标'), t(lang, 'Goal', '目标值'), t(lang, 'Achieved', '完成值'), t(lang, 'Reported on', '报送日期'), t(lang, 'Met', '是否达标')],
          rows: r.targets.map((x) => [`${x.indicator.id} ${x.indicator.metric[lang]}`, formatTarget(x.indicator, lang), achievedText(x, lang), x.reportedOn ?? '—', metText(x.met, lang)]),
        }
      : null,
    months: {
      header: Array.from({ length: 12 }, (_, m) => t(lang, MONTHS_EN[m]!, `${m + 1}月`)),
      rows: [r.monthly.map((l) => lightCell(l, lang))],
      lights: [r.monthly],
    },
    notesTitle: t(lang, 'Notes on what fell short', '未达标情况说明'),
    notes: r.notes.map((n) => {
      const who = `${displayUser(n.user)}${n.unit ? t(lang, ` (${unitName(report.units, n.unit, 'en')})`, `（${unitName(report.units, n.unit, 'zh')}）`) : ''}`;
      return t(lang, `${n.date} ${who}: “${oneLine(n.text)}”`, `${n.date} ${who}：“${oneLine(n.text)}”`);
    }),
  };
}

/** The year-end report in words, in `lang`: the same words in the Markdown and the DOCX. */
export function reportText(report: YearReport, lang: Lang): ReportText {
  const { plan, summary: s } = report;
  const met = (r: ItemResult) => {
    const counted = r.targets.filter((x) => x.met !== null);
    return counted.length ? `${counted.filter((x) => x.met).length}/${r.targets.length}` : '—';
  };
  return {
    lang,
    title: t(lang, `${plan.title.en}: year-end report ${report.year}`, `${plan.title.zh}：${report.year}年度目标完成情况报告`),
    subtitle: report.complete
      ? t(lang, `The whole year, judged at its end (${report.asOfDate}).`, `全年情况，按年末（${report.asOfDate}）判定。`)
      : t(lang, `The year is not over: judged as of ${report.asOfDate}; months to come show —.`, `年度尚未结束：按截至${report.asOfDate}的情况判定；未到的月份显示为 —。`),
    summaryTitle: t(lang, 'Summary', '汇总'),
    counts: {
      header: [t(lang, 'Measure', '项目'), t(lang, 'Count', '数量')],
      rows: [
        [t(lang, 'Objectives and tasks', '目标和任务'), String(s.items)],
        [lightWord('green', lang), String(s.lights.green)],
        [lightWord('yellow', lang), String(s.lights.yellow)],
        [lightWord('red', lang), String(s.lights.red)],
        [t(lang, 'Reported done', '已完成'), String(s.done)],
        [t(lang, 'Signed off', '已销号'), String(s.signedOff)],
        [t(lang, 'Targets met / targets', '指标达标数 / 指标数'), `${s.targetsMet}/${s.targets}`],
        [t(lang, 'Targets with a reported value', '已报送数值的指标'), `${s.targetsReported}/${s.targets}`],
      ],
    },
    overview: {
      header: [t(lang, 'Item', '编号'), t(lang, 'Title', '名称'), t(lang, 'Light', '红黄绿灯'), t(lang, 'Status', '状态'), t(lang, 'Signed off', '销号'), t(lang, 'Targets met', '指标达标')],
      rows: report.items.map((r) => [r.item.id, r.item.title[lang], lightWord(r.light, lang), STATUS_LABELS[r.status][lang], r.signedOff ? t(lang, 'yes', '是') : t(lang, 'no', '否'), met(r)]),
      lights: report.items.map((r) => [null, null, r.light, null, null, null]),
    },
    itemsTitle: t(lang, 'Objectives and tasks', '目标和任务'),
    items: report.items.map((r) => section(r, report, lang)),
  };
}
