/**
 * A light English stemmer: it folds plural, verb and common derivational endings so that
 * "villages"/"village", "rectified"/"rectification", "pollutants"/"pollution" meet on one stem.
 * Stems are index keys, not words; all that matters is that related forms agree.
 * (Written here because the project may not add a dependency; Porter-style, deliberately small.)
 */

// Longest first; the stem left must keep at least MIN_STEM letters.
const DERIVATIONAL: ReadonlyArray<readonly [string, string]> = [
  ['ification', 'ifi'],
  ['ization', ''],
  ['isation', ''],
  ['ological', 'olog'],
  ['ational', ''],
  ['mental', ''],
  ['ology', 'olog'],
  ['ative', ''],
  ['ation', ''],
  ['ement', ''],
  ['ment', ''],
  ['ancy', ''],
  ['ency', ''],
  ['ance', ''],
  ['ence', ''],
  ['ness', ''],
  ['ion', ''],
  ['ity', ''],
  ['ous', ''],
  ['ive', ''],
  ['ant', ''],
  ['ate', ''],
  ['ize', ''],
  ['ise', ''],
  ['iz', ''],
  ['at', ''],
  ['al', ''],
  ['ly', ''],
];
const MIN_STEM = 4;
const VOWEL = /[aeiouy]/;

/** Returns the stem of one lower-case English word; words with digits and short words are returned as they are. */
export function stemEnglish(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  let w = stripInflection(word);
  for (const [suffix, replacement] of DERIVATIONAL) {
    if (w.endsWith(suffix) && w.length - suffix.length + replacement.length >= MIN_STEM) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 3) w = `${w.slice(0, -1)}i`;
  return w;
}

function stripInflection(word: string): string {
  let w = word;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ch|sh|x|z|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith('ied') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ed') && w.length > 4 && VOWEL.test(w.slice(0, -2))) return undouble(w.slice(0, -2));
  if (w.endsWith('ing') && w.length > 5 && VOWEL.test(w.slice(0, -3))) return undouble(w.slice(0, -3));
  return w;
}

/** "plann" → "plan", "controll" → "control": the doubled consonant of an -ed/-ing form. */
function undouble(w: string): string {
  const last = w.at(-1) ?? '';
  return w.length > 3 && last === w.at(-2) && !/[aeiousz]/.test(last) ? w.slice(0, -1) : w;
}
