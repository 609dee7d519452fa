import { cardinalDigits } from './english-number.js';
import { normalizeText } from './normalize.js';
import { stemEnglish } from './stem.js';
import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS } from './stop-words.js';

/** How a piece of text was written, which decides how it is matched. */
export type TokenScript = 'latin' | 'han' | 'other';

/** One term of a query with how much it counts: bigrams that straddle two words count less. */
export interface QueryTerm {
  term: string;
  script: TokenScript;
  weight: number;
  /** For Latin terms, the lower-case word the term was stemmed from (what typo correction looks at). */
  word?: string;
}

/** Weight of a Chinese bigram that straddles a word boundary found by the segmenter ("水污" in 水/污染). */
export const CROSS_WORD_BIGRAM_WEIGHT = 0.7;

// A Han run, a Latin/digit word (keeping "pm2.5"), or a word of any other script.
const RUNS = /(\p{Script=Han}+)|([a-z0-9]+(?:\.[0-9]+)*)|([^\s\p{Script=Han}a-z0-9.]+)/gu;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The words of a normalised English text, stop words removed, not stemmed. */
export function englishWords(normalized: string): string[] {
  const words: string[] = [];
  for (const m of normalized.matchAll(/[a-z0-9]+(?:\.[0-9]+)*/g)) {
    if (!ENGLISH_STOP_WORDS.has(m[0])) words.push(m[0]);
  }
  return words;
}

/** Splits Chinese text into words with `Intl.Segmenter` (punctuation and spaces dropped). */
export function segmentChinese(text: string): string[] {
  const words: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) words.push(s.segment);
  return words;
}

/** The overlapping character pairs of a Chinese run: 污水治理 → 污水, 水治, 治理. */
export function chineseBigrams(run: string): string[] {
  const chars = Array.from(run);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The index terms of a document text and the English words it contains (for typo correction). */
export interface DocumentTerms {
  terms: string[];
  words: string[];
}

/**
 * Index terms of a document field: English words stemmed (stop words dropped), every Chinese bigram
 * and single character, other words as they are. The segmenter is not run over documents: bigrams
 * already cover every word, and segmenting a large corpus costs more than the whole rest of indexing.
 */
export function documentTerms(text: string): DocumentTerms {
  const terms: string[] = [];
  const words: string[] = [];
  for (const m of normalizeText(text).matchAll(RUNS)) {
    if (m[1] !== undefined) {
      const chars = Array.from(m[1]);
      for (let i = 0; i < chars.length; i++) {
        terms.push(chars[i]!);
        if (i + 1 < chars.length) terms.push(chars[i]! + chars[i + 1]!);
      }
    } else if (m[2] !== undefined) {
      if (ENGLISH_STOP_WORDS.has(m[2])) continue;
      terms.push(latinTerm(m[2]));
      if (/^[a-z]+$/.test(m[2])) words.push(m[2]);
    } else if (m[3] !== undefined) {
      terms.push(m[3]);
    }
  }
  return { terms, words };
}

/**
 * The terms of a normalised query in order. Chinese runs are segmented so that question words
 * (多少, 怎么样) can be dropped; bigrams are taken within what remains, and a run reduced to one
 * character is kept as that character.
 */
export function queryTerms(normalized: string): QueryTerm[] {
  const out: QueryTerm[] = [];
  for (const m of normalized.matchAll(RUNS)) {
    if (m[1] !== undefined) out.push(...hanQueryTerms(m[1]));
    else if (m[2] !== undefined) {
      if (!ENGLISH_STOP_WORDS.has(m[2])) out.push({ term: latinTerm(m[2]), script: 'latin', weight: 1, word: m[2] });
    } else if (m[3] !== undefined) out.push({ term: m[3], script: 'other', weight: 1 });
  }
  return out;
}

/** The index term of a Latin-script word: number words as digits, other words stemmed. */
export function latinTerm(word: string): string {
  return cardinalDigits(word) ?? stemEnglish(word);
}

function hanQueryTerms(run: string): QueryTerm[] {
  const out: QueryTerm[] = [];
  let span: string[] = [];
  const flush = (): void => {
    const text = span.join('');
    const chars = Array.from(text);
    if (chars.length === 1) out.push({ term: text, script: 'han', weight: 1 });
    // Positions where one segmenter word ends and the next begins.
    const boundaries = new Set<number>();
    let pos = 0;
    for (const word of span) boundaries.add((pos += Array.from(word).length));
    for (let i = 0; i + 1 < chars.length; i++) {
      out.push({ term: chars[i]! + chars[i + 1]!, script: 'han', weight: boundaries.has(i + 1) ? CROSS_WORD_BIGRAM_WEIGHT : 1 });
    }
    span = [];
  };
  for (const word of segmentChinese(run)) {
    if (CHINESE_STOP_WORDS.has(word)) flush();
    else span.push(word);
  }
  flush();
  return out;
}
