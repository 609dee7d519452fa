/**
 * Text normalisation shared by the index and the query side, so both see the same characters.
 */

/** The most characters of a query that search looks at; the rest is ignored so any input stays fast. */
export const MAX_QUERY_CHARS = 400;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CURLY_APOSTROPHE = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
const POSSESSIVE = /'s\b/g;
// Letters, digits, Han characters and a decimal point between digits ("PM2.5", "1.5") survive.
const SEPARATORS = /[^\p{L}\p{N}.]+|(?<!\p{N})\.|\.(?!\p{N})/gu;
const DIACRITICS = /\p{M}+/gu;

/**
 * Folds a text to the form that tokenisers work on: full-width to half-width (NFKC), lower case,
 * accents removed, apostrophes and possessives removed, every punctuation mark or symbol turned
 * into a single space. A decimal point between digits is kept ("pm2.5").
 */
export function normalizeText(text: string): string {
  return text
    .replace(LONE_SURROGATE, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .normalize('NFC')
    .replace(CURLY_APOSTROPHE, "'")
    .replace(POSSESSIVE, '')
    .replace(/'/g, '')
    .replace(SEPARATORS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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
