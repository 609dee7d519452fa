import { foldText } from './normalize.js';
import { scanRuns, type RunKind } from './scan-runs.js';
import { ENGLISH_STOP_WORDS } from './stop-words.js';
import { isEnglishWord, latinTerm } from './tokenize.js';

/** A field of the documents: its BM25F weight and length normalisation `b`. */
export interface FieldSpec {
  weight: number;
  b: number;
}

/** The documents that contain a term and how strongly. */
export interface Postings {
  docs: Int32Array;
  /** Saturated term frequency tf / (k1 + tf), after field weighting and length normalisation, in 0..1. */
  sat: Float32Array;
}

/** An inverted index: postings per term, and the English words seen (the typo corrector's vocabulary). */
export interface InvertedIndex {
  size: number;
  postings: Map<string, Postings>;
  /** English words of the documents with the number of documents their term occurs in. */
  words: Map<string, number>;
}

/** Most fields a document may have: counts are packed a byte per field into one 32-bit integer. */
const MAX_FIELDS = 4;
const MAX_COUNT = 255;
// Han characters of the BMP blocks most text uses get numeric term keys, so indexing them creates no strings.
const HAN_LOW = 0x3400;
const HAN_HIGH = 0xa000;
const HAN_SPAN = HAN_HIGH - HAN_LOW;

/**
 * Builds BM25F postings in one tokenising pass. Each (term, document) pair is appended to a flat log
 * with its per-field counts packed in one integer; at the end the log is bucketed by term (a counting
 * sort) and turned into saturated weights, now that average field lengths are known. Terms are
 * interned to numbers, and Chinese characters and bigrams are keyed by character codes.
 */
export function buildInvertedIndex(docs: ReadonlyArray<readonly string[]>, fields: readonly FieldSpec[], k1: number): InvertedIndex {
  if (fields.length > MAX_FIELDS) throw new Error(`at most ${MAX_FIELDS} fields can be indexed`);
  const nFields = fields.length;
  const terms = new TermTable();
  const log = new PostingLog();
  const lengths = new Float64Array(docs.length * nFields);
  const words = new Map<string, number>();
  let doc = 0;
  let shift = 0;
  let length = 0;

  const occur = (id: number): void => {
    const at = terms.touch(id, doc, log);
    const pack = log.pack[at]!;
    if (((pack >>> shift) & MAX_COUNT) < MAX_COUNT) log.pack[at] = pack + (1 << shift);
    length++;
  };
  // Latin runs repeat a lot: one lookup gives the term id (-1 for a stop word).
  const latinIds = new Map<string, number>();
  const visit = (kind: RunKind, run: string): void => {
    if (kind === 'latin') {
      let id = latinIds.get(run);
      if (id === undefined) {
        id = ENGLISH_STOP_WORDS.has(run) ? -1 : terms.idOf(latinTerm(run));
        latinIds.set(run, id);
        if (id >= 0 && isEnglishWord(run)) words.set(run, id);
      }
      if (id >= 0) occur(id);
    } else if (kind === 'other') occur(terms.idOf(run));
    else indexHan(run);
  };
  // Every character and every bigram of a Han run; common characters are keyed by their codes.
  const indexHan = (run: string): void => {
    let prev = -1;
    for (let i = 0; i < run.length; i++) {
      const code = run.charCodeAt(i);
      if (code < HAN_LOW || code >= HAN_HIGH) {
        // Rare characters (surrogate pairs, compatibility ideographs) take the string path.
        const chars = Array.from(run.slice(i));
        let last: string | null = i > 0 ? run[i - 1]! : null;
        for (const ch of chars) {
          occur(terms.idOf(ch));
          if (last !== null) occur(terms.idOf(last + ch));
          last = ch;
        }
        return;
      }
      occur(terms.hanCharId(code - HAN_LOW, run[i]!));
      if (prev >= 0) occur(terms.hanBigramId((prev - HAN_LOW) * HAN_SPAN + (code - HAN_LOW), run.slice(i - 1, i + 1)));
      prev = code;
    }
  };

  for (doc = 0; doc < docs.length; doc++) {
    for (let f = 0; f < nFields; f++) {
      shift = 8 * f;
      length = 0;
      scanRuns(foldText(docs[doc]![f] ?? ''), visit);
      lengths[doc * nFields + f] = length;
    }
  }
  const postings = bucket(terms, log, lengths, fields, k1);
  // A word's frequency is its term's document frequency: enough to break ties between corrections.
  const frequency = new Map<string, number>();
  for (const [word, id] of words) frequency.set(word, postings.get(terms.names[id]!)?.docs.length ?? 0);
  return { size: docs.length, postings, words: frequency };
}

function bucket(terms: TermTable, log: PostingLog, lengths: Float64Array, fields: readonly FieldSpec[], k1: number): Map<string, Postings> {
  const nFields = fields.length;
  const nDocs = lengths.length / Math.max(1, nFields);
  const avg = fields.map((_, f) => {
    let sum = 0;
    for (let d = 0; d < nDocs; d++) sum += lengths[d * nFields + f]!;
    return Math.max(1, sum / Math.max(1, nDocs));
  });
  const nTerms = terms.names.length;
  const start = new Int32Array(nTerms + 1);
  for (let k = 0; k < log.size; k++) start[log.term[k]! + 1]!++;
  for (let t = 0; t < nTerms; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, nTerms);
  // BM25F weight of one occurrence in each field of each document.
  const norm = new Float64Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) {
    const { weight, b } = fields[i % nFields]!;
    norm[i] = weight / (1 - b + (b * lengths[i]!) / avg[i % nFields]!);
  }
  const allDocs = new Int32Array(log.size);
  const allSat = new Float32Array(log.size);
  for (let k = 0; k < log.size; k++) {
    const at = fill[log.term[k]!]!++;
    const d = log.doc[k]!;
    const pack = log.pack[k]!;
    let tf = 0;
    for (let f = 0, base = d * nFields; f < nFields; f++) tf += ((pack >>> (8 * f)) & MAX_COUNT) * norm[base + f]!;
    allDocs[at] = d;
    allSat[at] = tf / (k1 + tf);
  }
  const postings = new Map<string, Postings>();
  for (let t = 0; t < nTerms; t++) {
    postings.set(terms.names[t]!, { docs: allDocs.subarray(start[t]!, start[t + 1]!), sat: allSat.subarray(start[t]!, start[t + 1]!) });
  }
  return postings;
}

/** Interned terms: a number per distinct term, and where the current document's posting of each term is. */
class TermTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly hanChars = new Int32Array(HAN_SPAN).fill(-1);
  private readonly hanBigrams = new Map<number, number>();
  private lastDoc: Int32Array = new Int32Array(1024).fill(-1);
  private lastAt: Int32Array = new Int32Array(1024);

  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.add(term);
      this.ids.set(term, id);
    }
    return id;
  }

  /** A common Han character by its offset in the Han blocks; `name` is only read the first time. */
  hanCharId(offset: number, name: string): number {
    let id = this.hanChars[offset]!;
    if (id < 0) this.hanChars[offset] = id = this.idOf(name);
    return id;
  }

  /** A bigram of common Han characters by a numeric key; `name` is only read the first time. */
  hanBigramId(key: number, name: string): number {
    let id = this.hanBigrams.get(key);
    if (id === undefined) {
      id = this.idOf(name);
      this.hanBigrams.set(key, id);
    }
    return id;
  }

  /** The log position of the posting of term `id` in document `doc`, appended when new. */
  touch(id: number, doc: number, log: PostingLog): number {
    if (this.lastDoc[id] === doc) return this.lastAt[id]!;
    const at = log.append(id, doc);
    this.lastDoc[id] = doc;
    this.lastAt[id] = at;
    return at;
  }

  private add(term: string): number {
    const id = this.names.length;
    this.names.push(term);
    if (id >= this.lastDoc.length) {
      const lastDoc = new Int32Array(this.lastDoc.length * 2).fill(-1);
      lastDoc.set(this.lastDoc);
      this.lastDoc = lastDoc;
      const lastAt = new Int32Array(this.lastAt.length * 2);
      lastAt.set(this.lastAt);
      this.lastAt = lastAt;
    }
    return id;
  }
}

/** (term, document, packed field counts) triples in growable typed arrays. */
class PostingLog {
  size = 0;
  term: Int32Array = new Int32Array(1 << 16);
  doc: Int32Array = new Int32Array(1 << 16);
  pack: Int32Array = new Int32Array(1 << 16);

  append(term: number, doc: number): number {
    if (this.size === this.term.length) this.grow();
    const at = this.size++;
    this.term[at] = term;
    this.doc[at] = doc;
    this.pack[at] = 0;
    return at;
  }

  private grow(): void {
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.term = grow(this.term);
    this.doc = grow(this.doc);
    this.pack = grow(this.pack);
  }
}
