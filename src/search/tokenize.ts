import { cardinalDigits } from './english-number.js';
import { foldText } from './normalize.js';
import { scanRuns } from './scan-runs.js';
import { stemEnglish } from './stem.js';
import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS } from './stop-words.js';

/** How a piece of text was written, which decides how it is matched. */
export type TokenScript = 'latin' | 'han' | 'other';

/** One term of a query: an English stem, a Chinese word, or a bigram bridging two Chinese words. */
export interface QueryTerm {
  term: string;
  /** The index terms that find it in a document: a Chinese word's bigrams (or its one character), else the term. */
  parts: string[];
  script: TokenScript;
  /** How much it counts: single characters and bridging bigrams are weaker evidence than words. */
  weight: number;
  /**
   * A bigram bridging two segmenter words ("水污" in 水/污染): evidence of the phrase when a document
   * has it, but no penalty when none does (the user's phrasing need not be the plan's).
   */
  optional?: boolean;
  /** For Latin terms, the lower-case word the term was stemmed from (what typo correction looks at). */
  word?: string;
}

/** Weight of a Chinese bigram that bridges a word boundary found by the segmenter ("水污" in 水/污染). */
export const CROSS_WORD_BIGRAM_WEIGHT = 0.5;
/** Weight of a one-character Chinese word (率, 年, 碳): such characters occur inside many words. */
export const SINGLE_CHAR_WEIGHT = 0.5;

// Made on first use: loading ICU's word break data costs a start that asks nothing in Chinese 15–25 ms.
let segmenter: Intl.Segmenter | null = null;

/** The words of a normalised English text, stop words removed, not stemmed. */
export function englishWords(normalized: string): string[] {
  const words: string[] = [];
  scanRuns(normalized, (kind, run) => {
    if (kind === 'latin' && !ENGLISH_STOP_WORDS.has(run)) words.push(run);
  });
  return words;
}

/** Splits Chinese text into words with `Intl.Segmenter` (punctuation and spaces dropped). */
export function segmentChinese(text: string): string[] {
  const words: string[] = [];
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const s of segmenter.segment(text)) if (s.isWordLike) words.push(s.segment);
  return words;
}

/** The overlapping character pairs of a Chinese run: 污水治理 → 污水, 水治, 治理. */
export function chineseBigrams(run: string): string[] {
  const out: string[] = [];
  if (!SURROGATE.test(run)) {
    // Every character one code unit (almost all text): pairs are slices.
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    return out;
  }
  const chars = Array.from(run);
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** The index terms of a document text and the English words it contains (for typo correction). */
export interface DocumentTerms {
  terms: string[];
  words: string[];
}

/**
 * Index terms of a document field: English words stemmed (stop words dropped, number words as
 * digits), every Chinese character and bigram, other words as they are; and the English words seen
 * (for typo correction). This is the definition; the inverted index computes the same terms without
 * allocating them. The segmenter is not run over documents: bigrams already cover every word, and
 * segmenting a large corpus costs more than the whole rest of indexing.
 */
export function documentTerms(text: string): DocumentTerms {
  const terms: string[] = [];
  const words: string[] = [];
  scanRuns(foldText(text), (kind, run) => {
    if (kind === 'han') {
      const chars = Array.from(run);
      for (let i = 0; i < chars.length; i++) {
        terms.push(chars[i]!);
        if (i + 1 < chars.length) terms.push(chars[i]! + chars[i + 1]!);
      }
    } else if (kind === 'other') terms.push(run);
    else if (!ENGLISH_STOP_WORDS.has(run)) {
      terms.push(latinTerm(run));
      if (isEnglishWord(run)) words.push(run);
    }
  });
  return { terms, words };
}

/** True for a Latin run made of letters only: a word the typo corrector may offer. */
export function isEnglishWord(run: string): boolean {
  return /^[a-z]+$/.test(run);
}

/**
 * The terms of a normalised query in order. Chinese runs are segmented: question words (多少, 怎么样)
 * are dropped, each remaining word is a term found by its bigrams, and a bigram bridging two
 * neighbouring words is an optional term.
 */
export function queryTerms(normalized: string): readonly QueryTerm[] {
  // A question is analysed by the item index and then the indicator index: segment it once. Only the
  // last query is kept, so no answer depends on what was asked before.
  if (normalized !== lastQuery) {
    lastTerms = analyseQuery(normalized);
    lastQuery = normalized;
  }
  return lastTerms;
}

/** The last query analysed and its terms (callers never change them). */
let lastQuery: string | null = null;
let lastTerms: readonly QueryTerm[] = [];

function analyseQuery(normalized: string): QueryTerm[] {
  const out: QueryTerm[] = [];
  scanRuns(normalized, (kind, run) => {
    if (kind === 'han') hanQueryTerms(run, out);
    else if (kind === 'other') out.push({ term: run, parts: [run], script: 'other', weight: 1 });
    else if (!ENGLISH_STOP_WORDS.has(run)) {
      const term = latinTerm(run);
      out.push({ term, parts: [term], script: 'latin', weight: 1, word: run });
    }
  });
  return out;
}

const latinTerms = new Map<string, string>();
const LATIN_MEMO_LIMIT = 100_000;

/** The index term of a Latin-script word: number words as digits, other words stemmed (memoised). */
export function latinTerm(word: string): string {
  let term = latinTerms.get(word);
  if (term === undefined) {
    term = cardinalDigits(word) ?? stemEnglish(word);
    if (latinTerms.size >= LATIN_MEMO_LIMIT) latinTerms.clear();
    latinTerms.set(word, term);
  }
  return term;
}

/** Appends the terms of a Han run to `out`. */
function hanQueryTerms(run: string, out: QueryTerm[]): void {
  let previous: string | null = null;
  for (const word of segmentChinese(run)) {
    if (CHINESE_STOP_WORDS.has(word)) {
      previous = null;
      continue;
    }
    // The first and last characters, and whether there is only one (a character may take two code units).
    const wide = SURROGATE.test(word);
    const chars = wide ? Array.from(word) : null;
    if (previous !== null) {
      const bridge = previous + (chars ? chars[0]! : word[0]!);
      out.push({ term: bridge, parts: [bridge], script: 'han', weight: CROSS_WORD_BIGRAM_WEIGHT, optional: true });
    }
    const single = chars ? chars.length === 1 : word.length === 1;
    out.push({ term: word, parts: single ? [word] : chineseBigrams(word), script: 'han', weight: single ? SINGLE_CHAR_WEIGHT : 1 });
    previous = chars ? chars.at(-1)! : word[word.length - 1]!;
  }
}
