import { parseNumeral } from '../plan/chinese-numerals.js';

/**
 * Reads a Chinese numeral from 零 to 九十九 (九, 十, 二十四, 四十) or a run of digits, full-width or not.
 * Returns null for anything else. The plan ingester's reader, re-exported so search and ingestion
 * agree on what a number is.
 */
export function parseChineseNumeral(text: string): number | null {
  return parseNumeral(text);
}
