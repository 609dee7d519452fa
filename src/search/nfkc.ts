/** Any character outside ASCII: only such a character can change under Unicode normalisation. */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The text in Unicode NFKC (`text.normalize('NFKC')`), without calling into ICU for plain ASCII text,
 * which NFKC leaves as it is (no ASCII character has a decomposition or composes with another): most
 * messages are ASCII, and the ICU call touches much code and copies the text on every message.
 */
export function nfkc(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFKC') : text;
}
