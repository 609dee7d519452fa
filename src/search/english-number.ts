/**
 * English cardinal and ordinal numbers from one to ninety-nine, as people write item numbers:
 * "nine", "twenty-four", "twenty four", "ninth", "24th".
 */

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_UNITS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth',
  'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth',
  'seventeenth', 'eighteenth', 'nineteenth'];
const ORDINAL_TENS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth',
  'eightieth', 'ninetieth'];

function wordValue(word: string, ordinal: boolean): number {
  return (ordinal ? ORDINAL_UNITS : UNITS).indexOf(word);
}

function tensValue(word: string, ordinal: boolean): number {
  return (ordinal ? ORDINAL_TENS : TENS).indexOf(word);
}

/**
 * Reads a number written in English words or digits ("9", "nine", "twenty-four", "twenty four").
 * With `ordinal`, reads ordinals instead ("ninth", "9th", "twenty-fourth"). Returns null otherwise.
 */
export function parseEnglishNumber(text: string, ordinal = false): number | null {
  const s = text.trim().toLowerCase();
  const digits = ordinal ? /^(\d{1,3})(?:st|nd|rd|th)$/.exec(s) : /^(\d{1,3})$/.exec(s);
  if (digits) return Number(digits[1]);
  const parts = s.split(/[\s-]+/);
  if (parts.length === 1) {
    const unit = wordValue(parts[0]!, ordinal);
    if (unit >= 0) return unit;
    const tens = tensValue(parts[0]!, ordinal);
    return tens > 0 ? tens * 10 : null;
  }
  if (parts.length === 2) {
    const tens = tensValue(parts[0]!, false);
    const unit = wordValue(parts[1]!, ordinal);
    return tens > 0 && unit >= 1 && unit <= 9 ? tens * 10 + unit : null;
  }
  return null;
}

const alternatives = (words: readonly string[]): string =>
  words.filter(Boolean).sort((a, b) => b.length - a.length).join('|');

/** A regular-expression source matching a cardinal {@link parseEnglishNumber} reads ("9", "nine", "twenty four"). */
export const ENGLISH_CARDINAL_PATTERN = `(?:\\d{1,3}|(?:${alternatives(TENS)})[\\s-](?:${alternatives(UNITS)})|${alternatives(TENS)}|${alternatives(UNITS)})`;

/** A regular-expression source matching an ordinal {@link parseEnglishNumber} reads ("9th", "ninth", "twenty-fourth"). */
export const ENGLISH_ORDINAL_PATTERN = `(?:\\d{1,3}(?:st|nd|rd|th)|(?:${alternatives(TENS)})[\\s-](?:${alternatives(ORDINAL_UNITS)})|${alternatives(ORDINAL_TENS)}|${alternatives(ORDINAL_UNITS)})`;

const CARDINAL_WORDS: ReadonlyMap<string, string> = new Map([
  ...UNITS.map((w, i): [string, string] => [w, String(i)]),
  ...TENS.flatMap((w, i): Array<[string, string]> => (w ? [[w, String(i * 10)]] : [])),
]);

/** The digits of a one-word English cardinal ("nine" → "9", "forty" → "40"), so "nine cities" meets "9 cities". */
export function cardinalDigits(word: string): string | null {
  return CARDINAL_WORDS.get(word) ?? null;
}
