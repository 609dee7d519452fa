import type { types } from '@slack/bolt';
import { renderPlainText, type Reply } from '../../core/reply.js';
import { STATUS_LABELS } from '../../core/i18n.js';
import { STATUSES } from '../../store/events.js';
import { clip } from './slack-text.js';
import { statusCommand } from './to-blocks.js';

/** The callback id of the update modal; the view_submission listener matches on it. */
export const UPDATE_VIEW = 'plan_update';

/** Where the modal was opened from, carried in the view's private_metadata so the result goes back there. */
export interface UpdateOrigin {
  itemId: string;
  /** Slack conversation of the card, when opened from a message. */
  channel?: string;
  /** The card's response_url (valid 30 minutes), to answer in place of a new message. */
  responseUrl?: string;
}

/** What the user filled in. */
export interface UpdateForm {
  itemId: string;
  status: string | null;
  progress: string | null;
  note: string | null;
}

/** A number, optionally `/target`, then optionally `%` or a unit word: 420/800, 52%, 30 villages, 30个. */
const PROGRESS = /^\d+(?:\.\d+)?(?:\s*\/\s*\d+(?:\.\d+)?)?\s*(?:%|[^\d\s/%][^/]*)?$/;

/** The "Update…" modal of an item: status select, progress text and note, all optional. */
export function updateModalView(origin: UpdateOrigin): types.View {
  return {
    type: 'modal',
    callback_id: UPDATE_VIEW,
    private_metadata: JSON.stringify(origin).slice(0, 3000),
    title: { type: 'plain_text', text: `Update ${origin.itemId} · 更新`.slice(0, 24) },
    submit: { type: 'plain_text', text: 'Save · 保存' },
    close: { type: 'plain_text', text: 'Cancel · 取消' },
    blocks: [
      {
        type: 'input',
        block_id: 'status',
        optional: true,
        label: { type: 'plain_text', text: 'Status · 状态' },
        element: {
          type: 'static_select',
          action_id: 'value',
          placeholder: { type: 'plain_text', text: 'Choose a status · 选择状态' },
          options: STATUSES.map((s) => ({ text: { type: 'plain_text', text: `${STATUS_LABELS[s].en} · ${STATUS_LABELS[s].zh}` }, value: s })),
        },
      },
      {
        type: 'input',
        block_id: 'progress',
        optional: true,
        label: { type: 'plain_text', text: 'Progress · 进度' },
        hint: { type: 'plain_text', text: 'e.g. 420/800, 52% or 30 villages · 例如 420/800、52%' },
        element: { type: 'plain_text_input', action_id: 'value', max_length: 60 },
      },
      {
        type: 'input',
        block_id: 'note',
        optional: true,
        label: { type: 'plain_text', text: 'Note · 备注' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 500 },
      },
    ],
  };
}

/** Reads the submitted modal; null when the view is not one of ours or names no item. Pure. */
export function readUpdateForm(view: { private_metadata?: string; state?: { values: Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>> } }): { form: UpdateForm; origin: UpdateOrigin } | null {
  let origin: UpdateOrigin;
  try {
    origin = JSON.parse(view.private_metadata ?? '') as UpdateOrigin;
  } catch {
    return null;
  }
  if (!origin || typeof origin.itemId !== 'string' || !origin.itemId) return null;
  const values = view.state?.values ?? {};
  const text = (block: string) => {
    const v = values[block]?.value?.value?.replace(/\s+/g, ' ').trim();
    return v ? v : null;
  };
  return { origin, form: { itemId: origin.itemId, status: values.status?.value?.selected_option?.value ?? null, progress: text('progress'), note: text('note') } };
}

/**
 * Problems to show beside the modal's inputs (`response_action: 'errors'`), keyed by block id; empty
 * when the form can be sent.
 */
export function updateFormErrors(form: UpdateForm): Record<string, string> {
  if (!form.status && !form.progress && !form.note) return { status: 'Choose a status, or fill in progress or a note. · 请至少填写一项。' };
  if (form.progress && !PROGRESS.test(form.progress)) return { progress: 'Write progress as 420/800, 52% or 30 villages. · 请按 420/800、52% 的格式填写。' };
  return {};
}

/**
 * The command the modal sends through the core, the same text a user could type:
 * `/plan update T9 at-risk 420/800 note: “waiting for funds”` (a quoted note is kept verbatim, even
 * when it starts with a status word).
 */
export function updateCommandText(form: UpdateForm): string {
  const head = form.status ? statusCommand(form.itemId, form.status) : `/plan update ${form.itemId}`;
  return [head, form.progress, form.note ? `note: “${form.note}”` : null].filter(Boolean).join(' ');
}

/** The form field a refusal of the core is about (`progress.ambiguous` → `progress`), or null when it is not about what was typed. */
const FIELD_OF_ERROR: Record<string, 'status' | 'progress' | 'note'> = { progress: 'progress', status: 'status', note: 'note' };

/**
 * A refusal of the core shown beside the form field it is about (`response_action: 'errors'`), so the
 * form stays open with what was typed; null when the refusal is not about a field (permissions …).
 * Slack shows these errors as plain text.
 */
export function formErrorsOf(reply: Reply): Record<string, string> | null {
  const field = reply.error ? FIELD_OF_ERROR[reply.error.id.split('.')[0]!] : undefined;
  return field ? { [field]: clip(renderPlainText(reply), 1000) } : null;
}
