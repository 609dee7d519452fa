import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { t } from '../src/core/i18n.js';
import { defineIntent, eventOrigin } from '../src/core/intent.js';
import { reply } from '../src/core/reply.js';
import { UserError } from '../src/errors.js';
import { ItemId } from '../src/plan/schema.js';
import { itemHistory, lastOwnUpdate } from '../src/store/item-history.js';
import { currentStates } from '../src/store/item-state.js';
import { acceptedEventsOf } from '../src/store/event-store.js';
import { logThrough } from '../src/core/state-as-of.js';
import { formatTime, historyLine } from './history.js';
import { stateBlocks } from './update-status.js';

const UNDO = /^(?:undo (?:my |that |the )?(?:last )?update|undo|撤销(?:我的)?(?:上一次|上次|最后一次|刚才)?的?更新|撤销|撤回)(?:\s*(\S.{0,19}?))?\s*[.!。！]?$/i;

/**
 * Reverts the user's own latest update (of one item, if named) by recording an `undo` event: the
 * update stays in the log and in history, marked. Repeated undos walk back through the user's updates.
 */
export const undoIntent = defineIntent({
  id: 'undo',
  summary: { en: 'Undo your own last update', zh: '撤销自己最近的一次更新' },
  usage: '/plan undo [ID]',
  examples: { en: ['undo', 'undo my last update'], zh: ['撤销', '撤销上一次更新'] },
  commands: ['undo', '撤销', '撤回'],
  args: z.object({ itemId: ItemId.nullable() }),
  sideEffects: true,
  cues: { words: ['undo', '撤销', '撤回'] },
  recognize: (u, ctx) => {
    const m = UNDO.exec(u.text.trim());
    if (!m) return null;
    if (!m[1]) return { itemId: null };
    // "undo T9", "撤销第九项": the item, read like any other reference; other words are not an undo.
    try {
      return { itemId: findItem(ctx.plan, m[1]).id };
    } catch {
      return null;
    }
  },
  parseCommand: (rest, _u, ctx) => ({ itemId: rest.trim() ? findItem(ctx.plan, rest.trim()).id : null }),
  handle: async ({ itemId }, ctx) => {
    const { plan, lang } = ctx;
    const only = itemId ? findItem(plan, itemId) : undefined;
    // With the writes that arrived before this undo and are still being written (an update sent just before it).
    const target = lastOwnUpdate(acceptedEventsOf(ctx.store), plan.id, ctx.user.id, only?.id);
    if (!target) {
      throw new UserError('undo.nothing', {
        en: `You have no update${only ? ` of ${only.id}` : ''} left to undo; only your own updates can be undone.`,
        zh: `您没有可撤销的${only ? ` ${only.id} ` : ''}更新；只能撤销自己的更新。`,
      });
    }
    const item = findItem(plan, target.itemId);
    const recorded = await ctx.store.append({ type: 'undo', itemId: item.id, reverts: target.id, ...eventOrigin(ctx) });
    // The item as this undo left it, not as updates written in the same flush after it left it.
    const log = logThrough(ctx.store.events(), recorded);
    // Absent only when the update it reverts, still being written when this undo arrived, was refused.
    const entry = itemHistory(log, plan.id, item.id).find((h) => h.id === target.id);
    const state = currentStates(log, plan).get(item.id);
    return reply(
      lang,
      [
        { type: 'heading', text: t(lang, `Undone: your update of ${item.id} from ${formatTime(target.at, ctx.timeZone)}`, `已撤销：您在 ${formatTime(target.at, ctx.timeZone)} 对 ${item.id} 的更新`) },
        ...(entry ? [{ type: 'context' as const, text: historyLine({ ...entry, undone: null }, item, lang, ctx.timeZone) }] : []),
        { type: 'paragraph', text: t(lang, `${item.id} ${item.title.en} is now:`, `${item.id} ${item.title.zh} 现在为：`) },
        ...stateBlocks(item, state, lang, ctx.timeZone),
        { type: 'context', text: t(lang, `The update stays in the history: /plan history ${item.id}`, `该更新仍保留在记录中：/plan history ${item.id}`) },
      ],
      { matches: [{ id: item.id, score: 1 }] },
    );
  },
});
