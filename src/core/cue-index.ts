import { foldTraditional } from '../search/fold-traditional.js';
import type { AnalysedUtterance } from './analysed-utterance.js';
import type { RecogniserCues } from './intent.js';

/** A–Z, a–z, 0–9 and `_`: the characters of a word to a pattern's `\b`. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95;
}

/** ſ (U+017F) and the Kelvin sign (U+212A): letters a case-insensitive Unicode pattern reads as `s` and `k`. */
function foldsToAscii(c: number): boolean {
  return c === 0x17f || c === 0x212a;
}

/** Cue words opening with one character, and for each the bits of the recognisers it is a cue of. */
interface CueWords {
  words: string[];
  bits: number[];
}

/**
 * The router's dispatch: one pass over a message tells which recognisers can possibly accept it, from
 * the cues each declares ({@link RecogniserCues}), so the others are skipped without running a pattern.
 * Built once per list of intents. A recogniser is named by its index in the list it was built from;
 * {@link scan} returns a mask with the bit {@link bit} of each recogniser whose cues the message has
 * (several recognisers may share a bit when there are more than 31: that only runs more of them).
 */
export class CueIndex {
  /** The cue words that open with each ASCII character, by its code, with the bits of the recognisers each is a cue of. */
  readonly #ascii: (CueWords | undefined)[] = [];
  /** The same for the cue words that open with any other character. */
  readonly #other = new Map<number, CueWords>();
  /** The bits of recognisers that declare no cues: they always run. */
  readonly #always: number;
  /** The bits of recognisers for which any text that may name an item is a cue. */
  readonly #item: number;
  /** Every bit in use: once all are set, nothing is left to find. */
  readonly #all: number;

  constructor(cues: ReadonlyArray<RecogniserCues | undefined>) {
    let always = 0;
    let item = 0;
    let all = 0;
    const words = new Map<string, number>();
    cues.forEach((c, i) => {
      const bit = CueIndex.bit(i);
      all |= bit;
      if (!c) {
        always |= bit;
        return;
      }
      if (c.item) item |= bit;
      for (const w of c.words) {
        // Read as the scanned text is: folded to Simplified, in lower case.
        const word = foldTraditional(w).toLowerCase();
        if (word === '') throw new Error('a recogniser cue must not be empty');
        words.set(word, (words.get(word) ?? 0) | bit);
      }
    });
    for (const [word, bits] of words) {
      const first = word.charCodeAt(0);
      let list = first < 128 ? this.#ascii[first] : this.#other.get(first);
      if (!list) {
        list = { words: [], bits: [] };
        if (first < 128) this.#ascii[first] = list;
        else this.#other.set(first, list);
      }
      list.words.push(word);
      list.bits.push(bits);
    }
    this.#always = always;
    this.#item = item;
    this.#all = all;
  }

  /** The bit of the recogniser at `index`. */
  static bit(index: number): number {
    return 1 << index % 31;
  }

  /** The bits of the recognisers that may accept this message. */
  scan(a: AnalysedUtterance): number {
    let mask = this.#words(a.foldedLower, this.#always);
    // Recognisers that read the text in NFKC (full-width letters made plain) find their words there too.
    if (mask !== this.#all && a.nfkc !== a.text) mask = this.#words(a.plainLower, mask);
    if ((mask & this.#item) !== this.#item && a.mayNameAnItem) mask |= this.#item;
    return mask;
  }

  /** `mask` with the bits of every cue word in `s`; a word opening with a letter or digit is looked for only where a word starts. */
  #words(s: string, mask: number): number {
    for (let i = 0; i < s.length && mask !== this.#all; i++) {
      const c = s.charCodeAt(i);
      if (isWordChar(c) && i > 0 && isWordChar(s.charCodeAt(i - 1))) continue;
      // A letter that only a case-insensitive Unicode pattern reads as ASCII: no word list can say, so run them all.
      if (foldsToAscii(c)) return this.#all;
      const list = c < 128 ? this.#ascii[c] : this.#other.get(c);
      if (list === undefined) continue;
      for (let k = 0; k < list.words.length; k++) {
        const bits = list.bits[k]!;
        if ((mask & bits) !== bits && s.startsWith(list.words[k]!, i)) mask |= bits;
      }
    }
    return mask;
  }
}
