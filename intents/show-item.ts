import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { analysed } from '../src/core/analysed-utterance.js';
import { defineIntent } from '../src/core/intent.js';
import { indicatorAnswer, itemCard } from '../src/core/render-item.js';
import { UserError } from '../src/errors.js';
import { reply } from '../src/core/reply.js';
import { findItemRef } from '../src/search/parse-item-ref.js';
import { currentStates } from '../src/store/item-state.js';
import { currentUnits } from '../src/store/unit-state.js';
import { itemId } from '../src/plan/item-id.js';

/** Words that may stand around an item reference without making it a question about something else. */
const FILLER = /\b(what|whats|what's|is|are|the|show|me|tell|about|describe|details?|of|for|please|pls|item|text|full|plan|say|says|does|do|explain|open|display|see|look|up|at|on|in|a)\b|是什么|是啥|内容|讲的|讲了|说的|说了|什么|显示|查看|看看|一下|详情|请|的|吗|呢|介绍|具体|全文/g;

/** An indicator id such as T9.1 or O3.3, standing alone (not inside "PM2.5" or "1.5"). */
const INDICATOR_ID = /(?<![A-Za-z0-9.])[OGT]\d{1,2}\.\d{1,2}(?![0-9.])/i;

/** Shows one item by its id or by its number in words: "T9", "what is task 9", "第九项任务", "目标三". */
export const showItemIntent = defineIntent({
  id: 'show-item',
  summary: { en: 'Show one item of the plan', zh: '显示计划中的某一项' },
  usage: '/plan show ID',
  examples: { en: ['what is task 9', 'T9', 'objective 4'], zh: ['第九项任务', '目标三', '任务二十四是什么'] },
  commands: ['show', 'item', '显示', '查看'],
  args: z.object({ id: z.string().min(1) }),
  sideEffects: false,
  cues: { words: [], item: true },
  recognize: (u, ctx) => {
    // An indicator id ("T9.1", "什么是O3.3") names one target of an item.
    const target = INDICATOR_ID.exec(u.text);
    if (target) return { id: target[0].toUpperCase() };
    const ref = analysed(u).itemRef;
    if (!ref) return null;
    const rest = (ref.text.slice(0, ref.start) + ' ' + ref.text.slice(ref.end)).replace(FILLER, ' ').replace(/[\s?？!！。.,，]+/g, '');
    if (rest.length > (ref.keyword ? 2 : 0)) return null;
    return { id: itemId(ref.kind, ref.number) };
  },
  parseCommand: (rest) => ({ id: rest.trim() }),
  handle: ({ id }, ctx) => {
    const target = INDICATOR_ID.exec(id);
    const item = findItem(ctx.plan, target ? target[0].split('.')[0]! : id);
    const state = currentStates(ctx.store.events(), ctx.plan).get(item.id);
    if (target) {
      const indicator = item.indicators.find((i) => i.id === target[0].toUpperCase());
      if (!indicator) {
        const ids = item.indicators.map((i) => i.id);
        throw new UserError('indicator.not-found', {
          en: `${item.id} has no target ${target[0].toUpperCase()}; ${ids.length ? `its targets are ${ids.join(', ')}` : 'it has no quantified targets'}.`,
          zh: `${item.id} 没有指标 ${target[0].toUpperCase()}；${ids.length ? `其指标为 ${ids.join('、')}` : '该事项没有量化指标'}。`,
        });
      }
      return reply(ctx.lang, indicatorAnswer(item, indicator, ctx.plan, state, ctx.lang, ctx.timeZone, ctx.clock.now()), { matches: [{ id: item.id, score: 1 }] });
    }
    return reply(ctx.lang, itemCard(item, ctx.plan, state, ctx.lang, ctx.timeZone, ctx.clock.now(), currentUnits(ctx.store.events(), ctx.plan)), { matches: [{ id: item.id, score: 1 }] });
  },
});
