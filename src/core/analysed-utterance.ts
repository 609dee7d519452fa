import { foldTraditional } from '../search/fold-traditional.js';
import { mayNameAnItem, readItemRef, type FoundItemRef } from '../search/parse-item-ref.js';
import type { Lang } from './reply.js';
import type { Utterance } from './intent.js';
import { isInterrogativePlain, leadingReportVerb, mistypedReportVerbPlain } from './utterance-form.js';
import { nfkc } from '../search/normalize.js';

/**
 * One message as every recogniser reads it, read once: the router makes one per message and hands the
 * same one to each recogniser in turn, so the readings several of them need (the text folded to
 * Simplified and lower case, whether it asks, the item it names, a report verb, right or mistyped) are computed
 * the first time one asks and shared after. Each reading is the result of the one resolver for its
 * concept (`isInterrogative`, `findItemRef` …), never a second reading of the words. Lives for one
 * message only: nothing is kept across messages.
 */
export class AnalysedUtterance implements Utterance {
  readonly text: string;
  readonly lang: Lang;
  #folded?: string;
  #foldedLower?: string;
  #lower?: string;
  #nfkc?: string;
  #plain?: string;
  #plainLower?: string;
  #interrogative?: boolean;
  #itemRef?: FoundItemRef | null;
  #mayNameAnItem?: boolean;
  #reportVerb?: number | null;
  #mistypedVerb?: number | null;

  constructor(text: string, lang: Lang) {
    this.text = text;
    this.lang = lang;
  }

  /** The text with Traditional characters folded to Simplified (same length, same offsets). */
  get folded(): string {
    return (this.#folded ??= foldTraditional(this.text));
  }

  /** {@link folded} in lower case: what most cue patterns read ("列出大氣相關任務" → "列出大气相关任务"). */
  get foldedLower(): string {
    return (this.#foldedLower ??= this.folded.toLowerCase());
  }

  /** The text in lower case, not folded. */
  get lower(): string {
    // With no Traditional character the folded text is the text itself: one lower case for both.
    return (this.#lower ??= this.folded === this.text ? this.foldedLower : this.text.toLowerCase());
  }

  /** The text in Unicode NFKC (full-width letters and digits made plain). */
  get nfkc(): string {
    return (this.#nfkc ??= nfkc(this.text));
  }

  /** {@link nfkc} with Traditional characters folded to Simplified: the form yes/no answers and report verbs are read in. */
  get plain(): string {
    // Most text is its own NFKC (ASCII and Chinese): then it folds as the text does.
    return (this.#plain ??= this.nfkc === this.text ? this.folded : foldTraditional(this.nfkc));
  }

  /** {@link plain} in lower case: the form the cue patterns of a reason or a question read. */
  get plainLower(): string {
    return (this.#plainLower ??= this.plain === this.folded ? this.foldedLower : this.plain.toLowerCase());
  }

  /** Whether the message asks rather than tells (`isInterrogative`). */
  get interrogative(): boolean {
    return (this.#interrogative ??= isInterrogativePlain(this.plainLower.trim()));
  }

  /**
   * The first item the message names (`findItemRef`), or null. The reference reader folds
   * Traditional characters and case itself, so this is also the item of {@link foldedLower}.
   */
  get itemRef(): FoundItemRef | null {
    // findItemRef, with the gate this analysis has read (or will share) once.
    if (this.#itemRef === undefined) this.#itemRef = this.mayNameAnItem ? readItemRef(this.text) : null;
    return this.#itemRef;
  }

  /** Whether the message may name an item at all (`mayNameAnItem`): false when it has none of the numbers a reference needs. */
  get mayNameAnItem(): boolean {
    return (this.#mayNameAnItem ??= mayNameAnItem(this.text));
  }

  /** The length of a mistyped report verb the message opens with (`mistypedReportVerb`), or null. */
  get mistypedVerb(): number | null {
    if (this.#mistypedVerb === undefined) this.#mistypedVerb = mistypedReportVerbPlain(this.plain);
    return this.#mistypedVerb;
  }

  /** The length of the report verb the message opens with (`leadingReportVerb`), or null. */
  get reportVerb(): number | null {
    if (this.#reportVerb === undefined) this.#reportVerb = leadingReportVerb(this.text);
    return this.#reportVerb;
  }
}

/** The analysis of an utterance: the router's shared one, or a fresh one for an utterance made elsewhere (tests, proposals). */
export function analysed(u: Utterance): AnalysedUtterance {
  return u instanceof AnalysedUtterance ? u : new AnalysedUtterance(u.text, u.lang);
}
