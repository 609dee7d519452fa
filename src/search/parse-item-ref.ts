import type { ItemKind } from '../plan/schema.js';
import { parseChineseNumeral } from './chinese-numeral.js';
import { ENGLISH_CARDINAL_PATTERN, ENGLISH_ORDINAL_PATTERN, parseEnglishNumber } from './english-number.js';
import { foldTraditional } from './fold-traditional.js';
import { foldText, needsUnicodeFolding, normalizeText } from './normalize.js';
import { editDistance } from './typo-corrector.js';

/** An explicit reference to one plan item by kind and number ("task 9", "第九项任务", "O4"). */
export interface ItemRef {
  kind: ItemKind;
  number: number;
}

/** A reference found in a text, with where it stands in the normalised text and how it was written. */
export interface FoundItemRef extends ItemRef {
  /** True when written with a word ("task 9", "目标三"); false for a bare code ("T9", "o3") that could be something else (ozone is O3). */
  keyword: boolean;
  /** The normalised text the reference was found in, and the reference's span in it. */
  text: string;
  start: number;
  end: number;
}

interface RefPattern {
  kind: ItemKind;
  keyword: boolean;
  regex: RegExp;
  read: (numeral: string) => number | null;
}

const EN_NUM = `${ENGLISH_CARDINAL_PATTERN}|${ENGLISH_ORDINAL_PATTERN}`;
const EN_ORD = ENGLISH_ORDINAL_PATTERN;
const NO = '(?:no |number |nr )?';
const BEFORE = '(?<![a-z0-9.])';
const AFTER = '(?![a-z0-9.])';
const ZH_NUM = '([零〇一二两三四五六七八九十]{1,3}|\\d{1,3})(?![\\d.])';

const readEnglish = (n: string): number | null => parseEnglishNumber(n) ?? parseEnglishNumber(n, true);
const en = (kind: ItemKind, source: string, keyword = true): RefPattern => ({
  kind,
  keyword,
  regex: new RegExp(`${BEFORE}${source}${AFTER}`, 'g'),
  read: readEnglish,
});
const zh = (kind: ItemKind, source: string): RefPattern => ({
  kind,
  keyword: true,
  regex: new RegExp(source, 'g'),
  read: parseChineseNumeral,
});

// Order matters only between patterns matching at the same place: "task group 3" before "task 3".
const PATTERNS: readonly RefPattern[] = [
  en('group', `(?:task group|group|section)s? ${NO}(${EN_NUM})`),
  en('task', `tasks? ${NO}(${EN_NUM})`),
  en('objective', `(?:objective|goal)s? ${NO}(${EN_NUM})`),
  en('group', `(${EN_ORD}) (?:task group|group|section)`),
  en('task', `(${EN_ORD}) task`),
  en('objective', `(${EN_ORD}) (?:objective|goal)`),
  zh('objective', `第${ZH_NUM}(?:个|项|条)?(?:主要)?目标`),
  zh('group', `第${ZH_NUM}(?:个)?组`),
  zh('task', `第${ZH_NUM}(?:个|项|条)?(?:重点)?(?:工作)?任务`),
  zh('task', `第${ZH_NUM}(?:项|条)`),
  zh('objective', `(?:主要)?目标(?:第)?${ZH_NUM}`),
  zh('group', `任务组(?:第)?${ZH_NUM}`),
  zh('task', `任务(?:第)?${ZH_NUM}`),
  en('objective', `o ?(\\d{1,2})`, false),
  en('group', `g ?(\\d{1,2})`, false),
  en('task', `t ?(\\d{1,2})`, false),
];

/**
 * Finds the first explicit item reference in a text, preferring references written with a word
 * ("task 9", "目标三") over bare codes ("T9"). Returns null when there is none.
 */
export function findItemRef(text: string): FoundItemRef | null {
  return mayNameAnItem(text) ? readItemRef(text) : null;
}

/** {@link findItemRef} of a text its caller already knows {@link mayNameAnItem}: the full reading, without asking again. */
export function readItemRef(text: string): FoundItemRef | null {
  return findItemRefIn(refText(text));
}

/**
 * Every reference has a number: a digit (`T9`, `task 9`), an English number or ordinal word standing
 * as a word (`task nine`, `ninth task`), or a Chinese numeral after 第, 目标, 任务 or 任务组 (separators
 * between them are dropped by the reading, Traditional forms fold to these).
 */
const EN_NUMBER_WORD = new RegExp(`(?<![a-z0-9])(?:${ENGLISH_CARDINAL_PATTERN}|${ENGLISH_ORDINAL_PATTERN})`, 'i');
const ZH_NUMBERED = /[第标標务務组組][^a-z0-9\u3400-\u9fff]*[零〇一二两兩三四五六七八九十0-9]/i;

/**
 * Whether a text may name an item at all, read without normalising it: false only when the text has
 * none of the numbers every reference needs ({@link refText} adds none), so no part of it (that does not
 * start inside an English word) names one either. A cheap test that spares most questions the full
 * reading; text that needs Unicode folding is always read in full.
 */
export function mayNameAnItem(text: string): boolean {
  return needsUnicodeFolding(text) || hasReferenceNumber(foldText(text));
}

/** {@link mayNameAnItem} of a text that needs no Unicode folding, as {@link foldText} folded it. */
function hasReferenceNumber(folded: string): boolean {
  return /\d/.test(folded) || ZH_NUMBERED.test(folded) || EN_NUMBER_WORD.test(folded);
}

/** The text as every reference pattern reads it: Traditional folded, normalised, keywords mended. */
function refText(text: string): string {
  return mendReferenceWords(normalizeText(foldTraditional(text)));
}

const KEYWORDS = ['task', 'tasks', 'objective', 'objectives', 'goal', 'goals', 'group', 'groups', 'section'];
const KEYWORD_INITIALS = [...new Set(KEYWORDS.map((k) => k[0]!))].join('');

/** The keyword a word is one letter off (two for a long keyword), with the same first letter: what {@link mendReferenceWords} mends it to. */
function nearKeyword(word: string): string | undefined {
  return KEYWORDS.find((k) => k[0] === word[0] && editDistance(word, k) <= (k.length >= 8 ? 2 : 1));
}

/**
 * The characters the reading of a reference can start with: a keyword's (task, objective, goal, group,
 * section) or a code's letter, an English number's first letter (twenty-first, ninth …), a digit, and
 * 第, 任 (任务), 目 (目标) or 主 (主要目标).
 */
const OPENERS: ReadonlySet<string> = new Set([
  ...'0123456789第任目主',
  ...KEYWORD_INITIALS,
  ...(`${ENGLISH_CARDINAL_PATTERN}|${ENGLISH_ORDINAL_PATTERN}`.match(/[a-z]{3,}/g) ?? []).map((w) => w[0]!),
]);
const FIRST_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** What the first word of a reference starts with: a keyword, or an English number (ordinals before a keyword). */
const REF_WORD_START = new RegExp(`^(?:task|group|section|objective|goal|${ENGLISH_CARDINAL_PATTERN}|${ENGLISH_ORDINAL_PATTERN})`);
const LETTERS = /[a-z]+/y;

/**
 * Whether a reference may stand at the start of a text: false only when the text's first letter or
 * digit, as {@link refText} folds it, can open none ({@link OPENERS}), or its first word is none of a
 * code's letter (`t9`, `o 3`), a keyword, a keyword {@link mendReferenceWords} would mend (`taks`), or
 * an English number (`ninth task`). The reading drops what comes before that character and keeps the
 * word. Asked of a text that needs no Unicode folding (one that does is always read in full), as
 * {@link foldText} folded it.
 */
function mayOpenWithRef(folded: string): boolean {
  const first = FIRST_WORD_CHARACTER.exec(folded);
  if (first === null || !OPENERS.has(first[0])) return false;
  if (first[0] < 'a' || first[0] > 'z') return true;
  LETTERS.lastIndex = first.index;
  const word = LETTERS.exec(folded)![0];
  if (word.length === 1) return word === 'o' || word === 'g' || word === 't';
  return REF_WORD_START.test(word) || (word.length >= 3 && word.length <= 12 && nearKeyword(word) !== undefined);
}

const NUMBER_AFTER = new RegExp(`^(?:no |number |nr )?(?:${ENGLISH_CARDINAL_PATTERN})(?![a-z0-9.])`);

/**
 * Mends what people mistype around a reference: a keyword one letter off ("taks 9", "objectve
 * three"; two for long words) when a number follows it, and a space between a Chinese keyword and
 * its numeral ("目标 三").
 */
export function mendReferenceWords(normalized: string): string {
  // Only a keyword closes up on its numeral: "任务九 150" keeps its space (it is task 9, then a value).
  const mended = normalized.replace(/((?![零〇一二两三四五六七八九十])\p{Script=Han})\s+(?=[零〇一二两三四五六七八九十\d])/gu, '$1');
  return mended.replace(/[a-z]{3,12}(?= )/g, (word, at: number) => {
    // Only a word with a keyword's first letter is mended: the others are left without reading what follows.
    if (!KEYWORD_INITIALS.includes(word[0]!) || KEYWORDS.includes(word) || !NUMBER_AFTER.test(mended.slice(at + word.length + 1))) return word;
    return nearKeyword(word) ?? word;
  });
}

// Every pattern needs one of these; most questions have none and skip the patterns.
const MAY_REFER = /task|objective|goal|group|section|第|任务|目标|(?<![a-z0-9.])[otg] ?\d/;

/** {@link findItemRef} on text already normalised with `normalizeText`. */
export function findItemRefIn(normalized: string): FoundItemRef | null {
  if (!MAY_REFER.test(normalized)) return null;
  let best: FoundItemRef | null = null;
  for (const pattern of PATTERNS) {
    if (best && best.keyword && !pattern.keyword) break;
    // exec rather than matchAll, which copies the regular expression on every call.
    pattern.regex.lastIndex = 0;
    for (let match = pattern.regex.exec(normalized); match !== null; match = pattern.regex.exec(normalized)) {
      const number = pattern.read(match[1] ?? '');
      if (number === null || number < 1) continue;
      const start = match.index;
      if (best === null || (pattern.keyword && !best.keyword) || start < best.start) {
        best = { kind: pattern.kind, number, keyword: pattern.keyword, text: normalized, start, end: start + match[0].length };
      }
      break;
    }
  }
  return best;
}

const STICKY: readonly RefPattern[] = PATTERNS.map((p) => ({ ...p, regex: new RegExp(p.regex.source, 'y') }));

/** A reference at the very start of a normalised text ("task 9 52%" → task 9, not a later one). */
function leadingRefIn(normalized: string): { ref: ItemRef; end: number } | null {
  if (!MAY_REFER.test(normalized.slice(0, 24))) return null;
  for (const pattern of STICKY) {
    pattern.regex.lastIndex = 0;
    const match = pattern.regex.exec(normalized);
    if (!match) continue;
    const number = pattern.read(match[1] ?? '');
    if (number !== null && number >= 1) return { ref: { kind: pattern.kind, number }, end: match[0].length };
  }
  return null;
}

/**
 * Reads an item reference standing at the start of a text, in any form a question accepts ("T9",
 * "T９", "task 9", "taks 9", "第九项", "第九项任务", "任务9", "目标三", "目標三", "objective three",
 * "G3", "任务组三"), with how many characters of the original text it takes. For command parsers,
 * which read tokens in turn; null when the text does not open with a reference.
 */
export function readLeadingItemRef(text: string): { ref: ItemRef; length: number } | null {
  const head = text.slice(0, 40);
  if (!needsUnicodeFolding(head)) {
    // Both gates read the text as foldText folds it: folded once for the two.
    const folded = foldText(head);
    if (!mayOpenWithRef(folded) || !hasReferenceNumber(folded)) return null;
  }
  const normalized = refText(head);
  const found = leadingRefIn(normalized);
  if (!found) return null;
  const wanted = normalized.slice(0, found.end);
  for (let k = 1; k <= head.length; k++) {
    // The shortest prefix of the original whose reading is the reference: its length in the original.
    if (refText(head.slice(0, k)) === wanted) return { ref: found.ref, length: k };
  }
  return null;
}

/**
 * Recognises an explicit reference to a plan item in English or Chinese: "T9", "t 9", "task nine",
 * "what is task 9", "objective 4", "goal 4", "O4", "G3", "group 3", "第九项任务", "任务九", "第9项",
 * "目标三", "第三个目标", "第三组". Returns null when the text names no item.
 */
export function parseItemRef(text: string): ItemRef | null {
  const found = findItemRef(text);
  return found ? { kind: found.kind, number: found.number } : null;
}
