import { ENGLISH_STOP_WORDS } from './stop-words.js';
import type { SynonymExpression, SynonymTable } from './synonym-table.js';
import { latinTerm, queryTerms, type QueryTerm } from './tokenize.js';
import type { TypoCorrector } from './typo-corrector.js';

/** A set of index terms that together stand for what the user wrote, and how much to trust it. */
export interface Alternative {
  terms: readonly string[];
  weight: number;
  /** For a synonym, the {@link SynonymExpression.id} it comes from: its terms are always the same, so a scorer may keep their postings. */
  synonym?: number;
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
  /**
   * The synonym expressions the slot matched, by {@link SynonymExpression.id}: every other expression of
   * each one's group satisfies the slot too, at {@link SYNONYM_WEIGHT}. A scorer keeps what each such
   * group finds, so a slot pays one walk per expression matched rather than one per synonym;
   * {@link expandSynonyms} lists them among the alternatives instead (empty then).
   */
  synonymsOf: readonly number[];
}

/** What the query builder needs to know about the index. */
export interface QueryContext {
  /** Inverse document frequency of an index term; null when no document has it. */
  idf(term: string): number | null;
  correct: TypoCorrector;
  synonyms: SynonymTable;
  /** The mass given to a term no document has: the user asked about something the plan may not cover. */
  unknownIdf: number;
  /**
   * The highest idf of the terms of the synonym expression `id` (null when no document has any), which an
   * index may keep since they never change; without it they are read term by term.
   */
  expressionIdf?: (id: number, terms: readonly string[]) => number | null;
}

/** The highest idf of some terms; null when no document has any of them. */
export function highestIdfOf(terms: readonly string[], idf: QueryContext['idf']): number | null {
  let best: number | null = null;
  for (const term of terms) {
    const value = idf(term);
    if (value !== null && (best === null || value > best)) best = value;
  }
  return best;
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
  /** See {@link QuerySlot.synonymsOf}. */
  synonymsOf: number[];
  merged: boolean;
  removed: boolean;
  /** The idf of its one term's one part when correctTypos has read it (null: no document has it), else undefined. */
  ownIdf: number | null | undefined;
}

/**
 * Turns a normalised query into slots: drops stop words, corrects typos of words the index does not
 * know (to an index word, or to a stop word which is then dropped), and adds synonyms, merging
 * the terms of a multi-word expression ("greenhouse gas", 危险废物) into one slot.
 */
export function buildQuery(normalized: string, ctx: QueryContext): QuerySlot[] {
  const drafts = correctTypos(queryTerms(normalized), ctx);
  addSynonyms(normalized, drafts, ctx.synonyms);
  const slots: QuerySlot[] = [];
  for (const d of drafts) if (!d.removed) slots.push(toSlot(d, ctx));
  return slots;
}

/**
 * The same slots with each synonym listed as an alternative of its own (marked with its expression's
 * id), as {@link QuerySlot.synonymsOf} stands for them: an alternative appears once, with the higher
 * weight when the user's own term is also a synonym. Scores the same; easier to read (explain, tests).
 */
export function expandSynonyms(slots: readonly QuerySlot[], table: SynonymTable): QuerySlot[] {
  return slots.map((slot) => {
    if (slot.synonymsOf.length === 0) return slot;
    const alternatives = slot.alternatives.map((a) => ({ ...a }));
    const keys = alternatives.map((a) => a.terms.join(' '));
    for (const id of slot.synonymsOf) {
      const expression = table.expressions[id]!;
      for (const other of table.groups[expression.group] ?? []) {
        if (other === expression) continue;
        const at = keys.indexOf(other.key);
        if (at >= 0) alternatives[at]!.weight = Math.max(alternatives[at]!.weight, SYNONYM_WEIGHT);
        else {
          alternatives.push({ terms: other.terms, weight: SYNONYM_WEIGHT, synonym: other.id });
          keys.push(other.key);
        }
      }
    }
    return { ...slot, alternatives, synonymsOf: NO_SYNONYMS };
  });
}

const NO_SYNONYMS: readonly number[] = Object.freeze([]);

function correctTypos(terms: readonly QueryTerm[], ctx: QueryContext): Draft[] {
  const drafts: Draft[] = [];
  for (const t of terms) {
    let own = t;
    let weight = 1;
    // A Latin term's one part is its term, and a bridging bigram has one part: what is read here is kept for toSlot.
    let ownIdf: number | null | undefined;
    if (t.script === 'latin' && t.word !== undefined && LETTERS_ONLY.test(t.word) && (ownIdf = ctx.idf(t.term)) === null) {
      ownIdf = undefined;
      const correction = ctx.correct(t.word);
      if (correction && ENGLISH_STOP_WORDS.has(correction.word)) continue;
      if (correction) {
        own = { ...t, term: latinTerm(correction.word), word: correction.word };
        weight = Math.max(MIN_CORRECTION_WEIGHT, 1 - correction.distance);
      }
    }
    if (own.optional) {
      if (own.parts.length !== 1) {
        if (own.parts.some((p) => ctx.idf(p) === null)) continue;
      } else if ((ownIdf = ctx.idf(own.parts[0]!)) === null) continue;
    }
    if (hasOwnTerm(drafts, own.term)) continue;
    drafts.push({ own: [own], alternatives: [{ terms: own.parts, weight }], synonymsOf: [], merged: false, removed: false, ownIdf });
  }
  return drafts;
}

/** A word the typo corrector may look at: lower-case letters only. */
const LETTERS_ONLY = /^[a-z]+$/;

/** Whether a draft already has the term as its own (each has one own term until synonyms merge them; a question has a few). */
function hasOwnTerm(drafts: readonly Draft[], term: string): boolean {
  for (const d of drafts) if (d.own[0]!.term === term) return true;
  return false;
}

function addSynonyms(normalized: string, drafts: Draft[], table: SynonymTable): void {
  for (const i of candidateExpressions(normalized, drafts, table)) {
    const expression = table.expressions[i]!;
    const at = expression.han !== null ? findHan(expression, drafts) : findLatin(expression, drafts);
    if (at.length === 0) continue;
    const slot = drafts[at[0]!]!;
    if (at.length > 1) {
      for (let k = 1; k < at.length; k++) {
        const other = drafts[at[k]!]!;
        for (const t of other.own) slot.own.push(t);
        other.removed = true;
      }
      slot.merged = true;
      slot.alternatives = [{ terms: distinctParts(slot.own), weight: 1 }];
      slot.synonymsOf = [];
    }
    // A group of one expression has no other to add.
    if ((table.groups[expression.group]?.length ?? 0) > 1) slot.synonymsOf.push(expression.id);
  }
}

/** The parts of some terms, each once, in order of first appearance. */
function distinctParts(terms: readonly QueryTerm[]): string[] {
  const parts: string[] = [];
  for (const t of terms) for (const p of t.parts) if (!parts.includes(p)) parts.push(p);
  return parts;
}

/**
 * Positions (ascending: the table's order, longest first) of the expressions that may match: a Latin
 * one only where its first stem is a query term, a Chinese one only where the query contains it.
 * Looked up by the query's own terms and characters rather than by trying every expression.
 */
function candidateExpressions(normalized: string, drafts: readonly Draft[], table: SynonymTable): number[] {
  const out: number[] = [];
  // Each draft has one term of its own yet, and no two drafts the same one (see correctTypos). Only a
  // Latin term can start a Latin expression that findLatin accepts.
  for (const d of drafts) {
    const own = d.own[0]!;
    if (own.script !== 'latin') continue;
    const at = table.latinByFirstStem.get(own.term);
    if (at) for (const j of at) insertOnce(out, j);
  }
  addHanExpressions(normalized, table, out);
  return out;
}

/** Positions (ascending) of the Chinese expressions of a table that a text contains. */
export function hanExpressionsIn(normalized: string, table: SynonymTable): number[] {
  const out: number[] = [];
  addHanExpressions(normalized, table, out);
  return out;
}

/**
 * Adds to an ascending list the Chinese expressions the text contains. One starts with a Han character
 * (never an ASCII one): it is in the text where the text has its first character and, from there, the rest.
 */
function addHanExpressions(normalized: string, table: SynonymTable, out: number[]): void {
  const { first, text, start, length, id } = table.hanScan;
  for (let i = 0; i < normalized.length; i++) {
    const code = normalized.charCodeAt(i);
    if (code < 0x80) continue;
    for (let k = firstAtLeast(first, code); k < first.length && first[k] === code; k++) {
      if (sameChars(normalized, i, text, start[k]!, length[k]!)) insertOnce(out, id[k]!);
    }
  }
}

/** The first position of an ascending array whose value is at least `value` (its length when none is). */
function firstAtLeast(sorted: Uint16Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether `a` has, from `at`, the `length` code units `b` has from `from`. */
function sameChars(a: string, at: number, b: string, from: number, length: number): boolean {
  if (at + length > a.length) return false;
  for (let k = 0; k < length; k++) if (a.charCodeAt(at + k) !== b.charCodeAt(from + k)) return false;
  return true;
}

/** Adds a position to an ascending list unless it is there already (the lists hold a handful). */
function insertOnce(list: number[], value: number): void {
  let at = list.length;
  while (at > 0 && list[at - 1]! > value) at--;
  if (at > 0 && list[at - 1] === value) return;
  if (at === list.length) list.push(value);
  else list.splice(at, 0, value);
}

function usable(d: Draft): boolean {
  return !d.removed && !d.merged && d.own.length === 1;
}

/** The drafts a Chinese expression the query contains (see candidateExpressions) is made of. */
function findHan(expression: SynonymExpression, drafts: Draft[]): number[] {
  const han = expression.han!;
  const at: number[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    if (usable(d) && d.own[0]!.script === 'han' && han.includes(d.own[0]!.term)) at.push(i);
  }
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
    if (ok) {
      const at: number[] = [];
      for (let j = 0; j < k; j++) at.push(i + j);
      return at;
    }
  }
  return [];
}

/** The highest idf of any term of a draft's alternatives and synonyms; null when no document has any of them. */
function highestIdf(d: Draft, ctx: QueryContext): number | null {
  let best: number | null = null;
  for (const alt of d.alternatives) best = higher(best, highestIdfOf(alt.terms, ctx.idf));
  for (const id of d.synonymsOf) {
    const expression = ctx.synonyms.expressions[id]!;
    for (const other of ctx.synonyms.groups[expression.group] ?? []) {
      if (other !== expression) best = higher(best, ctx.expressionIdf ? ctx.expressionIdf(other.id, other.terms) : highestIdfOf(other.terms, ctx.idf));
    }
  }
  return best;
}

/** The higher of two idfs, either of which may be null (no document has the term). */
function higher(a: number | null, b: number | null): number | null {
  return b !== null && (a === null || b > a) ? b : a;
}

const DIGITS_ONLY = /^\d+$/;

/** Whether every term is a bare number. */
function allNumbers(terms: readonly QueryTerm[]): boolean {
  for (const t of terms) if (!DIGITS_ONLY.test(t.term)) return false;
  return true;
}

function toSlot(d: Draft, ctx: QueryContext): QuerySlot {
  // A part no document has counts as the slot's best-known term (found only then), or as unknown.
  let fallback: number | null | undefined;
  let mass = 0;
  const single = d.own.length === 1 && d.own[0]!.parts.length === 1;
  for (const t of d.own) {
    let idf = 0;
    for (const part of t.parts) {
      let known = single && d.ownIdf !== undefined ? d.ownIdf : ctx.idf(part);
      if (known === null) known = (fallback === undefined ? (fallback = highestIdf(d, ctx)) : fallback) ?? ctx.unknownIdf;
      idf += known;
    }
    mass += (t.weight * idf) / t.parts.length;
  }
  // A bare number ("3", "2021") says little about which item is meant: half the weight of a word.
  if (allNumbers(d.own)) mass *= NUMBER_MASS;
  return { label: d.own.length === 1 ? d.own[0]!.term : d.own.map((t) => t.term).join('+'), mass, alternatives: d.alternatives, synonymsOf: d.synonymsOf };
}
