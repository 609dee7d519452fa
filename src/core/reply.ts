/** The two languages every reply exists in (the same type language detection returns). */
export type { Lang } from '../search/detect-lang.js';
import type { Lang } from '../search/detect-lang.js';
import { plainUserRefs } from './user-refs.js';

/** A progress bar of one indicator: how far an item has come against its target. */
export interface ProgressBlock {
  type: 'progress';
  label: string;
  /** 0..1 share of the target achieved, or null when there is no reported value yet. */
  ratio: number | null;
  /** "420/800 villages" or "52%": the numbers beside the bar. */
  detail: string;
}

/** A button that sends a command back as if the user had typed it. */
export interface ActionButton {
  label: string;
  command: string;
}

/**
 * The pieces a reply is built from. The plain-text form is derived from them by `renderPlainText`;
 * adapters that can do more (Slack Block Kit, the web chat) render each kind their own way.
 */
export type ReplyBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  /** The plan's own words, with the item they come from. */
  | { type: 'quote'; text: string; source: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | ProgressBlock
  | { type: 'list'; items: { id: string; text: string }[] }
  /** A small line of context: the source item, alternatives, hints. */
  | { type: 'context'; text: string }
  | { type: 'actions'; buttons: ActionButton[] };

/**
 * A file that travels with a reply (a ledger workbook, a chart). Adapters deliver it their own way:
 * Slack uploads it to the channel, the web chat gives a short-lived signed link (an image shown inline),
 * the console writes it and prints the path.
 */
export interface ReplyFile {
  /** File name as the user sees it, e.g. "台账-2021-06-07.xlsx" or "progress.png". */
  name: string;
  /** MIME type, e.g. "image/png", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet". */
  mediaType: string;
  /** The file's bytes. */
  data: Uint8Array;
  /** A one-line caption in the reply's language. */
  title: string;
}

/** What the core answers, whatever platform asked. */
export interface Reply {
  lang: Lang;
  blocks: ReplyBlock[];
  /** Plan items the reply is about, best first, with a 0..1 score; empty when nothing matched. */
  matches: { id: string; score: number }[];
  /** Shown only to the person who asked (previews, errors). */
  ephemeral: boolean;
  /** True when the reply reports a user error rather than an answer. */
  error?: { id: string };
  /** Files delivered with the reply (see `ReplyFile`); absent or empty for plain answers. */
  files?: ReplyFile[];
}

/** Builds a reply from blocks; `matches` and `ephemeral` default to none and false. */
export function reply(lang: Lang, blocks: ReplyBlock[], extra: Partial<Omit<Reply, 'lang' | 'blocks'>> = {}): Reply {
  return { lang, blocks, matches: [], ephemeral: false, ...extra };
}

/**
 * The blocks to be shared by replies, each block and each entry of its lists frozen (a reply's blocks
 * are read by adapters, never changed: tests/core/shared-blocks.test.ts runs them over deep-frozen
 * blocks). Arrays are left unfrozen: V8 takes a frozen array off its fast paths (`slice`, `filter`,
 * `some` run 10–20 times slower), and adapters read these lists. Returns the same array.
 */
export function frozenBlocks(blocks: ReplyBlock[]): ReplyBlock[] {
  for (const b of blocks) {
    const list = blockList(b);
    if (list) for (const x of list) Object.freeze(x);
    Object.freeze(b);
  }
  return blocks;
}

/** The list a block holds (a fields block's fields, a list's items, an actions block's buttons), or null. */
export function blockList(b: ReplyBlock): readonly object[] | null {
  return b.type === 'fields' ? b.fields : b.type === 'list' ? b.items : b.type === 'actions' ? b.buttons : null;
}

/** A text bar of ten cells: ▓▓▓▓▓░░░░░ for 0.5. */
export function progressBar(ratio: number | null, cells = 10): string {
  if (ratio === null || !Number.isFinite(ratio)) return '░'.repeat(cells);
  const filled = Math.max(0, Math.min(cells, Math.round(ratio * cells)));
  return '▓'.repeat(filled) + '░'.repeat(cells - filled);
}

/** The reply as a person reads it in plain text (console, `plan-bot ask`, notifications). */
export function renderPlainText(r: Reply): string {
  return plainUserRefs(replyText(r));
}

/** The reply's plain text with its user references left in, for adapters that render them (Slack). */
export function replyText(r: Reply): string {
  let out = '';
  let first = true;
  for (const b of r.blocks) {
    const piece = blockText(b, r.lang);
    if (piece === null) continue;
    // One line break between blocks, as `join('\n')` would put.
    out = first ? piece : `${out}\n${piece}`;
    first = false;
  }
  return out;
}

/** One block's part of {@link replyText} (null for a block with no text: buttons). */
export function blockText(b: ReplyBlock, lang: Lang): string | null {
  switch (b.type) {
    case 'heading':
    case 'paragraph':
    case 'context':
      return b.text;
    case 'quote':
      return lang === 'zh' ? `原文（${b.source}）：“${b.text}”` : `Plan text (${b.source}): “${b.text}”`;
    case 'fields':
      return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
    case 'progress':
      return `${b.label} ${progressBar(b.ratio)} ${b.detail}`;
    case 'list':
      return b.items.map((i) => `• ${i.id} ${i.text}`).join('\n');
    case 'actions':
      return null;
  }
}

/**
 * The blocks with user references written as plain readers see them ("bob", "slack:U0123"), for
 * adapters that render blocks as plain text (the web chat); Slack renders the references itself.
 */
export function plainBlocks(blocks: readonly ReplyBlock[]): ReplyBlock[] {
  return blocks.map((b) => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
      case 'context':
        return { ...b, text: plainUserRefs(b.text) };
      case 'quote':
        return { ...b, text: plainUserRefs(b.text) };
      case 'fields':
        return { ...b, fields: b.fields.map((f) => ({ label: plainUserRefs(f.label), value: plainUserRefs(f.value) })) };
      case 'progress':
        return { ...b, label: plainUserRefs(b.label), detail: plainUserRefs(b.detail) };
      case 'list':
        return { ...b, items: b.items.map((i) => ({ ...i, text: plainUserRefs(i.text) })) };
      case 'actions':
        return b;
    }
  });
}
