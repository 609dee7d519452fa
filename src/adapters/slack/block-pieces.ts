import { blockList, blockText, type Lang, type ReplyBlock } from '../../core/reply.js';
import { hasRefMarker } from '../../core/user-refs.js';
import { cardActions, renderBlock, type SlackBlock } from './render-blocks.js';
import { escapeText } from './slack-text.js';

/** Slack blocks as JSON: the elements of a JSON array (comma-separated, no brackets), and how many blocks. */
export interface JsonPiece {
  readonly json: string;
  readonly count: number;
}

/** Reply blocks' part of `fallbackText`: none (buttons only), text that names users, or plain text. */
export type FallbackPiece =
  | typeof NO_TEXT
  /** Mentions are rendered over the whole text (`mrkdwn`), so the fallback is made the long way. */
  | typeof MENTIONS
  /** The text as mrkdwn (`md`), and that as the content of a JSON string (`json`, no quotes). */
  | { readonly kind: 'text'; readonly md: string; readonly json: string };

const NO_TEXT = Object.freeze({ kind: 'none' as const });
const MENTIONS = Object.freeze({ kind: 'mentions' as const });

/** Reply blocks as the acknowledgement's JSON is assembled from: their Slack blocks' JSON and their fallback text. */
export interface Pieces {
  readonly json: JsonPiece;
  readonly fallback: FallbackPiece;
}

/**
 * The pieces of a run of reply blocks (their Slack blocks serialised in one go; their texts joined
 * by line breaks, as `fallbackText` joins them), made anew each time.
 */
export function runPieces(blocks: readonly ReplyBlock[], lang: Lang): Pieces {
  const out: SlackBlock[] = [];
  let text: string | null = null;
  for (const b of blocks) {
    renderBlock(b, lang, out);
    const piece = blockText(b, lang);
    if (piece !== null) text = text === null ? piece : `${text}\n${piece}`;
  }
  return { json: jsonPiece(out), fallback: fallbackPiece(text) };
}

/**
 * The pieces of a block shared between answers (frozen, with each entry of its list: it cannot
 * change after it was converted), made on its first use; null for any other block. Keyed by the object itself, never by its
 * text: a repeated fragment costs a lookup.
 */
export function sharedPieces(b: ReplyBlock, lang: Lang): Pieces | null {
  return sharedConversion(b, lang);
}

/** The Slack blocks of a block shared between answers (frozen through, as they are shared too); null for any other block. */
export function sharedBlocks(b: ReplyBlock, lang: Lang): readonly SlackBlock[] | null {
  return sharedConversion(b, lang)?.blocks ?? null;
}

/**
 * The card's status and "Update…" buttons of one item, as a piece of the acknowledgement's JSON: a
 * pure function of the item and the language, made once for each (the plan's items are a few dozen;
 * the table is emptied should it ever hold more than {@link MAX_CARDS}).
 */
export function cardJson(itemId: string, lang: Lang): JsonPiece {
  const table = cardJsons[lang];
  let piece = table.get(itemId);
  if (!piece) {
    if (table.size >= MAX_CARDS) table.clear();
    piece = { json: JSON.stringify(cardActions(itemId, lang)), count: 1 };
    table.set(itemId, piece);
  }
  return piece;
}

/** The most cards' JSON kept per language. */
const MAX_CARDS = 1000;
const cardJsons: Record<Lang, Map<string, JsonPiece>> = { en: new Map(), zh: new Map() };

function jsonPiece(blocks: readonly SlackBlock[]): JsonPiece {
  return { json: blocks.length === 0 ? '' : JSON.stringify(blocks).slice(1, -1), count: blocks.length };
}

function fallbackPiece(text: string | null): FallbackPiece {
  if (text === null) return NO_TEXT;
  if (hasRefMarker(text)) return MENTIONS;
  // Text with no user reference is mrkdwn once escaped, piece by piece as well as whole.
  const md = escapeText(text);
  return { kind: 'text', md, json: JSON.stringify(md).slice(1, -1) };
}

/**
 * A shared block's conversion: its Slack blocks (deep-frozen, as they are shared too), its pieces,
 * and the entries its list held when converted (null for a block without one).
 */
type Conversion = Pieces & { readonly blocks: readonly SlackBlock[]; readonly entries: readonly object[] | null };

/** Conversions of the blocks shared between answers, by the block's identity, one table per language. */
const conversions: Record<Lang, WeakMap<ReplyBlock, Conversion>> = { en: new WeakMap(), zh: new WeakMap() };

/**
 * The conversion of a block shared between answers, made on its first use; null for any other block,
 * which is converted each time. Shared is what `frozenBlocks` makes: the block and each entry of its
 * list (fields, items, buttons) frozen. The list itself is left unfrozen there (V8 takes frozen arrays
 * off its fast paths), so the entries it held are kept with the conversion and compared on each use:
 * a list changed after all is converted again, never answered from memory.
 */
function sharedConversion(b: ReplyBlock, lang: Lang): Conversion | null {
  if (!Object.isFrozen(b)) return null;
  const table = conversions[lang];
  const entries = blockList(b);
  const known = table.get(b);
  if (known && sameEntries(known.entries, entries)) return known;
  if (entries && !entries.every((x) => Object.isFrozen(x))) return null;
  const out: SlackBlock[] = [];
  renderBlock(b, lang, out);
  const made: Conversion = { blocks: deepFreeze(out), json: jsonPiece(out), fallback: fallbackPiece(blockText(b, lang)), entries: entries && [...entries] };
  table.set(b, made);
  return made;
}

/** Whether a list holds the same entries (the same objects, in the same order) as when it was converted. */
function sameEntries(kept: readonly object[] | null, now: readonly object[] | null): boolean {
  if (kept === null || now === null) return kept === now;
  if (kept.length !== now.length) return false;
  for (let i = 0; i < kept.length; i++) if (kept[i] !== now[i]) return false;
  return true;
}

/** Freezes a value and everything it holds (plain objects and arrays). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
