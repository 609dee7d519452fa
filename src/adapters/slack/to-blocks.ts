import { t } from '../../core/i18n.js';
import { replyText, type Reply } from '../../core/reply.js';
import { sharedBlocks } from './block-pieces.js';
import { cardActions, contextBlock, LIMITS, renderBlock, type SlackBlock, type SlackMessage } from './render-blocks.js';
import { clip, mrkdwn } from './slack-text.js';

export { ACTION, CARD_STATUSES, LIMITS, linesToSections, statusCommand, type SlackBlock, type SlackMessage } from './render-blocks.js';

/**
 * The item a reply is a card of, or null: a successful, public reply whose best match is one item
 * (a list of items is not a card).
 */
export function itemCardId(r: Reply): string | null {
  if (r.error || r.ephemeral) return null;
  for (const b of r.blocks) if (b.type === 'list') return null;
  return r.matches[0]?.id ?? null;
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
    const shared = sharedBlocks(b, r.lang);
    if (shared) out.push(...shared);
    else renderBlock(b, r.lang, out);
  }
  const card = itemCardId(r);
  if (card) out.push(cardActions(card, r.lang));
  return out;
}
