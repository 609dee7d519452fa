/**
 * Splits folded text into the runs tokenisers work on: a run of Han characters, a Latin/digit word
 * (keeping a decimal point between digits: "pm2.5", "1.5"), or a word of any other script.
 * Punctuation, symbols and spaces separate runs and are dropped. A hand-written scanner rather than
 * a regular expression because indexing a large corpus spends most of its time here.
 */

/** Kinds of run {@link scanRuns} reports. */
export type RunKind = 'han' | 'latin' | 'other';

/** Called once per run, in order. */
export type RunVisitor = (kind: RunKind, run: string) => void;

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;
const SEPARATOR = 0;
const LATIN = 1;
const HAN_CHAR = 2;
const OTHER = 3;
const KIND_NAMES = ['', 'latin', 'han', 'other'] as const;

const isLatin = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const widthAt = (text: string, i: number, c: number): number => (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1);

/** The kind of the character starting at `i` (code unit `c`); only rare characters reach the regular expressions. */
function kindAt(text: string, i: number, c: number): number {
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return HAN_CHAR;
  if (c < 0x80) return isLatin(c) ? LATIN : SEPARATOR;
  if ((c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x3004) || (c >= 0x3008 && c <= 0x3020)) return SEPARATOR;
  const ch = text.slice(i, i + widthAt(text, i, c));
  return HAN.test(ch) ? HAN_CHAR : WORD.test(ch) ? OTHER : SEPARATOR;
}

/** Calls `visit` for each run of a folded (lower-case, half-width) text. */
export function scanRuns(text: string, visit: RunVisitor): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const kind = kindAt(text, i, c);
    let j = i + widthAt(text, i, c);
    if (kind === SEPARATOR) {
      i = j;
      continue;
    }
    if (kind === LATIN) {
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isLatin(d)) j++;
        // A decimal point between digits stays inside the word ("pm2.5").
        else if (d === 0x2e && isDigit(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1))) j += 2;
        else break;
      }
    } else {
      while (j < n) {
        const d = text.charCodeAt(j);
        if (kindAt(text, j, d) !== kind) break;
        j += widthAt(text, j, d);
      }
    }
    visit(KIND_NAMES[kind] as RunKind, text.slice(i, j));
    i = j;
  }
}
