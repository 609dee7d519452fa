import type { types } from '@slack/bolt';
import { STATUS_LABELS, t } from '../../core/i18n.js';
import { hasUserRef } from '../../core/user-refs.js';
import { progressBar, type Lang, type ReplyBlock } from '../../core/reply.js';
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

/** The command a status button sends through the core, exactly as the user could type it. */
export function statusCommand(itemId: string, status: string): string {
  return `/plan update ${itemId} ${status}`;
}

/** Appends the Slack blocks of one reply block to `out` (one array per reply, no intermediate ones). Pure. */
export function renderBlock(b: ReplyBlock, lang: Lang, out: SlackBlock[]): void {
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

/** Status buttons and an "Update…" button for one item (the card of a reply about one item). */
export function cardActions(itemId: string, lang: Lang): SlackBlock {
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
export function contextBlock(text: string, out: SlackBlock[] = []): SlackBlock[] {
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
