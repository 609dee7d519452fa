import { ENGLISH_STOP_WORDS } from './stop-words.js';
import type { SynonymExpression, SynonymTable } from './synonym-table.js';
import { latinTerm, queryTerms, type QueryTerm } from './tokenize.js';
import type { TypoCorrector } from './typo-corrector.js';

/** A set of index terms that together stand for what the user wrote, and how much to trust it. */
export interface Alternative {
  terms: readonly string[];
  weight: number;
}

/**
 * One concept of the query: the user's own term(s) and the alternatives that also satisfy it
 * (synonyms, the word a typo meant). `mass` is how much of the question it carries (idf-based);
 * a document's score is the share of the query's mass it satisfies.
 */
export interface QuerySlot {
  label: string;
  mass: number;
  alternatives: Alternative[];
}

/** What the query builder needs to know about the index. */
export interface QueryContext {
  /** Inverse document frequency of an index term; null when no document has it. */
  idf(term: string): number | null;
  correct: TypoCorrector;
  synonyms: SynonymTable;
  /** The mass given to a term no document has: the user asked about something the plan may not cover. */
  unknownIdf: number;
}

/** How much a synonym counts, relative to the user's own word. */
export const SYNONYM_WEIGHT = 0.8;
/** How much a bare number counts, relative to a word. */
const NUMBER_MASS = 0.5;
/** Lowest weight of a typo correction (at the largest allowed distance). */
const MIN_CORRECTION_WEIGHT = 0.6;

interface Draft {
  own: QueryTerm[];
  alternatives: Alternative[];
  merged: boolean;
  removed: boolean;
}

/**
 * Turns a normalised query into slots: drops stop words, corrects typos of words the index does not
 * know (to an index word, or to a stop word which is then dropped), and adds synonyms, merging
 * the terms of a multi-word expression ("greenhouse gas", 危险废物) into one slot.
 */
export function buildQuery(normalized: string, ctx: QueryContext): QuerySlot[] {
  const drafts = correctTypos(queryTerms(normalized), ctx);
  addSynonyms(normalized, drafts, ctx.synonyms);
  return drafts.filter((d) => !d.removed).map((d) => toSlot(d, ctx));
}

function correctTypos(terms: QueryTerm[], ctx: QueryContext): Draft[] {
  const drafts: Draft[] = [];
  const seen = new Set<string>();
  for (const t of terms) {
    let own = t;
    let weight = 1;
    if (t.script === 'latin' && t.word !== undefined && /^[a-z]+$/.test(t.word) && ctx.idf(t.term) === null) {
      const correction = ctx.correct(t.word);
      if (correction && ENGLISH_STOP_WORDS.has(correction.word)) continue;
      if (correction) {
        own = { ...t, term: latinTerm(correction.word), word: correction.word };
        weight = Math.max(MIN_CORRECTION_WEIGHT, 1 - correction.distance);
      }
    }
    if (own.optional && own.parts.some((p) => ctx.idf(p) === null)) continue;
    if (seen.has(own.term)) continue;
    seen.add(own.term);
    drafts.push({ own: [own], alternatives: [{ terms: own.parts, weight }], merged: false, removed: false });
  }
  return drafts;
}

function addSynonyms(normalized: string, drafts: Draft[], table: SynonymTable): void {
  // A Latin expression can only match where its first stem is a query term: skip the rest cheaply.
  const latinTerms = new Set(drafts.flatMap((d) => d.own.map((t) => t.term)));
  for (const expression of table.expressions) {
    if (expression.han === null ? !latinTerms.has(expression.stems[0]!) : !normalized.includes(expression.han)) continue;
    const at = expression.han !== null ? findHan(normalized, expression, drafts) : findLatin(expression, drafts);
    if (at.length === 0) continue;
    const slot = drafts[at[0]!]!;
    if (at.length > 1) {
      for (const i of at.slice(1)) {
        slot.own.push(...drafts[i]!.own);
        drafts[i]!.removed = true;
      }
      slot.merged = true;
      slot.alternatives = [{ terms: [...new Set(slot.own.flatMap((t) => t.parts))], weight: 1 }];
    }
    for (const other of table.groups[expression.group] ?? []) {
      if (other !== expression) addAlternative(slot, { terms: other.terms, weight: SYNONYM_WEIGHT });
    }
  }
}

function usable(d: Draft): boolean {
  return !d.removed && !d.merged && d.own.length === 1;
}

function findHan(normalized: string, expression: SynonymExpression, drafts: Draft[]): number[] {
  const han = expression.han!;
  if (!normalized.includes(han)) return [];
  const at: number[] = [];
  drafts.forEach((d, i) => {
    if (usable(d) && d.own[0]!.script === 'han' && han.includes(d.own[0]!.term)) at.push(i);
  });
  return at;
}

function findLatin(expression: SynonymExpression, drafts: Draft[]): number[] {
  const k = expression.stems.length;
  for (let i = 0; i + k <= drafts.length; i++) {
    let ok = true;
    for (let j = 0; j < k && ok; j++) {
      const d = drafts[i + j]!;
      ok = usable(d) && d.own[0]!.script === 'latin' && d.own[0]!.term === expression.stems[j];
    }
    if (ok) return Array.from({ length: k }, (_, j) => i + j);
  }
  return [];
}

function addAlternative(draft: Draft, alt: Alternative): void {
  const key = alt.terms.join(' ');
  const existing = draft.alternatives.find((a) => a.terms.join(' ') === key);
  if (existing) existing.weight = Math.max(existing.weight, alt.weight);
  else draft.alternatives.push(alt);
}

function toSlot(d: Draft, ctx: QueryContext): QuerySlot {
  let fallback: number | null = null;
  for (const alt of d.alternatives) {
    for (const term of alt.terms) {
      const idf = ctx.idf(term);
      if (idf !== null && (fallback === null || idf > fallback)) fallback = idf;
    }
  }
  let mass = 0;
  for (const t of d.own) {
    let idf = 0;
    for (const part of t.parts) idf += ctx.idf(part) ?? fallback ?? ctx.unknownIdf;
    mass += (t.weight * idf) / t.parts.length;
  }
  // A bare number ("3", "2021") says little about which item is meant: half the weight of a word.
  if (d.own.every((t) => /^\d+$/.test(t.term))) mass *= NUMBER_MASS;
  return { label: d.own.map((t) => t.term).join('+'), mass, alternatives: d.alternatives };
}
