import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { defineIntent } from '../src/core/intent.js';
import { statusBlocks } from '../src/core/render-item.js';
import { reply } from '../src/core/reply.js';
import { currentStates } from '../src/store/item-state.js';
import { itemId } from '../src/plan/item-id.js';
import { mentionsStatus } from '../src/core/parse-status.js';
import { analysed } from '../src/core/analysed-utterance.js';

/** Words that ask for a target's number ("how many must be completed"): a question for search, not for the status. */
const NUMBER_CUE = /\b(target|how many|how much|what percent)\b|多少|目标值|指标|要求/;
/** A progress value in a question ("has T9 reached 420/800", "T11 70%?"): asked of the item's progress. */
const PROGRESS_VALUE = /\d\s*(?:\/\s*\d|%|percent)/i;
/** "which tasks", "what items", "哪些任务": the tasks of a group are asked for, not the group itself. */
const GROUP_TASKS_ASKED = /\b(?:which|what) (?:tasks|items|actions)\b|哪些(?:任务|事项|工作)|什么(?:任务|事项)/;
const STATUS_CUE = /\b(status|progress|going|update on|updates|latest|where are we|how far|state)\b|进展|进度|状态|情况|怎么样|如何了|到哪/;

/** The current status of an item: status, progress against target, owners, last update and by whom. */
export const itemStatusIntent = defineIntent({
  id: 'item-status',
  summary: { en: 'Current status and progress of an item', zh: '某项工作的当前进展' },
  usage: '/plan status ID',
  examples: { en: ['status of T9', 'how is task 9 going', 'is T11 done'], zh: ['T9进展', '任务九进展如何', '第九项任务滞后了吗'] },
  commands: ['status', 'st', '状态', '进展'],
  args: z.object({ id: z.string().min(1) }),
  sideEffects: false,
  cues: { words: [], item: true },
  recognize: (u) => {
    const a = analysed(u);
    // "is T11 done", "T9是否滞后": a question about a status is answered with the status, never recorded.
    // The cues are read before the item: most messages have none, and the item is the dearer reading.
    const asksStatus = a.interrogative && (mentionsStatus(u.text) || PROGRESS_VALUE.test(a.nfkc)) && !NUMBER_CUE.test(a.lower);
    if (!asksStatus && !STATUS_CUE.test(a.lower)) return null;
    const ref = a.itemRef;
    // "which tasks are at risk in group 3", "G3哪些任务滞后": a list of the group's tasks (list-items), not the group's own status.
    if (ref?.kind === 'group' && GROUP_TASKS_ASKED.test(a.lower)) return null;
    return ref ? { id: itemId(ref.kind, ref.number) } : null;
  },
  parseCommand: (rest) => ({ id: rest.trim() }),
  handle: ({ id }, ctx) => {
    const { lang, plan } = ctx;
    const item = findItem(plan, id);
    const state = currentStates(ctx.store.events(), plan).get(item.id);
    const blocks = statusBlocks(item, plan, state, lang, ctx.timeZone, ctx.clock.now());
    return reply(lang, blocks, { matches: [{ id: item.id, score: 1 }] });
  },
});
