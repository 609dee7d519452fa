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
 * bucketed by first letter, since typos rarely hit the first letter and a bucket is a fraction of
 * the vocabulary; a candidate must also be within the allowed number of typos in length, so that
 * "rual" finds "rural" but not "agricultural". Among equally close candidates the more frequent wins.
 * `stopWords` are candidates too, so that a mistyped filler word is recognised and dropped.
 */
export function createTypoCorrector(frequency: ReadonlyMap<string, number>, stopWords: Iterable<string>): TypoCorrector {
  const stops = new Set(stopWords);
  const buckets = new Map<string, string[]>();
  for (const word of [...frequency.keys(), ...stops]) {
    const bucket = buckets.get(word[0] ?? '');
    if (bucket) bucket.push(word);
    else buckets.set(word[0] ?? '', [word]);
  }
  const fuses = new Map<string, Fuse<string>>();
  const fuseFor = (first: string): Fuse<string> | undefined => {
    let fuse = fuses.get(first);
    if (!fuse) {
      const words = buckets.get(first);
      if (!words) return undefined;
      fuse = new Fuse([...new Set(words)], {
        includeScore: true,
        threshold: 0.4,
        ignoreLocation: true,
        ignoreFieldNorm: true,
        isCaseSensitive: true,
      });
      fuses.set(first, fuse);
    }
    return fuse;
  };

  return (word) => {
    const fuse = fuseFor(word[0] ?? '');
    if (!fuse || word.length > 32) return null;
    const errors = allowedErrors(word.length);
    let best: { word: string; score: number; freq: number } | null = null;
    for (const hit of fuse.search(word)) {
      if (Math.abs(hit.item.length - word.length) > errors) continue;
      if (word.length < MIN_TOPIC_WORD && !stops.has(hit.item)) continue;
      // Bitap scores the best substring match ("rice" inside "river"); the whole-word distance decides.
      const distance = editDistance(word, hit.item);
      if (distance > errors) continue;
      const score = distance / Math.max(word.length, hit.item.length);
      const freq = frequency.get(hit.item) ?? 0;
      if (!best || score < best.score || (score === best.score && freq > best.freq)) best = { word: hit.item, score, freq };
    }
    return best && { word: best.word, distance: best.score };
  };
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
