/**
 * Text normalisation shared by the index and the query side, so both see the same characters.
 */

/** The most characters of a query that search looks at; the rest is ignored so any input stays fast. */
export const MAX_QUERY_CHARS = 400;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CURLY_APOSTROPHE = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
const POSSESSIVE = /'s\b/g;
const DIACRITICS = /\p{M}+/gu;
// Letters, digits, Han characters and a decimal point between digits ("PM2.5", "1.5") survive.
const SEPARATORS = /[^\p{L}\p{N}.]+|(?<!\p{N})\.|\.(?!\p{N})/gu;
/**
 * Text made only of ASCII, general and CJK punctuation, common Han characters and full-width ASCII
 * folds without Unicode normalisation (which costs more than all the rest of indexing).
 */
const NEEDS_UNICODE_FOLDING = /[^\x00-\x7F\u2000-\u206F\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uFF01-\uFF5E]/;
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const ANY_APOSTROPHE = /['\u2018\u2019\u02BC\u0060\u00B4]/;

/**
 * Whether {@link foldText} must use Unicode normalisation for this text; when not, folding only makes
 * full-width ASCII half-width, lowers the case and drops apostrophes, character for character.
 */
export function needsUnicodeFolding(text: string): boolean {
  return NEEDS_UNICODE_FOLDING.test(text);
}

/**
 * Any character but ASCII, CJK punctuation 、 to 〩 and the CJK ideographs of the BMP's main block and
 * extension A: only another character can change under NFKC (each of these is a starter that has no
 * decomposition and composes with nothing; tested for every character).
 */
const NFKC_MAY_CHANGE = /[^\x00-\x7f\u3001-\u3029\u3400-\u4dbf\u4e00-\u9fff]/;

/**
 * The text in Unicode NFKC (`text.normalize('NFKC')`), without calling into ICU for plain ASCII or
 * Chinese text, which NFKC leaves as it is: most messages are such, and the ICU call touches much code
 * and copies the text on every message.
 * (Narrower than {@link needsUnicodeFolding}, which also spares full-width ASCII and common Han text
 * because {@link foldText} folds those itself.)
 */
export function nfkc(text: string): string {
  return NFKC_MAY_CHANGE.test(text) ? text.normalize('NFKC') : text;
}

/**
 * Folds characters without touching punctuation: full-width to half-width (NFKC), lower case,
 * accents removed, apostrophes and possessives removed. Tokenisers then skip punctuation themselves.
 */
export function foldText(text: string): string {
  const folded = NEEDS_UNICODE_FOLDING.test(text)
    ? text.replace(LONE_SURROGATE, ' ').normalize('NFKC').toLowerCase().normalize('NFKD').replace(DIACRITICS, '').normalize('NFC')
    : text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
  return ANY_APOSTROPHE.test(folded)
    ? folded.replace(CURLY_APOSTROPHE, "'").replace(POSSESSIVE, '').replace(/'/g, '')
    : folded;
}

/**
 * Folds a text to the form that tokenisers and reference parsers work on: {@link foldText}, then every
 * punctuation mark or symbol turned into a single space. A decimal point between digits is kept ("pm2.5").
 */
export function normalizeText(text: string): string {
  return foldText(text).replace(SEPARATORS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Cuts a raw query to {@link MAX_QUERY_CHARS} characters (without splitting a surrogate pair)
 * before it is normalised, so a 100 KB paste costs no more than a long question.
 */
export function capQuery(text: string): string {
  if (text.length <= MAX_QUERY_CHARS) return text;
  const cut = text.slice(0, MAX_QUERY_CHARS);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
