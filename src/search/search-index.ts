import type { PlanItem } from '../plan/schema.js';
import { buildQuery, expandSynonyms, highestIdfOf, type QueryContext, type QuerySlot } from './build-query.js';
import { capQuery, normalizeText } from './normalize.js';
import { foldTraditional } from './fold-traditional.js';
import { findItemRefIn, mayNameAnItem, mendReferenceWords } from './parse-item-ref.js';
import { ENGLISH_STOP_WORDS } from './stop-words.js';
import { defaultSynonyms, type SynonymTable } from './synonym-table.js';
import { buildInvertedIndex, type FieldSpec, type InvertedIndex } from './inverted-index.js';
import { createScorer } from './score-slots.js';
import { queryTerms } from './tokenize.js';
import { createTypoCorrector } from './typo-corrector.js';
import { itemId } from '../plan/item-id.js';

/** One plan item that answers a query; `score` is in 0..1, higher is better. */
export interface SearchHit {
  id: string;
  score: number;
  /**
   * True when the hit is below the relevance floor ({@link RANKING.minScore}) and kept only because it
   * matches enough of what the question names ({@link RANKING.minMatched}): a plausible answer to say
   * with less certainty.
   */
  weak?: boolean;
}

/** Options of {@link SearchIndex.search}. */
export interface SearchOptions {
  /** Most hits to return (default 5). */
  limit?: number;
  /**
   * Keep hits scoring at least this share of the best hit (default {@link RANKING.relativeCutoff});
   * 0 keeps every hit above the absolute relevance floor.
   */
  relative?: number;
}

/** A searchable plan: build once with {@link buildSearchIndex}, query many times. */
export interface SearchIndex {
  /**
   * Items relevant to a question in English or Chinese, best first; an empty array when nothing in
   * the plan is relevant. Never throws, whatever the string.
   */
  search(query: string, opts?: SearchOptions): SearchHit[];
}

/** The index as built: search, plus a look at how a query is understood. */
export interface ExplainableSearchIndex extends SearchIndex {
  /** The slots a query is analysed into after stop words, typo correction and synonyms (for tests and debugging). */
  explain(query: string): QuerySlot[];
}



/** Ranking constants, exported so tests and the bench can state them rather than repeat them. */
export const RANKING = {
  /** BM25 term-frequency saturation. */
  k1: 1.2,
  /** A hit below this score is not relevant. */
  minScore: 0.5,
  /**
   * Matched query mass (about two distinctive words of the plan) that makes a hit plausible whatever
   * else the question says: the floor does not depend on how many extra words a question has.
   */
  minMatched: 5,
  /** Hits are returned while within this share of the best score ("see also" candidates). */
  relativeCutoff: 0.5,
  /** Groups are only headings: their score is scaled down so a task or objective wins a near tie. */
  groupFactor: 0.85,
  /** Default number of hits. */
  limit: 5,
} as const;

/** Fields indexed per item, each in both languages, with BM25F weight and length normalisation. */
const FIELDS: ReadonlyArray<FieldSpec & { text: (item: PlanItem) => string }> = [
  { weight: 3, b: 0.3, text: (i) => `${i.title.zh}\n${i.title.en}` },
  { weight: 3, b: 0.3, text: (i) => [...i.aliases.zh, ...i.aliases.en].join('\n') },
  { weight: 2.5, b: 0.3, text: (i) => i.indicators.map((x) => `${x.metric.zh}\n${x.metric.en}`).join('\n') },
  { weight: 1, b: 0.75, text: (i) => `${i.text.zh}\n${i.text.en}` },
];

/** The BM25F postings of plan items: the costly part of {@link buildSearchIndex}, plain data that can be kept between runs. */
export function indexItems(items: readonly PlanItem[]): InvertedIndex {
  return buildInvertedIndex(
    items.map((item) => FIELDS.map((f) => f.text(item))),
    FIELDS,
    RANKING.k1,
  );
}

/**
 * Builds the index over plan items: BM25F postings over both languages, plus the typo corrector's
 * vocabulary. `inverted` is {@link indexItems} of the same items when it was kept from an earlier run.
 */
export function buildSearchIndex(items: readonly PlanItem[], synonyms: SynonymTable = defaultSynonyms(), inverted: InvertedIndex = indexItems(items)): ExplainableSearchIndex {
  const n = items.length;
  if (inverted.size !== n) throw new Error(`the inverted index covers ${inverted.size} documents, not the ${n} items given`);
  const { postings, words } = inverted;
  const idfOf = (df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  // The highest idf of each synonym expression's terms, by its id: found once per index.
  const expressionIdfs: Array<number | null | undefined> = [];
  const ctx: QueryContext = {
    // Computed from the postings each time: a logarithm costs less than looking up a remembered value.
    idf: (term) => {
      const p = postings.get(term);
      return p ? idfOf(p.docs.length) : null;
    },
    correct: createTypoCorrector(words, ENGLISH_STOP_WORDS),
    synonyms,
    unknownIdf: idfOf(1),
    expressionIdf: (id, terms) => {
      // Filled densely up to the id, so that the array keeps fast elements.
      while (expressionIdfs.length <= id) expressionIdfs.push(undefined);
      let idf = expressionIdfs[id];
      if (idf === undefined) expressionIdfs[id] = idf = highestIdfOf(terms, ctx.idf);
      return idf;
    },
  };
  const ids = items.map((i) => i.id);
  const byId = new Map(items.map((item, i) => [item.id, i]));
  const kindFactor = Float64Array.from(items, (i) => (i.kind === 'group' ? RANKING.groupFactor : 1));
  const scorer = createScorer(n, postings, kindFactor, synonyms);

  const textSearch = (normalized: string, limit: number, relative: number, exclude: number): SearchHit[] => {
    const slots = buildQuery(normalized, ctx);
    return scorer(slots, { limit, relative, exclude, minScore: RANKING.minScore, minMatched: RANKING.minMatched }).map(([doc, score]) =>
      score >= RANKING.minScore ? { id: ids[doc]!, score } : { id: ids[doc]!, score, weak: true },
    );
  };

  return {
    explain: (query) => (typeof query === 'string' ? expandSynonyms(buildQuery(normalizeText(withoutThisPlan(foldTraditional(capQuery(query)))), ctx), synonyms) : []),
    search(query, opts) {
      if (typeof query !== 'string') return [];
      const limit = Math.max(0, Math.floor(opts?.limit ?? RANKING.limit));
      const relative = Math.min(1, Math.max(0, opts?.relative ?? RANKING.relativeCutoff));
      if (!(limit > 0)) return [];
      const { normalized, ref } = readQuery(query);
      if (normalized === '') return [];

      const code = ref ? itemId(ref.kind, ref.number) : '';
      const refDoc = ref ? byId.get(code) : undefined;
      if (ref && refDoc !== undefined) {
        const rest = `${ref.text.slice(0, ref.start)} ${ref.text.slice(ref.end)}`.trim();
        const restTerms = queryTerms(rest).length;
        // A bare code that is also a word of the plan ("O3" is ozone) names the item only when little else is asked.
        const strong = ref.keyword || !postings.has(normalizeText(code)) || restTerms <= 1;
        if (strong) {
          const others = restTerms > 0 ? textSearch(rest, limit - 1, relative, refDoc) : [];
          return [{ id: ids[refDoc]!, score: 1 }, ...others];
        }
      }
      return textSearch(normalized, limit, relative, -1);
    },
  };
}

/** What a query says before any index looks at it: its normalised text and the item it names, if any. */
interface ReadQuery {
  normalized: string;
  ref: ReturnType<typeof findItemRefIn>;
}

/**
 * Reads a query once for every index it is put to (a question goes to the item index and then the
 * indicator index): only the last query is kept, as `queryTerms` keeps its terms, so no answer depends
 * on what was asked before. Callers never change what they get.
 */
function readQuery(query: string): ReadQuery {
  if (query !== lastQuery) {
    // Traditional characters read as the Simplified ones the plan is written in (醫療廢物 is 医疗废物).
    const normalized = normalizeText(withoutThisPlan(foldTraditional(capQuery(query))));
    lastRead = { normalized, ref: normalized === '' || !mayNameAnItem(normalized) ? null : findItemRefIn(mendReferenceWords(normalized)) };
    lastQuery = query;
  }
  return lastRead;
}

let lastQuery: string | null = null;
let lastRead: ReadQuery = { normalized: '', ref: null };

/** "the plan", "this plan", "the work plan": the plan being asked, not the plans it names ("14th Five-Year plan"). */
const THIS_PLAN = /\b(?:the|this) (?:(?:annual |work |whole |entire |2021 )?plan(?:'s|s)?)\b(?! (?:for|of) the (?:14th|fourteenth))/gi;

/** The question without the words that name the plan itself ("what number does the plan set for air quality"). */
function withoutThisPlan(text: string): string {
  return text.replace(THIS_PLAN, ' ');
}
