import Fuse from 'fuse.js';

/** A word the corrector believes was meant, and how far the typed word was from it (0 exact … 1). */
export interface Correction {
  word: string;
  distance: number;
}

/** Finds the known word a mistyped English word most likely meant, or null when none is close. */
export type TypoCorrector = (word: string) => Correction | null;

/** Typos allowed: one in a word, two from eight letters on. */
function allowedErrors(length: number): number {
  return length >= 8 ? 2 : 1;
}

/** Words shorter than this are only corrected to a stop word ("wht" → "what"), never to a topic word. */
const MIN_TOPIC_WORD = 4;

/**
 * Builds a typo corrector over a vocabulary with fuse.js (Bitap approximate matching). Words are
 * bucketed by first letter and length, since typos rarely hit the first letter and a candidate may
 * differ in length by no more than the typos allowed; each bucket is a small fuse.js list, so that
 * "rual" finds "rural" but not "agricultural". Candidates are then checked by whole-word edit
 * distance, and among equally close ones the more frequent wins. `stopWords` are candidates too,
 * so that a mistyped filler word ("wht") is recognised and dropped.
 */
export function createTypoCorrector(frequency: ReadonlyMap<string, number>, stopWords: Iterable<string>): TypoCorrector {
  const stops = new Set(stopWords);
  const buckets = new Map<string, Set<string>>();
  for (const word of [...frequency.keys(), ...stops]) {
    const key = bucketKey(word[0] ?? '', word.length);
    const bucket = buckets.get(key);
    if (bucket) bucket.add(word);
    else buckets.set(key, new Set([word]));
  }
  const fuses = new Map<string, Fuse<string>>();
  const fuseFor = (key: string): Fuse<string> | undefined => {
    let fuse = fuses.get(key);
    if (!fuse) {
      const words = buckets.get(key);
      if (!words) return undefined;
      fuse = new Fuse([...words], { includeScore: true, threshold: 0.4, ignoreLocation: true, ignoreFieldNorm: true, isCaseSensitive: true });
      fuses.set(key, fuse);
    }
    return fuse;
  };

  // The same word is corrected the same way every time (the vocabulary does not change): remember it.
  const memo = new Map<string, Correction | null>();
  const correct: TypoCorrector = (word) => {
    let found = memo.get(word);
    if (found === undefined) {
      found = closest(word);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(word, found);
    }
    return found && { ...found };
  };
  const closest = (word: string): Correction | null => {
    if (word.length === 0 || word.length > 32) return null;
    const errors = allowedErrors(word.length);
    let best: { word: string; score: number; freq: number } | null = null;
    for (let length = word.length - errors; length <= word.length + errors; length++) {
      const fuse = fuseFor(bucketKey(word[0]!, length));
      if (!fuse) continue;
      for (const hit of fuse.search(word)) {
        const stop = stops.has(hit.item);
        if (word.length < MIN_TOPIC_WORD && !stop) continue;
        // Bitap scores the best substring match ("rice" inside "river"); the whole-word distance decides.
        const distance = editDistance(word, hit.item);
        if (distance > errors) continue;
        // A real word one letter off a stop word ("hot", "line") is more likely meant than the stop word.
        if (stop && isSubstitution(word, hit.item)) continue;
        const score = distance / Math.max(word.length, hit.item.length);
        const freq = frequency.get(hit.item) ?? 0;
        if (!best || score < best.score || (score === best.score && freq > best.freq)) best = { word: hit.item, score, freq };
      }
    }
    return best && { word: best.word, distance: best.score };
  };
  return correct;
}

/** Words remembered by a corrector before it starts again (a bound on memory, whatever people type). */
const MEMO_LIMIT = 10_000;

function bucketKey(first: string, length: number): string {
  return `${first}${length}`;
}

/** Same length and same letters in another order is a swap ("teh"); otherwise a same-length edit is a substitution. */
function isSubstitution(a: string, b: string): boolean {
  return a.length === b.length && [...a].sort().join('') !== [...b].sort().join('');
}

/**
 * Edits (insertion, deletion, substitution, swap of neighbours) between two short words: the optimal
 * string alignment distance. Only run on the few candidates fuse.js returns.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}
