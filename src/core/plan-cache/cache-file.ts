import { createHash } from 'node:crypto';
import type { Plan } from '../../plan/schema.js';
import { synonymsFromJson, synonymsToJson, type InvertedIndex, type Postings, type SynonymJson, type SynonymTable } from '../../search/index.js';
import type { PlanIndexes } from '../plan-search.js';

/** First line of a cache file: the format and its version. */
const MAGIC = 'plan-bot plan cache 1\n';
/** Typed arrays are written in this machine's byte order; a file from another order is not read. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** What a cache file holds: a loaded plan, its inverted indexes and the compiled synonyms, under the key they were built for. */
export interface CachedPlan {
  key: string;
  plan: Plan;
  indexes: PlanIndexes;
  synonyms: SynonymTable;
}

/** The JSON part of an index: everything but the postings' arrays. */
interface IndexHeader {
  size: number;
  terms: string[];
  words: [string, number][];
  /** Number of postings (entries of `docs` and `sat`). */
  postings: number;
}

interface Header {
  key: string;
  littleEndian: boolean;
  plan: Plan;
  synonyms: SynonymJson;
  items: IndexHeader;
  indicators: IndexHeader | null;
}

/**
 * Writes a cached plan as bytes: the magic line, a SHA-256 of everything after it, the JSON header
 * (key, plan, terms and words), then per index the term offsets (Int32), documents (Int32) and
 * saturated weights (Float32) of its postings, each section aligned to 4 bytes.
 */
export function encodeCachedPlan(cached: CachedPlan): Buffer {
  const arrays: ArrayBufferView[] = [];
  const indexHeader = (index: InvertedIndex): IndexHeader => {
    const terms = [...index.postings.keys()];
    const offsets = new Int32Array(terms.length + 1);
    terms.forEach((t, i) => (offsets[i + 1] = offsets[i]! + index.postings.get(t)!.docs.length));
    const total = offsets[terms.length]!;
    const docs = new Int32Array(total);
    const sat = new Float32Array(total);
    terms.forEach((t, i) => {
      const p = index.postings.get(t)!;
      docs.set(p.docs, offsets[i]!);
      sat.set(p.sat, offsets[i]!);
    });
    arrays.push(offsets, docs, sat);
    return { size: index.size, terms, words: [...index.words], postings: total };
  };
  const header: Header = {
    key: cached.key,
    littleEndian: LITTLE_ENDIAN,
    plan: cached.plan,
    synonyms: synonymsToJson(cached.synonyms),
    items: indexHeader(cached.indexes.items),
    indicators: cached.indexes.indicators ? indexHeader(cached.indexes.indicators) : null,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(8);
  length.writeUInt32LE(json.length, 0);
  const pad = Buffer.alloc((4 - (json.length % 4)) % 4);
  const body = Buffer.concat([length, json, pad, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
  return Buffer.concat([Buffer.from(MAGIC), Buffer.from(createHash('sha256').update(body).digest('hex') + '\n'), body]);
}

/**
 * Reads a cache file written by {@link encodeCachedPlan} for `key`. Returns null, never throws, for
 * anything but an intact file of this format built for exactly this key: another key (a stale file),
 * a truncated or damaged one (checksum), another byte order or format version.
 */
export function decodeCachedPlan(bytes: Buffer, key: string): CachedPlan | null {
  try {
    const magic = Buffer.from(MAGIC);
    if (bytes.length < magic.length + 65 + 8 || !bytes.subarray(0, magic.length).equals(magic)) return null;
    const checksum = bytes.toString('latin1', magic.length, magic.length + 64);
    const body = bytes.subarray(magic.length + 65);
    if (createHash('sha256').update(body).digest('hex') !== checksum) return null;
    const jsonLength = body.readUInt32LE(0);
    const header = JSON.parse(body.toString('utf8', 8, 8 + jsonLength)) as Header;
    if (header.key !== key || header.littleEndian !== LITTLE_ENDIAN) return null;
    // Copied into an aligned buffer of its own: the typed arrays are views of it.
    const rest = body.subarray(8 + jsonLength + ((4 - (jsonLength % 4)) % 4));
    const data = new ArrayBuffer(rest.length);
    new Uint8Array(data).set(rest);
    let at = 0;
    const take = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, length: number): T => {
      if (at + length * 4 > data.byteLength) throw new Error('truncated');
      const view = make(data, at, length);
      at += length * 4;
      return view;
    };
    const index = (h: IndexHeader): InvertedIndex => {
      const offsets = take((b, o, n) => new Int32Array(b, o, n), h.terms.length + 1);
      const docs = take((b, o, n) => new Int32Array(b, o, n), h.postings);
      const sat = take((b, o, n) => new Float32Array(b, o, n), h.postings);
      const postings = new Map<string, Postings>();
      for (let t = 0; t < h.terms.length; t++) {
        const from = offsets[t]!;
        const to = offsets[t + 1]!;
        if (!(from >= 0 && from <= to && to <= h.postings)) throw new Error('bad offsets');
        postings.set(h.terms[t]!, { docs: docs.subarray(from, to), sat: sat.subarray(from, to) });
      }
      for (const d of docs) if (!(d >= 0 && d < h.size)) throw new Error('bad document');
      return { size: h.size, postings, words: new Map(h.words) };
    };
    const items = index(header.items);
    const indicators = header.indicators ? index(header.indicators) : null;
    if (at !== data.byteLength || items.size !== header.plan.items.length) return null;
    return { key, plan: header.plan, indexes: { items, indicators }, synonyms: synonymsFromJson(header.synonyms) };
  } catch {
    return null;
  }
}
