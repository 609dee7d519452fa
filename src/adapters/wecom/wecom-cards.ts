import { randomBytes } from 'node:crypto';
import type { TemplateCard } from '@wecom/aibot-node-sdk';
import { STATUS_LABELS, t } from '../../core/i18n.js';
import { plainUserRefs } from '../../core/user-refs.js';
import type { ActionButton, Lang, Reply } from '../../core/reply.js';

/** WeCom's card limits: at most 6 buttons; the lengths it recommends for titles (26), sub-titles (112) and button texts (10). */
export const CARD_LIMITS = { buttons: 6, title: 26, desc: 30, subTitle: 112, buttonText: 10 } as const;

/** The statuses offered as one-click buttons on an item's card (as on Slack). */
export const CARD_STATUSES = ['on-track', 'at-risk', 'off-track', 'done'] as const;

/**
 * The key of a button that sends `command` (`/plan confirm 1a2b3c4d`) from a card in `lang`:
 * `plan:zh:<command, base64url>`, within WeCom's 1,024 bytes and plain characters. A click comes back
 * as exactly what the user could have typed, answered in the card's language (the command's own
 * words, `update T9 done`, are English whatever button was pressed).
 */
export function buttonKey(command: string, lang: Lang): string {
  return `plan:${lang}:${Buffer.from(command, 'utf8').toString('base64url')}`;
}

/** The command and language a clicked button's key carries, or null for a key this adapter did not make. */
export function commandOfKey(key: unknown): { command: string; lang: Lang } | null {
  const m = typeof key === 'string' ? /^plan:(en|zh):([A-Za-z0-9_-]+)$/.exec(key) : null;
  if (!m) return null;
  const command = Buffer.from(m[2]!, 'base64url').toString('utf8');
  return /^\/plan\s/.test(command) ? { command, lang: m[1] as Lang } : null;
}

/** A fresh card task id: unique per bot, letters, digits and `-` only, as WeCom requires. */
export function newTaskId(): string {
  return `plan-${randomBytes(9).toString('hex')}`;
}

/**
 * The item a reply is a card of, or null: a successful, public reply whose best match is one item
 * (a list of items is not a card). The same rule as Slack's item cards.
 */
export function itemCardId(r: Reply): string | null {
  if (r.error || r.ephemeral || r.blocks.some((b) => b.type === 'list')) return null;
  return r.matches[0]?.id ?? null;
}

/**
 * The template card that carries a reply's buttons, or null when it has none: the reply's buttons
 * (Record / Cancel of a proposed report, Undo of a recorded one) on a `button_interaction` card
 * titled by the reply's heading, else, for an answer about one item, its status buttons. At most 6
 * buttons (WeCom's limit); a reply with more keeps them as commands in its text.
 */
export function cardFor(r: Reply, taskId: string = newTaskId()): TemplateCard | null {
  const actions = r.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
  const heading = r.blocks.find((b) => b.type === 'heading')?.text ?? '';
  if (actions.length > CARD_LIMITS.buttons) return null;
  if (actions.length > 0) return buttonCard(heading || t(r.lang, 'Choose', '请选择'), null, actions, taskId, r.lang);
  const item = itemCardId(r);
  if (!item) return null;
  const buttons = CARD_STATUSES.map((s) => ({ label: STATUS_LABELS[s][r.lang], command: `/plan update ${item} ${s}` }));
  return buttonCard(`${item} ${heading}`.trim(), t(r.lang, 'Report its status', '汇报状态'), buttons, taskId, r.lang);
}

/** True when the reply's buttons travel on a card (so its text need not list their commands). */
export function hasCardButtons(r: Reply): boolean {
  const actions = r.blocks.filter((b) => b.type === 'actions').flatMap((b) => (b.type === 'actions' ? b.buttons : []));
  return actions.length > 0 && actions.length <= CARD_LIMITS.buttons;
}

function buttonCard(title: string, desc: string | null, buttons: readonly ActionButton[], taskId: string, lang: Lang): TemplateCard {
  return {
    card_type: 'button_interaction',
    main_title: { title: clip(plainUserRefs(title), CARD_LIMITS.title), ...(desc ? { desc: clip(desc, CARD_LIMITS.desc) } : {}) },
    button_list: buttons.map((b, i) => ({ text: clip(b.label, CARD_LIMITS.buttonText), style: i === 0 ? 1 : 2, key: buttonKey(b.command, lang) })),
    task_id: taskId,
  };
}

/**
 * What a clicked card becomes: a notice of the outcome (the reply's heading, or its first line, and
 * the rest clipped to a sub-title), under the same task id; WeCom replaces the card in place.
 */
export function outcomeCard(r: Reply, taskId: string): TemplateCard {
  const lines = r.blocks.flatMap((b) => (b.type === 'heading' || b.type === 'paragraph' || b.type === 'context' ? [plainUserRefs(b.text)] : b.type === 'progress' ? [`${b.label} ${b.detail}`] : []));
  const [title = t(r.lang, 'Done', '已处理'), ...rest] = lines;
  return {
    card_type: 'text_notice',
    main_title: { title: clip(title, CARD_LIMITS.title) },
    ...(rest.length ? { sub_title_text: clip(rest.join(' '), CARD_LIMITS.subTitle) } : {}),
    task_id: taskId,
  };
}

function clip(text: string, limit: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= limit ? chars.join('') : `${chars.slice(0, limit - 1).join('')}…`;
}
