const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/**
 * Parses a Chinese numeral from 零 to 九十九 (一, 十, 十六, 二十四, 四十) or a run of digits
 * (ASCII or full-width). Returns null when the text is not such a number.
 */
export function parseNumeral(text: string): number | null {
  const s = toHalfWidthDigits(text.trim());
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '零' || s === '〇') return 0;
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const [, tens, ten, units] = m;
  if (!ten) return tens && !units ? DIGITS[tens]! : null;
  return (tens ? DIGITS[tens]! : 1) * 10 + (units ? DIGITS[units]! : 0);
}

/** Turns full-width digits (０–９) into ASCII digits. */
export function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const NAMES = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Writes 1–99 as a Chinese numeral (9 → 九, 24 → 二十四, 40 → 四十); other numbers as digits. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return NAMES[n]!;
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : NAMES[tens]}十${units ? NAMES[units] : ''}`;
}
