/** The languages the bot answers in. */
export type Lang = 'zh' | 'en';

const HAN = /\p{Script=Han}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;
/** Share of Han characters among letters from which a text counts as Chinese ("PM2.5和臭氧" is Chinese, "what does 危废 mean" is not). */
const HAN_SHARE = 0.25;

/**
 * Tells whether a text is Chinese or English: Chinese when Han characters make up a meaningful part
 * (a quarter or more) of its letters, English otherwise (including text with no letters at all).
 */
export function detectLang(text: string): Lang {
  const han = text.match(HAN)?.length ?? 0;
  if (han === 0) return 'en';
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  return han / (han + latin) >= HAN_SHARE ? 'zh' : 'en';
}
