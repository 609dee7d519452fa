import type { PlanItem } from '../plan/schema.js';
import { buildQuery, type QueryContext, type QuerySlot } from './build-query.js';
import { capQuery, normalizeText } from './normalize.js';
import { findItemRef } from './parse-item-ref.js';
import { ENGLISH_STOP_WORDS } from './stop-words.js';
import { compileSynonyms, type SynonymTable } from './synonym-table.js';
import { documentTerms, queryTerms } from './tokenize.js';
import { createTypoCorrector } from './typo-corrector.js';

/** One plan item that answers a query; `score` is in 0..1, higher is better. */
export interface SearchHit {
  id: string;
  score: number;
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
  /** Hits are returned while within this share of the best score ("see also" candidates). */
  relativeCutoff: 0.5,
  /** Groups are only headings: their score is scaled down so a task or objective wins a near tie. */
  groupFactor: 0.85,
  /** Default number of hits. */
  limit: 5,
} as const;

/** How much of a score is coverage of the query (the rest is match strength). */
const COVER_SHARE = 0.6;

/** Fields indexed per item, each in both languages, with BM25F weight and length normalisation. */
const FIELDS: ReadonlyArray<{ weight: number; b: number; text: (item: PlanItem) => string }> = [
  { weight: 3, b: 0.3, text: (i) => `${i.title.zh}\n${i.title.en}` },
  { weight: 3, b: 0.3, text: (i) => [...i.aliases.zh, ...i.aliases.en].join('\n') },
  { weight: 2.5, b: 0.3, text: (i) => i.indicators.map((x) => `${x.metric.zh}\n${x.metric.en}`).join('\n') },
  { weight: 1, b: 0.75, text: (i) => `${i.text.zh}\n${i.text.en}` },
];

interface Postings {
  docs: Int32Array;
  /** Saturated term frequency, tf / (k1 + tf) after field weighting and length normalisation, in 0..1. */
  sat: Float64Array;
}

/** Builds the index over plan items: BM25F postings over both languages, plus the typo corrector's vocabulary. */
export function buildSearchIndex(items: readonly PlanItem[], synonyms: SynonymTable = compileSynonyms()): ExplainableSearchIndex {
  const n = items.length;
  const fieldTerms = items.map((item) => FIELDS.map((f) => documentTerms(f.text(item))));
  const avgLen = FIELDS.map((_, f) => Math.max(1, fieldTerms.reduce((s, doc) => s + doc[f]!.terms.length, 0) / Math.max(1, n)));

  const raw = new Map<string, { docs: number[]; tf: number[] }>();
  const words = new Map<string, number>();
  fieldTerms.forEach((fields, doc) => {
    const tf = new Map<string, number>();
    fields.forEach(({ terms, words: fieldWords }, f) => {
      const { weight, b } = FIELDS[f]!;
      const norm = weight / (1 - b + (b * terms.length) / avgLen[f]!);
      for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + norm);
      for (const w of fieldWords) words.set(w, (words.get(w) ?? 0) + 1);
    });
    for (const [term, value] of tf) {
      const p = raw.get(term);
      if (p) {
        p.docs.push(doc);
        p.tf.push(value);
      } else raw.set(term, { docs: [doc], tf: [value] });
    }
  });

  const postings = new Map<string, Postings>();
  for (const [term, p] of raw) {
    postings.set(term, { docs: Int32Array.from(p.docs), sat: Float64Array.from(p.tf, (tf) => tf / (RANKING.k1 + tf)) });
  }
  const idfOf = (df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const ctx: QueryContext = {
    idf: (term) => {
      const p = postings.get(term);
      return p ? idfOf(p.docs.length) : null;
    },
    correct: createTypoCorrector(words, ENGLISH_STOP_WORDS),
    synonyms,
    unknownIdf: idfOf(1),
  };
  const ids = items.map((i) => i.id);
  const byId = new Map(items.map((item, i) => [item.id, i]));
  const kindFactor = Float64Array.from(items, (i) => (i.kind === 'group' ? RANKING.groupFactor : 1));
  const scorer = createScorer(n, postings, kindFactor);

  const textSearch = (normalized: string, limit: number, relative: number, exclude: number): SearchHit[] => {
    const slots = buildQuery(normalized, ctx);
    return scorer(slots, limit, relative, exclude).map(([doc, score]) => ({ id: ids[doc]!, score }));
  };

  return {
    explain: (query) => (typeof query === 'string' ? buildQuery(normalizeText(capQuery(query)), ctx) : []),
    search(query, opts) {
      if (typeof query !== 'string') return [];
      const limit = Math.max(0, Math.floor(opts?.limit ?? RANKING.limit));
      const relative = Math.min(1, Math.max(0, opts?.relative ?? RANKING.relativeCutoff));
      if (!(limit > 0)) return [];
      const capped = capQuery(query);
      const normalized = normalizeText(capped);
      if (normalized === '') return [];

      const ref = findItemRef(capped);
      const code = ref ? `${ref.kind[0]}${ref.number}` : '';
      const refDoc = ref ? byId.get(code.toUpperCase()) : undefined;
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

/**
 * The scoring loop. Per slot, a document takes its best alternative; an alternative of several
 * terms counts by the share of its terms present (coverage) and their mean saturated term frequency
 * (strength). A document's score blends the share of the query's mass it covers with how strongly
 * it matches (title and aliases beat a passing mention), so a partial match of the question stays low.
 * Scratch arrays are reused across queries; the index is single-threaded.
 */
function createScorer(
  n: number,
  postings: ReadonlyMap<string, Postings>,
  kindFactor: Float64Array,
): (slots: QuerySlot[], limit: number, relative: number, exclude: number) => Array<[number, number]> {
  const altStrength = new Float64Array(n);
  const altCover = new Float64Array(n);
  const slotStrength = new Float64Array(n);
  const slotCover = new Float64Array(n);
  const total = new Float64Array(n);
  const altTouched: number[] = [];
  const slotTouched: number[] = [];
  const touched: number[] = [];

  return (slots, limit, relative, exclude) => {
    let totalMass = 0;
    for (const slot of slots) totalMass += slot.mass;
    if (totalMass <= 0) return [];
    for (const slot of slots) {
      for (const alt of slot.alternatives) {
        const share = 1 / alt.terms.length;
        for (const term of alt.terms) {
          const p = postings.get(term);
          if (!p) continue;
          for (let k = 0; k < p.docs.length; k++) {
            const doc = p.docs[k]!;
            if (altCover[doc] === 0) altTouched.push(doc);
            altCover[doc] = altCover[doc]! + share;
            altStrength[doc] = altStrength[doc]! + p.sat[k]! * share;
          }
        }
        for (const doc of altTouched) {
          if (slotCover[doc] === 0) slotTouched.push(doc);
          slotCover[doc] = Math.max(slotCover[doc]!, alt.weight * altCover[doc]!);
          slotStrength[doc] = Math.max(slotStrength[doc]!, alt.weight * altStrength[doc]!);
          altCover[doc] = 0;
          altStrength[doc] = 0;
        }
        altTouched.length = 0;
      }
      for (const doc of slotTouched) {
        if (total[doc] === 0) touched.push(doc);
        total[doc] = total[doc]! + slot.mass * (COVER_SHARE * slotCover[doc]! + (1 - COVER_SHARE) * slotStrength[doc]!);
        slotCover[doc] = 0;
        slotStrength[doc] = 0;
      }
      slotTouched.length = 0;
    }

    const hits: Array<[number, number]> = [];
    for (const doc of touched) {
      const score = (total[doc]! / totalMass) * kindFactor[doc]!;
      total[doc] = 0;
      if (doc !== exclude && score >= RANKING.minScore) hits.push([doc, score]);
    }
    touched.length = 0;
    hits.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const best = hits[0]?.[1] ?? 0;
    const cut = hits.findIndex(([, s]) => s < best * relative);
    return hits.slice(0, Math.min(limit, cut === -1 ? hits.length : cut)).map(([doc, s]) => [doc, Math.min(1, s)]);
  };
}
