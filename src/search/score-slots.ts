import { SYNONYM_WEIGHT, type QuerySlot } from './build-query.js';
import type { Postings } from './inverted-index.js';
import type { SynonymTable } from './synonym-table.js';

/** How much of a score is coverage of the query (the rest is match strength). */
export const COVER_SHARE = 0.6;

/** Which hits a scorer keeps. */
export interface ScoreLimits {
  limit: number;
  /** Absolute floor: below it nothing is relevant, unless the document matches {@link ScoreLimits.minMatched}. */
  minScore: number;
  /**
   * Matched query mass (idf-weighted, not divided by the question's length) that keeps a document below
   * `minScore`: a question padded with words the plan does not use still finds what it names.
   */
  minMatched: number;
  /** Relative floor, as a share of the best score. */
  relative: number;
  /** A document never to return (one already answered), or -1. */
  exclude: number;
}

/** The documents an alternative finds, with its coverage (share of its terms present) and strength (their mean saturated frequency) in each. */
interface AlternativeMatches {
  docs: Int32Array;
  cover: Float64Array;
  strength: Float64Array;
}

/** Scores query slots against the index: [document, score, matched mass] triples, best first. */
export type Scorer = (slots: readonly QuerySlot[], limits: ScoreLimits) => Array<[number, number, number]>;

/**
 * The scoring loop. Per slot, a document takes its best alternative; an alternative of several
 * terms counts by the share of its terms present (coverage) and their mean saturated term frequency
 * (strength). A document's score blends the share of the query's mass it covers with how strongly
 * it matches (title and aliases beat a passing mention), so a partial match of the question stays low.
 * `docFactor` scales each document's score (groups are only headings). Scratch arrays are reused
 * across queries; the index is single-threaded. `synonyms` is the table that slots'
 * {@link QuerySlot.synonymsOf} refer to (needed only when a slot has some).
 */
export function createScorer(n: number, postings: ReadonlyMap<string, Postings>, docFactor: Float64Array, synonyms?: SynonymTable): Scorer {
  const altStrength = new Float64Array(n);
  const altCover = new Float64Array(n);
  const slotStrength = new Float64Array(n);
  const slotCover = new Float64Array(n);
  const total = new Float64Array(n);
  // The documents touched at each level, as stacks over typed arrays (a document is on each at most once).
  const altTouched = new Int32Array(n);
  let altCount = 0;
  const slotTouched = new Int32Array(n);
  let slotCount = 0;
  const touched = new Int32Array(n);
  let touchedCount = 0;
  const kept = new Int32Array(n);
  const keptScore = new Float64Array(n);
  const keptMatched = new Float64Array(n);
  // Best score first; equal scores by document number.
  const ranksBefore = (a: number, b: number): boolean => keptScore[a]! > keptScore[b]! || (keptScore[a] === keptScore[b] && a < b);

  /** The matches gathered in the alternative's scratch arrays, which are left clear; `cover` is 1 for every document when `oneTerm`. */
  const takeGathered = (oneTerm: boolean): AlternativeMatches => {
    const found: AlternativeMatches = { docs: altTouched.slice(0, altCount), cover: new Float64Array(altCount), strength: new Float64Array(altCount) };
    for (let k = 0; k < altCount; k++) {
      const doc = altTouched[k]!;
      // One term: the document has it (cover 1) with its saturated frequency, as read from the postings.
      found.cover[k] = oneTerm ? 1 : altCover[doc]!;
      found.strength[k] = altStrength[doc]!;
      altCover[doc] = 0;
      altStrength[doc] = 0;
    }
    altCount = 0;
    return found;
  };

  // What each synonym expression finds, by its id: the same whatever the query, so found once.
  const synonymMatches: Array<AlternativeMatches | undefined> = [];
  const matchesOf = (terms: readonly string[]): AlternativeMatches => {
    for (const term of terms) {
      const p = postings.get(term);
      if (!p) continue;
      for (let k = 0; k < p.docs.length; k++) {
        const doc = p.docs[k]!;
        if (altCover[doc] === 0) altTouched[altCount++] = doc;
        altCover[doc] = altCover[doc]! + 1 / terms.length;
        altStrength[doc] = altStrength[doc]! + p.sat[k]! * (1 / terms.length);
      }
    }
    return takeGathered(terms.length === 1);
  };
  const expressionMatches = (id: number, terms: readonly string[]): AlternativeMatches => {
    // Filled densely up to the id, so that the array keeps fast elements rather than becoming a dictionary.
    while (synonymMatches.length <= id) synonymMatches.push(undefined);
    return (synonymMatches[id] ??= matchesOf(terms));
  };

  // What the other expressions of a matched expression's group find, by the matched one's id: per document
  // the best coverage and the best strength of any of them (a slot takes the best alternative of each anyway).
  const groupMatches: Array<AlternativeMatches | undefined> = [];
  const othersOf = (id: number): AlternativeMatches => {
    if (!synonyms) throw new Error('a slot names synonym expressions, but the scorer was built without their table');
    const expression = synonyms.expressions[id]!;
    // What each finds first: finding it uses the same scratch arrays as the merge below.
    const others: AlternativeMatches[] = [];
    for (const other of synonyms.groups[expression.group] ?? []) if (other !== expression) others.push(expressionMatches(other.id, other.terms));
    for (const found of others) {
      for (let k = 0; k < found.docs.length; k++) {
        const doc = found.docs[k]!;
        if (altCover[doc] === 0) altTouched[altCount++] = doc;
        if (found.cover[k]! > altCover[doc]!) altCover[doc] = found.cover[k]!;
        if (found.strength[k]! > altStrength[doc]!) altStrength[doc] = found.strength[k]!;
      }
    }
    return takeGathered(false);
  };
  /** Takes into the slot what an alternative's matches give at `weight`: the best coverage and strength per document. */
  const takeMatches = (found: AlternativeMatches, weight: number): void => {
    for (let k = 0; k < found.docs.length; k++) {
      const doc = found.docs[k]!;
      if (slotCover[doc] === 0) slotTouched[slotCount++] = doc;
      const cover = weight * found.cover[k]!;
      if (cover > slotCover[doc]!) slotCover[doc] = cover;
      const strength = weight * found.strength[k]!;
      if (strength > slotStrength[doc]!) slotStrength[doc] = strength;
    }
  };

  return (slots, { limit, minScore, minMatched, relative, exclude }) => {
    let totalMass = 0;
    for (const slot of slots) totalMass += slot.mass;
    if (totalMass <= 0) return [];
    for (const slot of slots) {
      // The best of a group's other expressions at the synonym weight is the best of them each at that weight.
      for (const id of slot.synonymsOf) {
        while (groupMatches.length <= id) groupMatches.push(undefined);
        takeMatches((groupMatches[id] ??= othersOf(id)), SYNONYM_WEIGHT);
      }
      for (const alt of slot.alternatives) {
        if (alt.synonym !== undefined) {
          takeMatches(expressionMatches(alt.synonym, alt.terms), alt.weight);
          continue;
        }
        if (alt.terms.length === 1) {
          // One term: no mean to take, so the slot takes the postings directly.
          const p = postings.get(alt.terms[0]!);
          if (!p) continue;
          for (let k = 0; k < p.docs.length; k++) {
            const doc = p.docs[k]!;
            if (slotCover[doc] === 0) slotTouched[slotCount++] = doc;
            if (alt.weight > slotCover[doc]!) slotCover[doc] = alt.weight;
            const strength = alt.weight * p.sat[k]!;
            if (strength > slotStrength[doc]!) slotStrength[doc] = strength;
          }
          continue;
        }
        const share = 1 / alt.terms.length;
        for (const term of alt.terms) {
          const p = postings.get(term);
          if (!p) continue;
          for (let k = 0; k < p.docs.length; k++) {
            const doc = p.docs[k]!;
            if (altCover[doc] === 0) altTouched[altCount++] = doc;
            altCover[doc] = altCover[doc]! + share;
            altStrength[doc] = altStrength[doc]! + p.sat[k]! * share;
          }
        }
        for (let k = 0; k < altCount; k++) {
          const doc = altTouched[k]!;
          if (slotCover[doc] === 0) slotTouched[slotCount++] = doc;
          slotCover[doc] = Math.max(slotCover[doc]!, alt.weight * altCover[doc]!);
          slotStrength[doc] = Math.max(slotStrength[doc]!, alt.weight * altStrength[doc]!);
          altCover[doc] = 0;
          altStrength[doc] = 0;
        }
        altCount = 0;
      }
      for (let k = 0; k < slotCount; k++) {
        const doc = slotTouched[k]!;
        if (total[doc] === 0) touched[touchedCount++] = doc;
        total[doc] = total[doc]! + slot.mass * (COVER_SHARE * slotCover[doc]! + (1 - COVER_SHARE) * slotStrength[doc]!);
        slotCover[doc] = 0;
        slotStrength[doc] = 0;
      }
      slotCount = 0;
    }

    // The best documents above the floors, in rank order; a triple is made only for those returned.
    let keptCount = 0;
    for (let k = 0; k < touchedCount; k++) {
      const doc = touched[k]!;
      const matched = total[doc]! * docFactor[doc]!;
      const score = matched / totalMass;
      total[doc] = 0;
      if (doc !== exclude && (score >= minScore || matched >= minMatched)) {
        keptScore[doc] = score;
        keptMatched[doc] = matched;
        // Only the best `limit` are kept, in order: a few, so each finds its place from the end.
        let at = keptCount;
        while (at > 0 && ranksBefore(doc, kept[at - 1]!)) at--;
        if (at < limit) {
          if (keptCount < limit) keptCount++;
          for (let i = keptCount - 1; i > at; i--) kept[i] = kept[i - 1]!;
          kept[at] = doc;
        }
      }
    }
    touchedCount = 0;
    const best = keptCount > 0 ? keptScore[kept[0]!]! : 0;
    const hits: Array<[number, number, number]> = [];
    // Best first, so the first hit below the relative floor ends the list.
    for (let i = 0; i < keptCount; i++) {
      const doc = kept[i]!;
      if (keptScore[doc]! < best * relative) break;
      hits.push([doc, Math.min(1, keptScore[doc]!), keptMatched[doc]!]);
    }
    return hits;
  };
}
