import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { formatDeadline, t } from '../src/core/i18n.js';
import { defineIntent, eventOrigin } from '../src/core/intent.js';
import { milestoneGoal } from '../src/core/milestones.js';
import { MILESTONE_USAGE, parseMilestone } from '../src/core/parse-milestone.js';
import { assertAdmin } from '../src/core/permissions.js';
import { lightBlocks } from '../src/core/render-item.js';
import { reply } from '../src/core/reply.js';
import { UserError } from '../src/errors.js';
import { currentStates } from '../src/store/item-state.js';

const Args = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), itemId: z.string(), indicatorId: z.string().nullable(), date: z.string(), value: z.number().nullable() }),
  z.object({ op: z.literal('remove'), itemId: z.string(), indicatorId: z.string().nullable(), date: z.string() }),
  z.object({ op: z.literal('list'), itemId: z.string(), indicatorId: z.string().nullable() }),
]);

/**
 * Milestones (时间节点) of an item or a target (admins set and remove them; anyone lists them):
 * `/plan milestone T9.1 2021-06-30 400`, `/plan 节点 T9.2 年底 10%`, `/plan milestone T9 remove 2021-06-30`,
 * `/plan milestone T9`. The plan's deadlines are the default last milestones; each reply shows the
 * item's milestones and its light now.
 */
export const milestoneIntent = defineIntent({
  id: 'milestone',
  summary: { en: 'Set, remove or list the milestones of an item (admins set them)', zh: '设置、删除或查看事项的时间节点（管理员设置）' },
  usage: MILESTONE_USAGE,
  examples: { en: ['/plan milestone T9.1 2021-06-30 400', '/plan milestone T9 remove 2021-06-30'], zh: ['/plan 节点 T9.1 6月30日 400', '/plan 节点 T9 删除 6月30日'] },
  commands: ['milestone', 'milestones', 'node', '节点', '时间节点'],
  args: Args,
  sideEffects: true,
  parseCommand: (rest, _u, ctx) => parseMilestone(rest, ctx.plan),
  handle: async (args, ctx) => {
    const { plan, lang } = ctx;
    const item = findItem(plan, args.itemId);
    const before = currentStates(ctx.store.events(), plan).get(item.id);
    const what = (indicatorId: string | null) => indicatorId ?? item.id;
    let done = '';
    if (args.op === 'set') {
      assertAdmin(ctx, { en: 'set milestones', zh: '设置时间节点' });
      await ctx.store.append({ type: 'milestone', itemId: item.id, indicatorId: args.indicatorId, date: args.date, value: args.value, op: 'set', ...eventOrigin(ctx) });
      const goal = milestoneGoal({ indicatorId: args.indicatorId, date: args.date, value: args.value, source: 'set', final: false }, item.indicators.find((i) => i.id === args.indicatorId), lang);
      done = t(lang, `Milestone set: ${what(args.indicatorId)} by ${formatDeadline(args.date, 'en')}: ${goal}.`, `已设置时间节点：${what(args.indicatorId)} ${formatDeadline(args.date, 'zh')}前${goal}。`);
    } else if (args.op === 'remove') {
      assertAdmin(ctx, { en: 'remove milestones', zh: '删除时间节点' });
      const gone = (before?.milestones ?? []).filter((m) => m.date === args.date && (args.indicatorId === null || m.indicatorId === args.indicatorId));
      if (gone.length === 0) {
        const set = (before?.milestones ?? []).map((m) => `${what(m.indicatorId)} ${m.date}`);
        throw new UserError('milestone.none', {
          en: `No milestone of ${what(args.indicatorId)} was set for ${args.date}${set.length ? `; those set are ${set.join(', ')}` : ''}. The plan's own deadline stays the last milestone and cannot be removed. Usage: ${MILESTONE_USAGE}`,
          zh: `${what(args.indicatorId)} 在 ${args.date} 没有设置时间节点${set.length ? `；已设置的有 ${set.join('、')}` : ''}。计划规定的期限是最后的时间节点，不能删除。用法：${MILESTONE_USAGE}`,
        });
      }
      for (const m of gone) await ctx.store.append({ type: 'milestone', itemId: item.id, indicatorId: m.indicatorId, date: m.date, value: null, op: 'remove', ...eventOrigin(ctx) });
      done = t(lang, `Removed ${gone.length === 1 ? 'the milestone' : `${gone.length} milestones`} of ${what(args.indicatorId)} on ${args.date}.`, `已删除 ${what(args.indicatorId)} 在 ${args.date} 的时间节点${gone.length > 1 ? `（${gone.length}个）` : ''}。`);
    }
    const state = currentStates(ctx.store.events(), plan).get(item.id);
    return reply(
      lang,
      [
        ...(done ? [{ type: 'paragraph' as const, text: done }] : [{ type: 'heading' as const, text: `${item.id} ${item.title[lang]}` }]),
        ...lightBlocks(item, plan, state, lang, ctx.timeZone, ctx.clock.now()),
      ],
      { matches: [{ id: item.id, score: 1 }] },
    );
  },
});
