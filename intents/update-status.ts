import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { STATUS_LABELS, formatNumber, t } from '../src/core/i18n.js';
import { defineIntent, eventOrigin, type IntentContext } from '../src/core/intent.js';
import { looksLikeUpdate, parseUpdate, problemsError } from '../src/core/parse-update.js';
import { assertCanUpdate } from '../src/core/permissions.js';
import { progressLine, statusLine } from '../src/core/render-item.js';
import { reply, type Lang, type ReplyBlock } from '../src/core/reply.js';
import { ItemId, type PlanItem } from '../src/plan/schema.js';
import { ProgressEntry, Status } from '../src/store/events.js';
import { currentStates, type ItemState } from '../src/store/item-state.js';

const USAGE = '/plan update ID [STATUS] [420/800 | 52% | ID.N=VALUE] [NOTE]';
/** Free text that opens with one of these is an update ("update T9 …"); `/plan report …` works as a command. */
const PREFIX = /^(?:update|更新|汇报)\s*[:：]?\s*/i;

const Args = z.object({
  itemId: ItemId,
  status: Status.nullable(),
  progress: z.array(ProgressEntry).max(20),
  note: z.string().max(2000).nullable(),
});

function readUpdate(text: string, ctx: IntentContext) {
  const r = parseUpdate(text, ctx.plan);
  if (!r.ok) throw problemsError(r.problems, USAGE);
  return r.args;
}

/**
 * Records an owner's report on an item: status, progress against its indicators and a note, in any
 * order ("/plan update T9 at-risk 420/800 Zhoukou behind", "T9 有风险 430/800 进度滞后").
 */
export const updateStatusIntent = defineIntent({
  id: 'update-status',
  summary: { en: 'Report the status and progress of an item (owners and admins)', zh: '报告某项工作的状态和进度（负责人和管理员）' },
  usage: USAGE,
  examples: {
    en: ['update T9 at-risk 420/800 Zhoukou and Nanyang behind schedule', 'T9 on-track 420/800', 'update T9 T9.1=500'],
    zh: ['更新 T9 有风险 430/800 进度滞后', 'T9 正常推进 T9.1=430', '更新 T9 已完成'],
  },
  commands: ['update', 'report', 'up', '更新', '汇报'],
  args: Args,
  sideEffects: true,
  // A note may be long: this intent sees every message, so an over-long note is refused rather than missed.
  maxChars: Number.POSITIVE_INFINITY,
  recognize: (u, ctx) => {
    const prefix = PREFIX.exec(u.text);
    if (prefix && !/[?？吗呢]\s*$/.test(u.text)) {
      const rest = u.text.slice(prefix[0].length);
      const r = parseUpdate(rest, ctx.plan);
      if (r.ok) return r.args;
      // "update on T9" is a question for item-status; only an update that names an item is ours.
      if (r.problems.some((p) => p.code === 'item.missing')) return null;
      throw problemsError(r.problems, USAGE);
    }
    if (!looksLikeUpdate(u.text, ctx.plan)) return null;
    return readUpdate(u.text, ctx);
  },
  parseCommand: (rest, _u, ctx) => readUpdate(rest, ctx),
  handle: async (args, ctx) => {
    const { plan, lang } = ctx;
    const item = findItem(plan, args.itemId);
    const before = currentStates(ctx.store.events(), plan.id).get(item.id);
    assertCanUpdate(ctx, item, before?.owners ?? []);
    await ctx.store.append({
      type: 'update',
      itemId: item.id,
      status: args.status,
      progress: args.progress,
      note: args.note,
      ...eventOrigin(ctx),
    });
    const after = currentStates(ctx.store.events(), plan.id).get(item.id);
    const status = STATUS_LABELS[after?.status ?? 'not-started'][lang];
    return reply(
      lang,
      [
        { type: 'heading', text: t(lang, `Updated ${item.id} ${item.title.en}: ${status}`, `已更新 ${item.id} ${item.title.zh}：${status}`) },
        ...stateBlocks(item, after, lang, ctx.timeZone),
        { type: 'context', text: t(lang, 'Undo with /plan undo', '如需撤销：/plan undo') },
        { type: 'actions', buttons: [{ label: t(lang, 'Undo', '撤销'), command: '/plan undo' }] },
      ],
      { matches: [{ id: item.id, score: 1 }] },
    );
  },
});

/** The progress bars of every reported indicator (and the item as a whole), then the status line. */
export function stateBlocks(item: PlanItem, state: ItemState | undefined, lang: Lang, timeZone: string): ReplyBlock[] {
  const blocks: ReplyBlock[] = [];
  for (const ind of item.indicators) {
    const b = progressLine(ind, state?.progress.find((p) => p.indicatorId === ind.id), lang);
    if (b) blocks.push(b);
  }
  const whole = state?.progress.find((p) => p.indicatorId === null);
  if (whole) {
    const ratio = whole.target ? whole.value / whole.target : whole.unit === '%' ? whole.value / 100 : null;
    const detail = whole.target ? `${formatNumber(whole.value)}/${formatNumber(whole.target)}` : `${formatNumber(whole.value)}${whole.unit ?? ''}`;
    blocks.push({ type: 'progress', label: t(lang, `${item.id} overall`, `${item.id} 总体`), ratio, detail });
  }
  blocks.push({ type: 'paragraph', text: statusLine(state, lang, timeZone) });
  return blocks;
}
