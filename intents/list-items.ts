import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { defineIntent } from '../src/core/intent.js';
import { STATUS_LABELS, t } from '../src/core/i18n.js';
import { reply } from '../src/core/reply.js';
import { findItemRef } from '../src/search/parse-item-ref.js';
import { Status } from '../src/store/events.js';
import { currentStates } from '../src/store/item-state.js';
import { parseStatus } from '../src/core/parse-status.js';
import { ownerMatches } from '../src/core/user-ids.js';
import { ID_PREFIX } from '../src/plan/item-id.js';

const Args = z.object({
  kind: z.enum(['objective', 'group', 'task']).default('task'),
  group: z.string().regex(/^G\d+$/).nullable().default(null),
  status: Status.nullable().default(null),
  mine: z.boolean().default(false),
  /** Items owned by this user (an id with or without its platform, e.g. bob or slack:U123). */
  owner: z.string().min(1).nullable().default(null),
  topic: z.string().nullable().default(null),
});

const PLURAL = /\b(tasks|items|objectives|goals|targets|groups|actions|work items)\b|任务|目标|事项|工作|项目/;
const LIST_CUE = /\b(list|which|what are|what (tasks|items|objectives|goals)|show( me)?|all|any|every)\b|列出|列一下|哪些|所有|全部|清单|列表|有什么|有哪些|相关|有关|关于/;
const MINE = /\bmy (tasks|items|work)\b|\bmine\b|我的任务|我的工作|我负责|分配给我/;
/**
 * "tasks owned by bob", "assigned to @bob", "@bob的任务", "bob负责的任务". A name has at most 64 characters:
 * an unbounded lazy name before 负责的 is retried from every position of a long run of letters (quadratic).
 */
const OWNER = /\b(?:owned by|assigned to|owner is) @?([\p{L}\p{N}_.:-]+)|@([\p{L}\p{N}_.:-]{1,64}?) ?的(?:任务|工作|事项)|([\p{L}\p{N}_.:-]{1,64}?) ?负责的(?:任务|工作|事项)/u;
const FILLER = /\b(list|which|what|are|is|show|me|all|any|every|the|tasks?|items?|objectives?|goals?|targets?|groups?|of|in|on|for|about|related|to|relating|concerning|regarding|that|concern|involve|involving|please|plan|there|with|do|we|have)\b|列出|列一下|哪些|所有|全部|清单|列表|有什么|有哪些|相关|有关|关于|涉及|方面|的|任务|目标|事项|工作|请|一下|是|有|吗|呢/g;

/** Lists items by group, status, owner or topic: "tasks in group 3", "at-risk tasks", "my tasks", "列出大气相关任务". */
export const listItemsIntent = defineIntent({
  id: 'list-items',
  summary: { en: 'List items by group, status, owner or topic', zh: '按任务组、状态、负责人或主题列出事项' },
  usage: '/plan list [G3|at-risk|mine|TOPIC]',
  examples: { en: ['tasks in group 3', 'at-risk tasks', 'my tasks'], zh: ['列出大气相关任务', '有风险的任务', '我的任务'] },
  commands: ['list', 'ls', 'mine', '列出', '列表', '我的'],
  args: Args,
  sideEffects: false,
  recognize: (u) => {
    const text = u.text.toLowerCase();
    const owner = ownerIn(text);
    if (owner) return { ...argsFrom(text, { mine: false, status: findStatus(text), group: null }), owner, topic: null };
    const mine = MINE.test(text);
    const status = findStatus(text);
    const ref = findItemRef(text);
    if (ref && ref.kind !== 'group') return null;
    if (!mine && !PLURAL.test(text)) return null;
    if (!mine && !status && !ref && !LIST_CUE.test(text)) return null;
    return argsFrom(text, { mine, status, group: ref ? `G${ref.number}` : null });
  },
  parseCommand: (rest, u) => {
    const text = rest.toLowerCase();
    // "/plan mine" and "/plan 我的" are the owner's own list.
    if (/^\s*(mine|我的)(\s|$)/i.test(u.text)) return argsFrom(text, { mine: true, status: findStatus(text), group: null });
    const owner = ownerIn(text);
    if (owner) return { ...argsFrom(text, { mine: false, status: findStatus(text), group: null }), owner, topic: null };
    const ref = findItemRef(text);
    return argsFrom(text, { mine: /^(mine|me|my|我的)$/.test(text.trim()) || MINE.test(text), status: findStatus(text), group: ref?.kind === 'group' ? `G${ref.number}` : null });
  },
  handle: (args, ctx) => {
    const { lang, plan } = ctx;
    const states = currentStates(ctx.store.events(), plan.id);
    let items = plan.items.filter((i) => i.kind === (args.group ? 'task' : args.kind));
    if (args.group) items = items.filter((i) => i.parent === findItem(plan, args.group!).id);
    if (args.status) items = items.filter((i) => (states.get(i.id)?.status ?? 'not-started') === args.status);
    if (args.mine) items = items.filter((i) => states.get(i.id)?.owners.includes(ctx.user.id));
    if (args.owner) items = items.filter((i) => states.get(i.id)?.owners.some((o) => ownerMatches(args.owner!, o)));
    if (args.topic) {
      const hits = ctx.search.search(args.topic, { limit: 40 }).filter((h) => h.id.startsWith(ID_PREFIX[args.kind === 'objective' ? 'objective' : 'task']));
      const best = hits[0]?.score ?? 0;
      const keep = new Set(hits.filter((h) => h.score >= best * 0.5).slice(0, 12).map((h) => h.id));
      items = items.filter((i) => keep.has(i.id)).sort((a, b) => [...keep].indexOf(a.id) - [...keep].indexOf(b.id));
    }
    const what = describe(args, lang, items.length);
    if (items.length === 0) {
      return reply(lang, [{ type: 'paragraph', text: t(lang, `No ${what}.`, `没有${what}。`) }, { type: 'context', text: t(lang, 'Try "tasks in group 3", "at-risk tasks" or "help".', '可以试试“第三组任务”“有风险的任务”或“帮助”。') }]);
    }
    return reply(
      lang,
      [
        { type: 'heading', text: t(lang, `${items.length} ${what}:`, `${what}（${items.length}项）：`) },
        {
          type: 'list',
          items: items.map((i) => {
            const s = states.get(i.id)?.status;
            return { id: i.id, text: s ? `${i.title[lang]} — ${STATUS_LABELS[s][lang]}` : i.title[lang] };
          }),
        },
      ],
      { matches: items.map((i) => ({ id: i.id, score: 1 })) },
    );
  },
});

/** The owner a message asks about, or null; "me"/"我" is left to the "my tasks" reading. */
function ownerIn(text: string): string | null {
  const m = OWNER.exec(text);
  const who = (m?.[1] ?? m?.[2] ?? m?.[3])?.replace(/^@/, '');
  return who && !['me', 'my', 'mine', 'us', '我', '我们'].includes(who) ? who : null;
}

function findStatus(text: string): Status | null {
  const m = /\b(at[\s-]risk|off[\s-]track|on[\s-]track|not[\s-]started|done|completed|finished|behind|delayed|late)\b|有风险|滞后|落后|正常推进|按计划|已完成|未开始/.exec(text);
  return m ? parseStatus(m[0]) : null;
}

function argsFrom(text: string, found: { mine: boolean; status: Status | null; group: string | null }) {
  const kind = /\b(objectives|goals)\b|目标/.test(text) && !/任务/.test(text) ? 'objective' : /\bgroups\b|任务组/.test(text) && !found.group ? 'group' : 'task';
  let topic: string | null = null;
  if (!found.mine && !found.status && !found.group) {
    const rest = text.replace(FILLER, ' ').replace(/[\s?？!！。.,，、:：]+/g, ' ').trim();
    topic = rest.length > 0 ? rest : null;
  }
  return { kind, group: found.group, status: found.status, mine: found.mine, topic };
}

function describe(args: z.infer<typeof Args>, lang: 'en' | 'zh', count: number): string {
  const one = count === 1;
  const noun = { objective: [one ? 'objective' : 'objectives', '目标'], group: [one ? 'task group' : 'task groups', '任务组'], task: [one ? 'task' : 'tasks', '任务'] }[args.group ? 'task' : args.kind] as [string, string];
  const en = `${args.status ? `${STATUS_LABELS[args.status].en} ` : ''}${noun[0]}${args.group ? ` in ${args.group}` : ''}${args.mine ? ' assigned to you' : ''}${args.owner ? ` owned by ${args.owner}` : ''}${args.topic ? ` about “${args.topic}”` : ''}`;
  const zh = `${args.group ? `${args.group} 的` : ''}${args.mine ? '您负责的' : ''}${args.owner ? `${args.owner} 负责的` : ''}${args.topic ? `与“${args.topic}”相关的` : ''}${args.status ? `${STATUS_LABELS[args.status].zh}的` : ''}${noun[1]}`;
  return t(lang, en, zh);
}
