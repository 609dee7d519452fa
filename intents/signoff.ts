import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { STATUS_LABELS, t } from '../src/core/i18n.js';
import { defineIntent, eventOrigin, type IntentContext } from '../src/core/intent.js';
import { assertAdmin } from '../src/core/permissions.js';
import { lightBlocks } from '../src/core/render-item.js';
import { reply, type ReplyBlock } from '../src/core/reply.js';
import { UserError } from '../src/errors.js';
import type { PlanItem } from '../src/plan/schema.js';
import { ItemId } from '../src/plan/schema.js';
import { currentStates, type ItemState } from '../src/store/item-state.js';
import { currentUnits, unitsOfItem } from '../src/store/unit-state.js';
import { unitName } from '../src/core/resolve-unit.js';

const Args = z.object({ itemId: ItemId });

const SIGNOFF = /^(?:please\s+)?(?:sign[\s-]?off|销号|销号处理)\s*(.+?)[\s.。!！]*$/i;
const REOPEN = /^(?:please\s+)?(?:reopen|re-open|撤销销号|取消销号|重新打开)\s*(.+?)[\s.。!！]*$/i;

/** The item as everyone reads it: on an item with units, the province state rolled up from their reports (the lead unit's done). */
function stateOf(ctx: IntentContext, item: PlanItem): ItemState | undefined {
  return currentStates(ctx.store.events(), ctx.plan).get(item.id);
}

/** The item a sign-off may settle, or a user error saying why not and how to fix it. */
function signable(itemId: string, ctx: IntentContext): { item: PlanItem; state: ItemState | undefined } {
  assertAdmin(ctx, { en: 'sign items off', zh: '销号' });
  const item = findItem(ctx.plan, itemId);
  if (item.kind === 'group') {
    throw new UserError('signoff.group', { en: `${item.id} is a task group; sign off its tasks one by one (/plan signoff T9).`, zh: `${item.id} 是任务组，请逐项对其任务销号（/plan 销号 T9）。` });
  }
  const state = stateOf(ctx, item);
  if (state?.signedOff) {
    throw new UserError('signoff.already', { en: `${item.id} is already signed off; nothing changed. To undo it: /plan reopen ${item.id}.`, zh: `${item.id} 已经销号，未作改动。如需撤销：/plan reopen ${item.id}。` });
  }
  if (state?.status !== 'done') {
    const now = state?.status ? STATUS_LABELS[state.status] : { en: 'no status reported', zh: '尚未报告状态' };
    const units = currentUnits(ctx.store.events(), ctx.plan);
    const lead = unitsOfItem(units, item.id).lead;
    // With a lead unit, only its done makes the item done: say so, and how to report it for the unit.
    throw new UserError(
      'signoff.not-done',
      lead
        ? {
            en: `${item.id} is not reported done (now: ${now.en}), so it cannot be signed off. With units, its lead unit, ${unitName(units.units, lead, 'en')}, reports it done first with /plan update ${item.id} @${lead} done; then sign it off with /plan signoff ${item.id}.`,
            zh: `${item.id} 尚未报告完成（当前：${now.zh}），不能销号。请牵头单位${unitName(units.units, lead, 'zh')}先报告完成：/plan 更新 ${item.id} @${unitName(units.units, lead, 'zh')} 已完成；再销号：/plan 销号 ${item.id}。`,
          }
        : {
            en: `${item.id} is not reported done (now: ${now.en}), so it cannot be signed off. Its owners report it first with /plan update ${item.id} done; then sign it off with /plan signoff ${item.id}.`,
            zh: `${item.id} 尚未报告完成（当前：${now.zh}），不能销号。请负责人先报告完成：/plan 更新 ${item.id} 已完成；再销号：/plan 销号 ${item.id}。`,
          },
    );
  }
  return { item, state };
}

/**
 * Signs an item off (销号) once it is reported done (admins): always proposed first, with Record / Cancel
 * buttons, and recorded only when the same admin confirms. A signed-off item leaves the attention lists
 * and shows as signed off; `/plan reopen` undoes it. Both are events in the item's history.
 */
export const signoffIntent = defineIntent({
  id: 'signoff',
  summary: { en: 'Sign off an item reported done (admins; asks to confirm)', zh: '对已报告完成的事项销号（管理员；需确认）' },
  usage: '/plan signoff ID',
  examples: { en: ['/plan signoff T20'], zh: ['/plan 销号 T20'] },
  commands: ['signoff', 'sign-off', '销号'],
  args: Args,
  sideEffects: true,
  confirm: 'always',
  cues: { words: ['sign', '销号'] },
  recognize: (u, ctx) => {
    const m = SIGNOFF.exec(u.text.trim());
    return m ? { itemId: findItem(ctx.plan, m[1]!).id } : null;
  },
  parseCommand: (rest, _u, ctx) => ({ itemId: rest.trim() ? findItem(ctx.plan, rest.trim()).id : '' }),
  preview: ({ itemId }, ctx) => {
    const { item } = signable(itemId, ctx);
    const { lang } = ctx;
    const blocks: ReplyBlock[] = [
      { type: 'paragraph', text: t(lang, `Sign off ${item.id} ${item.title.en} (销号): it is reported done, and will leave the attention lists. /plan reopen ${item.id} undoes it.`, `对 ${item.id} ${item.title.zh} 销号：该事项已报告完成，销号后不再列入需要关注。/plan reopen ${item.id} 可撤销。`) },
    ];
    return blocks;
  },
  handle: async ({ itemId }, ctx) => {
    const { item } = signable(itemId, ctx);
    const { lang } = ctx;
    await ctx.store.append({ type: 'signoff', itemId: item.id, ...eventOrigin(ctx) });
    return reply(
      lang,
      [
        { type: 'paragraph', text: t(lang, `Signed off ${item.id} ${item.title.en}. It no longer needs attention; /plan reopen ${item.id} undoes it.`, `已对 ${item.id} ${item.title.zh} 销号，不再列入需要关注；/plan reopen ${item.id} 可撤销。`) },
        ...lightBlocks(item, ctx.plan, stateOf(ctx, item), lang, ctx.timeZone, ctx.clock.now()),
      ],
      { matches: [{ id: item.id, score: 1 }] },
    );
  },
});

/** Undoes a sign-off (admins): the item is judged again by the one rule of attention. */
export const reopenIntent = defineIntent({
  id: 'reopen',
  summary: { en: 'Reopen a signed-off item (admins)', zh: '撤销销号，重新打开事项（管理员）' },
  usage: '/plan reopen ID',
  examples: { en: ['/plan reopen T20'], zh: ['/plan 撤销销号 T20'] },
  commands: ['reopen', 're-open', '撤销销号', '取消销号', '重新打开'],
  args: Args,
  sideEffects: true,
  cues: { words: ['reopen', 're-open', '撤销销号', '取消销号', '重新打开'] },
  recognize: (u, ctx) => {
    const m = REOPEN.exec(u.text.trim());
    return m ? { itemId: findItem(ctx.plan, m[1]!).id } : null;
  },
  parseCommand: (rest, _u, ctx) => ({ itemId: rest.trim() ? findItem(ctx.plan, rest.trim()).id : '' }),
  handle: async ({ itemId }, ctx) => {
    assertAdmin(ctx, { en: 'reopen items', zh: '撤销销号' });
    const { lang } = ctx;
    const item = findItem(ctx.plan, itemId);
    if (!stateOf(ctx, item)?.signedOff) {
      throw new UserError('reopen.not-signed-off', { en: `${item.id} is not signed off, so there is nothing to reopen. Nothing changed.`, zh: `${item.id} 未销号，无需重新打开，未作改动。` });
    }
    await ctx.store.append({ type: 'reopen', itemId: item.id, ...eventOrigin(ctx) });
    return reply(
      lang,
      [
        { type: 'paragraph', text: t(lang, `Reopened ${item.id} ${item.title.en}: its sign-off is undone and it is judged again.`, `已撤销 ${item.id} ${item.title.zh} 的销号，重新纳入跟踪。`) },
        ...lightBlocks(item, ctx.plan, stateOf(ctx, item), lang, ctx.timeZone, ctx.clock.now()),
      ],
      { matches: [{ id: item.id, score: 1 }] },
    );
  },
});
