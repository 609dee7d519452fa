import { STATUS_LABELS } from '../../core/i18n.js';
import { plainBlocks, renderPlainText, type ActionButton, type Reply, type ReplyBlock } from '../../core/reply.js';
import type { Plan } from '../../plan/schema.js';
import type { Status } from '../../store/events.js';
import type { WebFileLink } from './web-files.js';

/** The statuses offered as buttons under an item card, in the order shown. */
export const STATUS_BUTTONS: readonly Status[] = ['on-track', 'at-risk', 'off-track', 'done'];

/** A reply as the chat page receives it: the plain text and the neutral blocks it renders. */
export interface WebReply {
  text: string;
  blocks: ReplyBlock[];
  lang: Reply['lang'];
  matches: Reply['matches'];
  ephemeral: boolean;
  error?: { id: string };
  intent?: string;
  /** Links to the files the reply carried (a ledger, a chart), added by the chat when it keeps them. */
  files?: WebFileLink[];
}

/**
 * Translates a core reply for the page. An item card (a reply about its best match, when that is a
 * task or an objective) gets buttons that set the item's status by sending `/plan update ID STATUS`.
 */
export function toWebReply(reply: Reply & { intent?: string }, plan: Plan, opts: { statusButtons?: boolean } = {}): WebReply {
  const blocks = plainBlocks(reply.blocks);
  const itemId = opts.statusButtons === false ? null : cardItemId(reply, plan);
  if (itemId) blocks.push({ type: 'actions', buttons: statusButtons(itemId, reply.lang) });
  const out: WebReply = { text: renderPlainText(reply), blocks, lang: reply.lang, matches: reply.matches, ephemeral: reply.ephemeral };
  if (reply.error) out.error = reply.error;
  if (reply.intent) out.intent = reply.intent;
  return out;
}

/** The buttons that set one item's status. */
export function statusButtons(itemId: string, lang: Reply['lang']): ActionButton[] {
  return STATUS_BUTTONS.map((s) => ({ label: STATUS_LABELS[s][lang], command: `/plan update ${itemId} ${s}` }));
}

function cardItemId(reply: Reply, plan: Plan): string | null {
  const best = reply.matches[0]?.id;
  if (!best || reply.error) return null;
  if (reply.blocks.some((b) => b.type === 'actions')) return null;
  // An item card quotes the item's own words, or opens with a heading naming it ("T9 …", a status reply).
  const quotesIt = reply.blocks.some((b) => b.type === 'quote' && b.source === best);
  const first = reply.blocks[0];
  const headsIt = first?.type === 'heading' && first.text.startsWith(`${best} `);
  if (!quotesIt && !headsIt) return null;
  const kind = plan.items.find((i) => i.id === best)?.kind;
  return kind === 'task' || kind === 'objective' ? best : null;
}
