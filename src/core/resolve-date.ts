import { parseNumeral } from '../plan/chinese-numerals.js';
import { nfkc } from '../search/normalize.js';

/**
 * The one resolver of calendar dates people type: `2021-06-30`, `2021/6/30`, `2021.6.30`,
 * `2021年6月30日`, `6月30日`, `6月30号`, `6/30`, `June 30`, `30 June`, month ends (`6月底`, `end of June`),
 * quarter ends (`Q2`, `二季度末`) and the year's end (`年底`, `年末`, `year end`). A date without a year
 * is in `year` (the plan year). Pure; every command and recogniser that reads a date uses it.
 */
export type DateResult = { ok: true; date: string } | { ok: false; code: 'date.unreadable' | 'date.invalid'; en: string; zh: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const NUM = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';

const FORMS: { re: RegExp; read: (m: RegExpExecArray, year: number) => [number, number, number | 'end'] }[] = [
  { re: /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, read: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  { re: new RegExp(`^(?:(\\d{4})年)?${NUM}月${NUM}[日号號]?$`), read: (m, y) => [m[1] ? +m[1] : y, num(m[2]!), num(m[3]!)] },
  { re: new RegExp(`^(?:(\\d{4})年)?${NUM}月(?:底|末|末尾)$`), read: (m, y) => [m[1] ? +m[1] : y, num(m[2]!), 'end'] },
  { re: /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?$/, read: (m, y) => [m[3] ? +m[3] : y, +m[1]!, +m[2]!] },
  { re: new RegExp(`^${MONTH_NAME}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?$`), read: (m, y) => [m[3] ? +m[3] : y, month(m[1]!), +m[2]!] },
  { re: new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME}\\.?(?:,?\\s+(\\d{4}))?$`), read: (m, y) => [m[3] ? +m[3] : y, month(m[2]!), +m[1]!] },
  { re: new RegExp(`^(?:the\\s+)?end\\s+of\\s+${MONTH_NAME}(?:\\s+(\\d{4}))?$`), read: (m, y) => [m[2] ? +m[2] : y, month(m[1]!), 'end'] },
  { re: /^(?:(?:the\s+)?end\s+of\s+)?q([1-4])(?:\s+(\d{4}))?$/, read: (m, y) => [m[2] ? +m[2] : y, +m[1]! * 3, 'end'] },
  { re: /^(?:(\d{4})年)?第?([一二三四1-4])季度?(?:末|底)?$/, read: (m, y) => [m[1] ? +m[1] : y, num(m[2]!) * 3, 'end'] },
  { re: /^(?:(\d{4})\s*)?(?:年底|年末|年终|全年)$|^(?:the\s+)?(?:year[\s-]?end|end\s+of\s+(?:the\s+)?year)(?:\s+(\d{4}))?$/, read: (m, y) => [m[1] ? +m[1] : m[2] ? +m[2] : y, 12, 31] },
];

function num(s: string): number {
  return /^\d+$/.test(s) ? +s : parseNumeral(s) ?? NaN;
}

function month(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Reads a date; a date without a year is in `year`. */
export function resolveDate(text: string, year: number): DateResult {
  const s = nfkc(text).trim().toLowerCase().replace(/\s+/g, ' ');
  for (const form of FORMS) {
    const m = form.re.exec(s);
    if (!m) continue;
    const [y, mo, d] = form.read(m, year);
    const last = mo >= 1 && mo <= 12 ? new Date(Date.UTC(y, mo, 0)).getUTCDate() : 0;
    const day = d === 'end' ? last : d;
    if (!Number.isInteger(y) || !Number.isInteger(day) || mo < 1 || mo > 12 || day < 1 || day > last) {
      return { ok: false, code: 'date.invalid', en: `“${text}” is not a date on the calendar. Write it as 2021-06-30.`, zh: `“${text}”不是有效日期，请写成 2021-06-30 的形式。` };
    }
    return { ok: true, date: `${y}-${pad(mo)}-${pad(day)}` };
  }
  return {
    ok: false,
    code: 'date.unreadable',
    en: `I could not read “${text}” as a date. Write it as 2021-06-30, 6/30, 6月30日 or “year end”.`,
    zh: `无法把“${text}”识别为日期。请写成 2021-06-30、6/30、6月30日或“年底”。`,
  };
}
