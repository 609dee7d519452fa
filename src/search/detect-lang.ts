/** The languages the bot answers in. */
export type Lang = 'zh' | 'en';

const HAN = /\p{Script=Han}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;
const HAS_HAN = /\p{Script=Han}/u;
const HAS_LATIN_LETTER = /\p{Script=Latin}/u;
/** Share of Han characters among letters from which a text counts as Chinese ("PM2.5和臭氧" is Chinese, "what does 危废 mean" is not). */
const HAN_SHARE = 0.25;

/**
 * Tells whether a text is Chinese or English: Chinese when Han characters make up a meaningful part
 * (a quarter or more) of its letters, English otherwise (including text with no letters at all).
 */
export function detectLang(text: string): Lang {
  // Most texts are written in one script: then nothing needs counting.
  if (!HAS_HAN.test(text)) return 'en';
  if (!HAS_LATIN_LETTER.test(text)) return 'zh';
  const han = text.match(HAN)!.length;
  const latin = text.match(LATIN_LETTER)!.length;
  return han / (han + latin) >= HAN_SHARE ? 'zh' : 'en';
}
