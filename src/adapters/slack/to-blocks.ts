import type { types } from '@slack/bolt';
import { STATUS_LABELS, t } from '../../core/i18n.js';
import { hasRefMarker, hasUserRef } from '../../core/user-refs.js';
import { blockText, progressBar, replyText, type Lang, type Reply, type ReplyBlock } from '../../core/reply.js';
import { clip, escapeText, mrkdwn, splitText } from './slack-text.js';

/** A Block Kit block as Slack's types describe it. */
export type SlackBlock = types.KnownBlock;

/** One message as posted to Slack: blocks plus the plain-text fallback Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack's limits, from the Block Kit reference. */
export const LIMITS = { blocks: 50, sectionText: 3000, header: 150, field: 2000, fields: 10, contextText: 2000, contextElements: 10, buttons: 25, buttonText: 75, buttonValue: 2000, fallback: 3000 } as const;

/** Action ids of the buttons this adapter renders; the listeners match on them. */
export const ACTION = {
  /** A button whose value is a command, as the user would type it (`/plan update T9 done`). */
  command: /^plan_(cmd|status)_/,
  /** The "Update…" button of an item card; its value is the item id. */
  updateModal: 'plan_update_modal',
} as const;

/** The statuses offered as one-click buttons on an item card. */
export const CARD_STATUSES = ['on-track', 'at-risk', 'off-track', 'done'] as const;

/**
 * The item a reply is a card of, or null: a successful, public reply whose best match is one item
 * (a list of items is not a card).
 */
export function itemCardId(r: Reply): string | null {
  if (r.error || r.ephemeral) return null;
  for (const b of r.blocks) if (b.type === 'list') return null;
  return r.matches[0]?.id ?? null;
}

/** The command a status button sends through the core, exactly as the user could type it. */
export function statusCommand(itemId: string, status: string): string {
  return `/plan update ${itemId} ${status}`;
}

/**
 * The reply as Block Kit, within Slack's limits: at most 50 blocks (content beyond is cut and a
 * context line says so; `toMessages` keeps everything by splitting into several messages), section
 * texts of at most 3000 characters, split at line boundaries and never inside a list item. Item
 * cards get status buttons and an "Update…" button. Pure.
 */
export function toBlocks(r: Reply): SlackBlock[] {
  const all = renderAll(r);
  if (all.length <= LIMITS.blocks) return all;
  const kept = all.slice(0, LIMITS.blocks - 1);
  const cut = all.length - kept.length;
  kept.push(contextBlock(t(r.lang, `… ${cut} more blocks not shown; ask a narrower question.`, `……另有 ${cut} 个区块未显示，请缩小问题范围。`))[0]!);
  return kept;
}

/** The reply as one or more Slack messages of at most 50 blocks each, nothing cut. Pure. */
export function toMessages(r: Reply): SlackMessage[] {
  const all = renderAll(r);
  const text = fallbackText(r);
  const out: SlackMessage[] = [];
  // Most replies fit one message: it takes the blocks as rendered.
  if (all.length <= LIMITS.blocks) return [{ text, blocks: all }];
  for (let i = 0; i < all.length; i += LIMITS.blocks) {
    out.push({ text: i === 0 ? text : t(r.lang, '(continued)', '（续）'), blocks: all.slice(i, i + LIMITS.blocks) });
  }
  return out;
}

/** The plain-text fallback of a reply (notifications, screen readers), with Slack mentions. */
export function fallbackText(r: Reply): string {
  return clip(mrkdwn(replyText(r)), LIMITS.fallback) || ' ';
}

function renderAll(r: Reply): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (const b of r.blocks) {
    const shared = sharedConversion(b, r.lang);
    if (shared) out.push(...shared.blocks);
    else renderBlock(b, r.lang, out);
  }
  const card = itemCardId(r);
  if (card) out.push(cardActions(card, r.lang));
  return out;
}

/** Slack blocks as JSON: the elements of a JSON array (comma-separated, no brackets), and how many blocks. */
export interface JsonPiece {
  readonly json: string;
  readonly count: number;
}

/** Reply blocks' part of {@link fallbackText}: none (buttons only), text that names users, or plain text. */
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
 * by line breaks, as {@link fallbackText} joins them), made anew each time.
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
 * The pieces of a block shared between answers (deep-frozen, so it cannot change after it was
 * converted), made on its first use; null for any other block. Keyed by the object itself, never by its
 * text: a repeated fragment costs a lookup.
 */
export function sharedPieces(b: ReplyBlock, lang: Lang): Pieces | null {
  return sharedConversion(b, lang);
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

/** A shared block's conversion: its Slack blocks (deep-frozen, as they are shared too) and its pieces. */
type Conversion = Pieces & { readonly blocks: readonly SlackBlock[] };

/** Conversions of the blocks shared between answers, by the block's identity, one table per language. */
const conversions: Record<Lang, WeakMap<ReplyBlock, Conversion>> = { en: new WeakMap(), zh: new WeakMap() };

/**
 * The conversion of a block shared between answers (frozen through and through), made on its first
 * use; null for any other block, which is converted each time.
 */
function sharedConversion(b: ReplyBlock, lang: Lang): Conversion | null {
  if (!Object.isFrozen(b)) return null;
  const table = conversions[lang];
  const known = table.get(b);
  if (known) return known;
  if (!deepFrozen(b)) return null;
  const out: SlackBlock[] = [];
  renderBlock(b, lang, out);
  const made: Conversion = { blocks: deepFreeze(out), json: jsonPiece(out), fallback: fallbackPiece(blockText(b, lang)) };
  table.set(b, made);
  return made;
}

/** Whether a reply block and everything it holds are frozen (the lists of a block and their entries included). */
function deepFrozen(b: ReplyBlock): boolean {
  if (!Object.isFrozen(b)) return false;
  const inner = b.type === 'fields' ? b.fields : b.type === 'list' ? b.items : b.type === 'actions' ? b.buttons : null;
  return inner === null || (Object.isFrozen(inner) && inner.every((x) => Object.isFrozen(x)));
}

/** Freezes a value and everything it holds (plain objects and arrays). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Appends the Slack blocks of one reply block to `out` (one array per reply, no intermediate ones). */
function renderBlock(b: ReplyBlock, lang: Lang, out: SlackBlock[]): void {
  switch (b.type) {
    case 'heading':
      if (b.text.length <= LIMITS.header && !hasUserRef(b.text)) out.push({ type: 'header', text: { type: 'plain_text', text: b.text, emoji: true } });
      else sections(`*${mrkdwn(b.text)}*`, out);
      return;
    case 'paragraph':
      sections(mrkdwn(b.text), out);
      return;
    case 'quote':
      // Each line quoted: "> " before the first and after every line break.
      sections(`> ${mrkdwn(b.text).replaceAll('\n', '\n> ')}`, out);
      contextBlock(t(lang, `Plan text, verbatim · ${b.source}`, `计划原文 · ${b.source}`), out);
      return;
    case 'fields':
      for (let i = 0; i < b.fields.length; i += LIMITS.fields) {
        const fields = b.fields.slice(i, i + LIMITS.fields).map((f) => ({ type: 'mrkdwn' as const, text: clip(`*${mrkdwn(f.label)}*\n${mrkdwn(f.value)}`, LIMITS.field) }));
        out.push({ type: 'section', fields });
      }
      return;
    case 'progress':
      sections(`*${mrkdwn(b.label)}*\n\`${progressBar(b.ratio)}\` ${mrkdwn(b.detail)}`, out);
      return;
    case 'list':
      linesToSections(
        b.items.map((i) => `• *${escapeText(i.id)}* ${mrkdwn(i.text)}`),
        out,
      );
      return;
    case 'context':
      contextBlock(mrkdwn(b.text), out);
      return;
    case 'actions':
      for (let i = 0; i < b.buttons.length; i += LIMITS.buttons) {
        const elements = b.buttons.slice(i, i + LIMITS.buttons).map((btn, j) => button(`plan_cmd_${i + j}`, btn.label, btn.command));
        out.push({ type: 'actions', elements });
      }
      return;
  }
}

/** The style of each status button that has one. */
const CARD_STYLES: Partial<Record<(typeof CARD_STATUSES)[number], 'primary' | 'danger'>> = { done: 'primary', 'off-track': 'danger' };

/** Status buttons and an "Update…" button for one item. */
function cardActions(itemId: string, lang: Lang): SlackBlock {
  const elements: types.Button[] = [];
  for (const s of CARD_STATUSES) {
    const b = button(`plan_status_${s}`, STATUS_LABELS[s][lang], statusCommand(itemId, s));
    const style = CARD_STYLES[s];
    if (style) b.style = style;
    elements.push(b);
  }
  elements.push(button(ACTION.updateModal, t(lang, 'Update…', '更新…'), itemId));
  return { type: 'actions', block_id: `plan_item_${itemId}`, elements };
}

function button(actionId: string, label: string, value: string): types.Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: clip(label, LIMITS.buttonText), emoji: true }, value: clip(value, LIMITS.buttonValue) };
}

/** Text in as many sections as needed (appended to `out`), each within the section limit, split at line boundaries. */
function sections(text: string, out: SlackBlock[]): void {
  if (text.length <= LIMITS.sectionText) {
    out.push({ type: 'section', text: { type: 'mrkdwn', text } });
    return;
  }
  for (const piece of splitText(text, LIMITS.sectionText)) out.push({ type: 'section', text: { type: 'mrkdwn', text: piece } });
}

/** Lines (one per list item) packed into sections (appended to `out` when given); a line is never split, only clipped if alone too long. */
export function linesToSections(lines: string[], out: SlackBlock[] = []): SlackBlock[] {
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, LIMITS.sectionText);
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      out.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
  return out;
}

/** A context line, as many context blocks as its length needs, appended to `out`. */
function contextBlock(text: string, out: SlackBlock[] = []): SlackBlock[] {
  if (text.length <= LIMITS.contextText) {
    out.push({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
    return out;
  }
  const pieces = splitText(text, LIMITS.contextText);
  for (let i = 0; i < pieces.length; i += LIMITS.contextElements) {
    out.push({ type: 'context', elements: pieces.slice(i, i + LIMITS.contextElements).map((p) => ({ type: 'mrkdwn' as const, text: p })) });
  }
  return out;
}
