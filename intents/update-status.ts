import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { STATUS_LABELS, formatNumber, t } from '../src/core/i18n.js';
import { defineIntent, eventOrigin, type IntentContext } from '../src/core/intent.js';
import { parseUpdate, problemsError, readFreeTextReport, STATUS_LIST, type UpdateArgs } from '../src/core/parse-update.js';
import { analysed } from '../src/core/analysed-utterance.js';
import { assertCanUpdate } from '../src/core/permissions.js';
import { reportUnit } from '../src/core/report-unit.js';
import { unitReportBlocks } from '../src/core/render-units.js';
import { currentUnits } from '../src/store/unit-state.js';
import { logThrough } from '../src/core/state-as-of.js';
import { progressLine, statusLine } from '../src/core/render-item.js';
import { reply, type Lang, type ReplyBlock } from '../src/core/reply.js';
import { utteranceForm } from '../src/core/utterance-form.js';
import { ItemId, type PlanItem } from '../src/plan/schema.js';
import { UserError } from '../src/errors.js';
import { itemId } from '../src/plan/item-id.js';
import { readLeadingItemRef } from '../src/search/parse-item-ref.js';
import { ProgressEntry, Status } from '../src/store/events.js';
import { currentStates, type ItemState } from '../src/store/item-state.js';
import { progressText } from './history.js';
import type { Unit } from '../src/plan/units.js';
import { unitName } from '../src/core/resolve-unit.js';

const USAGE = '/plan update ID [STATUS] [420/800 | 52% | ID.N=VALUE] [NOTE]';

const Args = z.object({
  itemId: ItemId,
  status: Status.nullable(),
  progress: z.array(ProgressEntry).max(20),
  note: z.string().max(2000).nullable(),
  /** Whose report it is (`@周口`), a unit id. */
  unit: z.string().min(1).max(48).optional(),
});

/** A command that ends as a question (`/plan update T9 done?`, `/plan 更新 T11 完成了吗`) asks rather than reports; a quoted note may ask. */
const ENDS_AS_QUESTION = /(?:[?？]|吗|嗎|呢|了没有?|了沒有?|\byet)[\s?？。.]*$/i;

/** Words that, alone after "report T9", ask for its status rather than tell one ("progress please", "进展情况"). */
const STATUS_REQUEST = /\b(?:progress|status|latest|news|please|pls|on|of|the)\b|进展|进度|情况|状态|最新|一下|请|的/gi;

/** Whether the note of a report-verb message only asks for the item's status (or there is no note). */
function asksForStatus(note: string | null): boolean {
  return note === null || note.replace(STATUS_REQUEST, ' ').replace(/[\s,，.。!！:：]+/g, '') === '';
}

function readUpdate(text: string, ctx: IntentContext): UpdateArgs {
  if (ENDS_AS_QUESTION.test(text.trim())) {
    const ref = readLeadingItemRef(text.trim());
    const item = ref ? itemId(ref.ref.kind, ref.ref.number) : 'ID';
    throw new UserError('update.question', {
      en: `That reads as a question, so nothing was recorded. To see the status: /plan status ${item}. To record a report, leave out the question (quote a note that asks one).`,
      zh: `这句话是提问，未记录任何内容。查看进展：/plan status ${item}。如需记录，请去掉问号或“吗”（含问句的备注请加引号）。`,
    });
  }
  const r = parseUpdate(text, ctx.plan, [...currentUnits(ctx.store.events(), ctx.plan).units.values()]);
  if (!r.ok) throw problemsError(r.problems, USAGE);
  return r.args;
}

/**
 * Records an owner's report on an item: status, progress against its indicators and a note, in any
 * order ("/plan update T9 at-risk 420/800 Zhoukou behind", "更新 T9 有风险 430/800 进度滞后"). Free
 * text is never read as a report when it asks (`is T11 done`); it is recorded at once only when it
 * opens with a report verb (update, report, 更新, 汇报, 报送, 上报, 填报); otherwise (`T11 at risk`) the
 * bot proposes it and records it when its author confirms.
 */
export const updateStatusIntent = defineIntent({
  id: 'update-status',
  summary: { en: 'Report the status and progress of an item (owners and admins)', zh: '报告某项工作的状态和进度（负责人和管理员）' },
  usage: USAGE,
  examples: {
    en: ['update T9 at-risk 420/800 Zhoukou and Nanyang behind schedule', 'update task 11 52%', 'update T9 T9.1=500'],
    zh: ['更新 T9 有风险 430/800 进度滞后', '更新 第九项 已完成420个村', '更新 T9 已完成'],
  },
  commands: ['update', 'report', 'up', '更新', '汇报', '报送', '上报', '填报', '报告'],
  args: Args,
  sideEffects: true,
  confirm: 'if-ambiguous',
  // A report verb makes a status or a value an order; a note alone ("更新 T9 新增30个村") may be a value
  // written in a way not read, so it is shown back and recorded only when confirmed.
  unambiguous: (u, args) => utteranceForm(u.text) === 'report' && (args.status !== null || args.progress.length > 0),
  // A note may be long: this intent sees every message, so an over-long note is refused rather than missed.
  maxChars: Number.POSITIVE_INFINITY,
  cues: { words: ['update', 'report', '更新', '汇报', '报送', '上报', '填报', '报告'], item: true },
  recognize: (u, ctx) => {
    const a = analysed(u);
    if (a.interrogative) return null;
    const verb = a.reportVerb;
    if (verb !== null) {
      // "汇报 T9 进展情况", "report T9 progress please": asks for the item's status.
      const ref = readLeadingItemRef(u.text.slice(verb).trim());
      if (ref && asksForStatus(u.text.slice(verb).trim().slice(ref.length).trim() || null)) return null;
      const r = parseUpdate(u.text.slice(verb), ctx.plan, [...currentUnits(ctx.store.events(), ctx.plan).units.values()]);
      // "report T9 progress please" asks; any other note after a report verb is a report, never dropped
      // silently: with no status or value it is proposed (see `unambiguous`), so the reader sees how it was read.
      if (r.ok) return r.args.status || r.args.progress.length || !asksForStatus(r.args.note) ? r.args : null;
      // "update on T9" is a question for item-status; only an update that names an item is ours.
      if (r.problems.some((p) => p.code === 'item.missing')) return null;
      throw problemsError(r.problems, USAGE);
    }
    // "跟新 T9 正常推进", "updte T9 at risk": a slip of the verb; what follows is proposed, never written at once.
    const slip = a.mistypedVerb;
    const afterSlip = slip !== null ? u.text.slice(slip) : null;
    const slipped = afterSlip !== null && readFreeTextReport(afterSlip, ctx.plan) === 'update';
    const text = slipped ? afterSlip : u.text;
    // Not an update: "T9 有风线", a status mistyped, is said so, rather than answered with the item as if asked.
    const read = slipped ? 'update' : readFreeTextReport(text, ctx.plan, false, a.mayNameAnItem); // u.text is no question (read above)
    if (read === null) return null;
    if (read !== 'update') throw problemsError([read], USAGE);
    return readUpdate(text, ctx);
  },
  parseCommand: (rest, _u, ctx) => readUpdate(rest, ctx),
  preview: (args, ctx) => {
    const item = findItem(ctx.plan, args.itemId);
    const before = currentStates(ctx.store.events(), ctx.plan).get(item.id);
    const units = currentUnits(ctx.store.events(), ctx.plan);
    const unit = reportUnit(ctx, item, before?.owners ?? [], units, args.unit);
    return previewBlocks(item, { ...args, ...(unit ? { unit } : {}) }, before, ctx.lang, units.units);
  },
  handle: async (args, ctx) => {
    const { plan, lang } = ctx;
    const item = findItem(plan, args.itemId);
    const before = currentStates(ctx.store.events(), plan).get(item.id);
    const unit = reportUnit(ctx, item, before?.owners ?? [], currentUnits(ctx.store.events(), plan), args.unit);
    const recorded = await ctx.store.append({
      type: 'update',
      itemId: item.id,
      status: args.status,
      progress: args.progress,
      note: args.note,
      ...(unit ? { unit } : {}),
      ...eventOrigin(ctx),
    });
    // The item as this update left it, not as updates that arrived after it (written in the same flush) left it.
    const log = logThrough(ctx.store.events(), recorded);
    const after = currentStates(log, plan).get(item.id);
    const units = currentUnits(log, plan);
    return reply(
      lang,
      [
        { type: 'heading', text: updatedHeading(item, args, after, lang) },
        ...(unit ? unitReportBlocks(item, units, unit, ctx.plan, lang) : []),
        ...stateBlocks(item, after, lang, ctx.timeZone),
        // The item named: a later update of another item must not be what this card's Undo reverts.
        { type: 'context', text: t(lang, `Undo with /plan undo ${item.id}`, `如需撤销：/plan undo ${item.id}`) },
        { type: 'actions', buttons: [{ label: t(lang, 'Undo', '撤销'), command: `/plan undo ${item.id}` }] },
      ],
      { matches: [{ id: item.id, score: 1 }] },
    );
  },
});

/**
 * The first line of a recorded update. A report without a status leaves the status as it was, and
 * says so: it never claims "not started" because no status was given.
 */
function updatedHeading(item: PlanItem, args: UpdateArgs, after: ItemState | undefined, lang: Lang): string {
  if (args.status) {
    const s = STATUS_LABELS[args.status][lang];
    const head = t(lang, `Updated ${item.id} ${item.title.en}: ${s}`, `已更新 ${item.id} ${item.title.zh}：${s}`);
    // A unit's report on an item with units: the item as a whole may read otherwise (only the lead unit's done is done).
    if (!after?.status || after.status === args.status) return head;
    const whole = STATUS_LABELS[after.status];
    const why = args.status === 'done' ? t(lang, " (only the lead unit's done makes it done)", '（牵头单位报告完成后才算完成）') : '';
    return head + t(lang, `; the item as a whole: ${whole.en}${why}`, `；整项状态：${whole.zh}${why}`);
  }
  const current = after?.status ? STATUS_LABELS[after.status] : null;
  const what = args.progress.length ? t(lang, 'progress recorded', '已记录进度') : t(lang, 'note recorded', '已记录备注');
  return current
    ? t(lang, `Updated ${item.id} ${item.title.en}: ${what}; status unchanged (${current.en})`, `已更新 ${item.id} ${item.title.zh}：${what}，状态不变（${current.zh}）`)
    : t(lang, `Updated ${item.id} ${item.title.en}: ${what}; no status reported yet`, `已更新 ${item.id} ${item.title.zh}：${what}，尚未报告状态`);
}

/** Exactly what an update would record: item, status (or that it stays), each progress value, the note. */
export function previewBlocks(item: PlanItem, args: UpdateArgs, before: ItemState | undefined, lang: Lang, units?: ReadonlyMap<string, Unit>): ReplyBlock[] {
  const current = before?.status ? STATUS_LABELS[before.status][lang] : null;
  const status = args.status
    ? STATUS_LABELS[args.status][lang]
    : current
      ? t(lang, `unchanged (${current})`, `不变（${current}）`)
      : t(lang, 'not stated (none reported yet)', '未说明（尚未报告）');
  const fields = [
    { label: t(lang, 'Item', '事项'), value: `${item.id} ${item.title[lang]}` },
    { label: t(lang, 'Status', '状态'), value: status },
  ];
  if (args.unit) fields.splice(1, 0, { label: t(lang, 'For unit', '报告单位'), value: units ? unitName(units, args.unit, lang) : args.unit });
  if (args.progress.length) fields.push({ label: t(lang, 'Progress', '进度'), value: args.progress.map((p) => progressText(p, item, lang)).join('; ') });
  if (args.note) fields.push({ label: t(lang, 'Note', '备注'), value: args.note });
  const blocks: ReplyBlock[] = [{ type: 'fields', fields }];
  if (!args.status && !args.progress.length) {
    const example = item.indicators[0] ? `${item.indicators[0].id}=…` : `${item.id} 52%`;
    blocks.push({
      type: 'paragraph',
      text: t(
        lang,
        `I read no status and no progress value here: only the note would be recorded. Write a status (${STATUS_LIST.en}) or progress as 420/800, 52% or ${example}.`,
        `这里没有识别出状态或进度数值：只会记录为备注。状态可写 ${STATUS_LIST.zh}；进度请写成 430/800、52% 或 ${example}。`,
      ),
    });
  }
  return blocks;
}

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
