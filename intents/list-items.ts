import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { defineIntent, type IntentContext, type RecogniserCues } from '../src/core/intent.js';
import { CueIndex } from '../src/core/cue-index.js';
import { STATUS_LABELS, t } from '../src/core/i18n.js';
import { reply, type Reply } from '../src/core/reply.js';
import { plainList } from '../src/core/render-list.js';
import { analysed } from '../src/core/analysed-utterance.js';
import { findItemRef } from '../src/search/parse-item-ref.js';
import { foldTraditional } from '../src/search/fold-traditional.js';
import { findTopic, inTopic } from '../src/search/topic-table.js';
import { Status } from '../src/store/events.js';
import { currentStates, type ItemState } from '../src/store/item-state.js';
import { parseStatus } from '../src/core/parse-status.js';
import { isOwner } from '../src/core/permissions.js';
import { resolveUser } from '../src/core/resolve-user.js';
import { userRef } from '../src/core/user-refs.js';
import { UserError } from '../src/errors.js';
import { ID_PREFIX } from '../src/plan/item-id.js';
import { editDistance } from '../src/search/typo-corrector.js';
import type { Utterance } from '../src/core/intent.js';
import { describeStatusFilter, judgeAttention, localDateIn, matchesStatusFilter, needsAttention, STALE_DAYS } from '../src/core/attention.js';
import { attentionEntry, compareAttention } from '../src/core/attention-entry.js';
import { lightMark, lightWord } from '../src/core/lights.js';

const Args = z.object({
  /** `item`: objectives and tasks alike, for "what is behind schedule", which names no kind. */
  kind: z.enum(['objective', 'group', 'task', 'item']).default('task'),
  group: z.string().regex(/^G\d+$/).nullable().default(null),
  status: Status.nullable().default(null),
  mine: z.boolean().default(false),
  /** Items owned by this user, as written (`bob`, `@web:bob`, `slack:U123`); read by the user resolver on the asker's platform. */
  owner: z.string().min(1).nullable().default(null),
  topic: z.string().nullable().default(null),
  /** Everything that needs attention ("needs attention", "需要关注"), by the one rule of src/core/attention.ts. */
  attention: z.boolean().default(false),
  /** Items with this traffic light ("which tasks are red", "哪些任务亮红灯"), by the one rule of attention. */
  light: z.enum(['red', 'yellow', 'green']).nullable().default(null),
  /** One reason of attention only: "stale tasks" / "久未更新的任务", "overdue tasks" / "逾期的任务". */
  reason: z.enum(['stale', 'overdue']).nullable().default(null),
});


/** "red lights", "which tasks are red", "red tasks", "哪些任务亮红灯", "黄灯任务": a question about a traffic light. */
const LIGHT_EN = /\b(red|yellow|amber|green)[\s-]lights?\b|\b(?:are|is|turned|on|at|in)\s+(red|yellow|amber|green)\b|\b(red|yellow|amber|green)\s+(?:tasks|items|objectives)\b/;
const LIGHT_ZH = /([红黄绿紅綠])灯|([红黄绿紅綠])燈/;

/** `/plan list red`, `/plan 列出 红灯`: a light named alone. */
const BARE_LIGHT: Record<string, 'red' | 'yellow' | 'green'> = { red: 'red', yellow: 'yellow', amber: 'yellow', green: 'green', 红: 'red', 黄: 'yellow', 绿: 'green' };

/** The light a message asks about, or null. */
export function lightAsked(text: string): 'red' | 'yellow' | 'green' | null {
  const en = LIGHT_EN.exec(text.toLowerCase());
  const word = en ? (en[1] ?? en[2] ?? en[3])! : null;
  if (word) return word === 'amber' ? 'yellow' : (word as 'red' | 'yellow' | 'green');
  const zh = LIGHT_ZH.exec(text);
  const c = zh?.[1] ?? zh?.[2];
  // "开绿灯" (to wave something through) is not a question about lights.
  if (/开绿灯|開綠燈/.test(text)) return null;
  return c ? ({ 红: 'red', 紅: 'red', 黄: 'yellow', 绿: 'green', 綠: 'green' } as const)[c as '红'] ?? null : null;
}

/** "stale", "no recent update", "久未更新": the stale reason of src/core/attention.ts. */
const STALE = /\bstale\b|\bno (?:recent )?updates?\b|\bnot (?:been )?updated\b|\bwithout (?:an? )?updates?\b|久未更新|长期未更新|很久没有?更新|未更新|没有更新|没更新|无更新/;
/** "overdue", "past the deadline", "逾期", "超期": the overdue reason. */
const OVERDUE = /\boverdue\b|\bpast (?:the |its |their )?deadlines?\b|逾期|超期|过期|过了期限|超过期限/;

/** The one reason of attention a list question asks about, or null; `plainLower` is the text in NFKC, folded to Simplified, in lower case. */
function reasonIn(plainLower: string): 'stale' | 'overdue' | null {
  return STALE.test(plainLower) ? 'stale' : OVERDUE.test(plainLower) ? 'overdue' : null;
}
const PLURAL = /\b(tasks|items|objectives|goals|targets|groups|actions|work items)\b|\b(?:every|each|all) (?:task|item|objective)\b|任务|目标|事项|工作|项目|内容|指标|\bindicators\b/;
/** A list asked by the section it comes under ("tasks under the Yellow River section"): the group's tasks. */
const GROUP_CUE = /\b(?:section|group|heading|chapter|come under|comes under|under)\b|板块|部分|章节|这一组|组下/g;
const HAS_GROUP_CUE = new RegExp(GROUP_CUE.source);
/** Nouns that ask for targets rather than for tasks. */
const TARGET_NOUN = /\b(?:targets|goals|indicators|requirements)\b|指标|目标/;
const TASK_NOUN = /\b(?:tasks|items|actions|work items)\b|任务|事项|工作/;
const LIST_CUE = /\b(list|which|what are|what (tasks|items|objectives|goals)|show( me)?|all|any|every|how many)\b|列出|列一下|哪些|所有|全部|清单|列表|有什么|有哪些|相关|有关|关于/;
const MINE = /\bmy (tasks|items|work)\b|\bmine\b|我的任务|我的工作|我负责|分配给我/;
/**
 * "tasks owned by bob", "assigned to @bob", "@bob的任务", "bob负责的任务". A name has at most 64 characters:
 * an unbounded lazy name before 负责的 is retried from every position of a long run of letters (quadratic).
 */
const OWNER = /\b(?:owned by|assigned to|owner is) @?([\p{L}\p{N}_.:-]+)|@([\p{L}\p{N}_.:-]{1,64}?) ?的(?:任务|工作|事项)|([\p{L}\p{N}_.:-]{1,64}?) ?负责的(?:任务|工作|事项)/iu;
/** What every form of {@link OWNER} contains, with its flags. */
const OWNER_WORD = /owned by|assigned to|owner is|@|负责的/iu;
/** "needs attention", "需要关注": every reason of src/core/attention.ts. */
const ATTENTION = /\bneeds? (?:my |our |your )?attention\b|需要关注|需关注|要关注|需要注意/;
/** Words a bare trouble question may have besides its status word: "what is behind schedule", "进度滞后". */
const TROUBLE_FILLER = /\b(?:what|that|there)['’]s\b|\bwhats\b|\b(?:what|which|is|are|anything|any|something|currently|now|right|schedule|plan|the|of|items?|things?|stuff)\b|进度|计划|目前|现在|当前|哪些|什么|有|是|了|吗|呢|的|事项|工作/g;
const FILLER = /\b(list|which|what|are|is|show|me|all|any|every|the|how|many|tasks?|items?|objectives?|goals?|targets?|groups?|of|in|on|for|about|related|to|relating|concerning|regarding|that|concern|involve|involving|please|plan|there|with|do|we|have)\b|列出|列一下|哪些|所有|全部|清单|列表|有什么|有哪些|相关|有关|关于|涉及|方面|跟|的|任务|目标|事项|工作|请|一下|是|有|吗|呢|多少|几个|几项/g;

/** The cue words of list questions (the router runs the recogniser only on a message that has one). */
const LIST_CUES: RecogniserCues = { words: ['red', 'yellow', 'amber', 'green', '灯', 'stale', 'no', 'not', 'without', '久未更新', '长期未更新', '很久没', '未更新', '没有更新', '没更新', '无更新', 'overdue', 'past', '逾期', '超期', '过期', '过了期限', '超过期限', 'need', '需要关注', '需关注', '要关注', '需要注意', 'owned by', 'assigned to', 'owner is', '@', '负责的', 'at', 'off', 'behind', 'delayed', 'late', '有风险', '滞后', '落后', 'my', 'mine', '我的任务', '我的工作', '我负责', '分配给我', 'tasks', 'items', 'objectives', 'goals', 'targets', 'groups', 'actions', 'work', 'every', 'each', 'all', 'indicators', '任务', '目标', '事项', '工作', '项目', '内容', '指标'] };
/** The router's reading of {@link LIST_CUES}, for the one reading here that changes the text before reading it. */
const LIST_CUE_INDEX = new CueIndex([LIST_CUES]);

/**
 * Lists items by group, status, owner or topic: "tasks in group 3", "at-risk tasks", "my tasks", "列出大气相关任务".
 * "at risk", "off track" / "behind schedule" / "滞后" and "needs attention" are read by the one rule of
 * attention (src/core/attention.ts) and list each item with its reasons, as the digest does.
 */
export const listItemsIntent = defineIntent({
  id: 'list-items',
  summary: { en: 'List items by group, status, owner or topic', zh: '按任务组、状态、负责人或主题列出事项' },
  usage: '/plan list [G3|at-risk|mine|TOPIC]',
  examples: { en: ['tasks in group 3', 'at-risk tasks', 'my tasks'], zh: ['列出大气相关任务', '有风险的任务', '我的任务'] },
  commands: ['list', 'ls', 'mine', '列出', '列表', '我的'],
  args: Args,
  sideEffects: false,
  cues: LIST_CUES,
  recognize: (u) => {
    const plain = recognizeList(u);
    if (plain && !plain.topic) return plain;
    // "list tasks at rsik" reads as the topic "at rsik": spelt right, it is the status at-risk.
    const fixed = recognizeMistypedList(u);
    return fixed && (!plain || !fixed.topic) ? fixed : plain;
  },
  parseCommand: (rest, u) => {
    const text = foldTraditional(rest).toLowerCase();
    // "/plan mine" and "/plan 我的" are the owner's own list.
    if (/^\s*(mine|我的)(\s|$)/i.test(u.text)) return argsFrom(text, { mine: true, status: findStatus(text), group: null });
    const owner = ownerIn(rest);
    if (owner) return { ...argsFrom(text, { mine: false, status: findStatus(text), group: null }), owner, topic: null };
    const ref = findItemRef(text);
    const light = lightAsked(rest) ?? BARE_LIGHT[rest.trim().toLowerCase()] ?? null;
    if (light) return { ...argsFrom(text, { mine: MINE.test(text), status: null, group: ref?.kind === 'group' ? `G${ref.number}` : null }), topic: null, light };
    if (ATTENTION.test(text)) return { ...argsFrom(text, { mine: false, status: null, group: ref?.kind === 'group' ? `G${ref.number}` : null }), topic: null, attention: true };
    return argsFrom(text, { mine: /^(mine|me|my|我的)$/.test(text.trim()) || MINE.test(text), status: findStatus(text), group: ref?.kind === 'group' ? `G${ref.number}` : null });
  },
  handle: (args, ctx) => {
    const states = currentStates(ctx.store.events(), ctx.plan);
    // "tasks in group 3": no filter, no judgement, only the plan and the items' statuses; rendered once per version of the states.
    const plain = !args.attention && args.status === null && args.light === null && args.reason === null && !args.mine && args.owner === null && args.topic === null;
    return plain ? plainList(ctx.plan, args.kind, args.group, ctx.lang, states, () => listReply(args, ctx, states)) : listReply(args, ctx, states);
  },
});

/** Reads a list question (see listItemsIntent), or null. */
function recognizeList(u: Utterance) {
  // Traditional characters read as Simplified ("列出大氣相關任務"), as every parser reads them.
  const a = analysed(u);
  const text = a.foldedLower;
  const light = lightAsked(u.text);
  if (light) {
    const ref = a.itemRef;
    if (ref && ref.kind !== 'group') return null;
    const base = argsFrom(text, { mine: MINE.test(text), status: null, group: ref ? `G${ref.number}` : null });
    return { ...base, kind: PLURAL.test(text) ? base.kind : 'item', topic: null, light };
  }
  const reason = reasonIn(a.plainLower);
  // "stale tasks", "哪些任务逾期", "is anything overdue": one reason of attention, across the plan or a group.
  if (reason && !a.itemRef?.kind.match(/^(task|objective)$/)) {
    const ref = a.itemRef;
    return { kind: PLURAL.test(text) ? 'task' : 'item', group: ref?.kind === 'group' ? `G${ref.number}` : null, status: null, mine: MINE.test(text), topic: null, reason };
  }
  if (ATTENTION.test(text)) {
    const ref = a.itemRef;
    if (ref && ref.kind !== 'group') return null;
    const base = argsFrom(text, { mine: MINE.test(text), status: null, group: ref ? `G${ref.number}` : null });
    return { ...base, kind: PLURAL.test(text) ? base.kind : 'item', topic: null, attention: true };
  }
  const owner = ownerIn(u.text);
  if (owner) return { ...argsFrom(text, { mine: false, status: findStatus(text), group: null }), owner, topic: null };
  const mine = MINE.test(text);
  const status = findStatus(text);
  const ref = a.itemRef;
  if (ref && ref.kind !== 'group') return null;
  // "what is behind schedule", "off track", "有滞后的吗": a trouble word and nothing else to say.
  if (!mine && !ref && isTrouble(status) && !PLURAL.test(text) && !stripped(text).replace(TROUBLE_FILLER, ' ').trim()) return { ...argsFrom(text, { mine, status, group: null }), kind: 'item' };
  if (!mine && !PLURAL.test(text)) return null;
  const args = argsFrom(text, { mine, status, group: ref ? `G${ref.number}` : null });
  if (mine || status || ref) return args;
  const known = args.topic ? findTopic(args.topic) : null;
  // "air pollution tasks", "水污染任务": a topic of the table and a plural noun is a list even with no list word.
  if (!LIST_CUE.test(text) && !known) return null;
  // "what are the emission control targets for nitrogen oxides": targets of a free topic are one item's targets (ask).
  if (args.topic && !known && TARGET_NOUN.test(text) && !TASK_NOUN.test(text)) return null;
  return args;
}

/** Words of list questions, each as people type it: a word one typo away is read as it ("taks", "rsik", "yelow"). */
const LIST_WORDS: readonly (readonly string[])[] = [['tasks', 'task'], ['items', 'item'], ['groups', 'group'], ['objectives', 'objective'], ['risk'], ['track'], ['behind'], ['yellow'], ['green'], ['amber'], ['overdue']];

/**
 * "at-risk taks", "list tasks at rsik", "which tasks are yelow": a list question with one word mistyped,
 * read as the question it would be with the word spelt right. Words of four letters or more only, and
 * only words one typo away from exactly one list word (in any of its forms); null when nothing was
 * corrected or no list is asked.
 */
function recognizeMistypedList(u: Utterance) {
  // Only where the message as typed has a cue of its own (read as the router reads cues), as the router requires of every recogniser.
  if (LIST_CUE_INDEX.scan(analysed(u)) === 0) return null;
  let changed = false;
  const text = u.text.replace(/[A-Za-z]{4,}/g, (w) => {
    const lower = w.toLowerCase();
    if (LIST_WORDS.some((forms) => forms.includes(lower))) return w;
    // One word (in any of its forms, "taks" is one typo from task and tasks) one typo away: its first form.
    const near = LIST_WORDS.filter((forms) => forms.some((v) => Math.abs(v.length - lower.length) <= 1 && editDistance(lower, v) === 1));
    if (near.length !== 1) return w;
    changed = true;
    return near[0]![0]!;
  });
  return changed ? recognizeList({ ...u, text }) : null;
}


/** The reply to a list question, over the items' current states. */
function listReply(args: z.infer<typeof Args>, ctx: IntentContext, states: ReadonlyMap<string, ItemState>): Reply {
  const { lang, plan } = ctx;
  const kind = args.group ? 'task' : args.kind;
  let items = plan.items.filter((i) => (kind === 'item' ? i.kind !== 'group' : i.kind === kind));
  if (args.group) items = items.filter((i) => i.parent === findItem(plan, args.group!).id);
  // "at risk", "off track" and "needs attention" are read by the one rule of attention, at this moment.
  // Judged only when a filter or the order needs it: a plain list ("tasks in group 3") shows none of it.
  const troubled = args.attention || args.reason !== null || isTrouble(args.status) || (args.light !== null && args.light !== 'green');
  const judge = args.attention || args.status || args.light || args.reason ? judgeAttention(plan, { at: ctx.clock.now(), timeZone: ctx.timeZone }) : null;
  const attention = new Map(judge ? items.map((i) => [i.id, judge.of(i, states.get(i.id))]) : []);
  if (args.light) items = items.filter((i) => attention.get(i.id)!.light === args.light);
  if (args.attention) items = items.filter((i) => needsAttention(attention.get(i.id)!));
  if (args.reason) items = items.filter((i) => attention.get(i.id)!.reasons.some((r) => r.kind === args.reason));
  if (args.status) items = items.filter((i) => matchesStatusFilter(args.status!, attention.get(i.id)!));
  if (args.mine) items = items.filter((i) => isOwner(ctx.user.id, states.get(i.id)?.owners ?? []));
  let owner: string | null = null;
  if (args.owner) {
    const who = resolveUser(args.owner, ctx.user.id);
    if (!who.ok) throw new UserError(who.code, { en: who.en, zh: who.zh });
    owner = who.id;
    items = items.filter((i) => isOwner(who.id, states.get(i.id)?.owners ?? []));
  }
  const topic = args.topic ? findTopic(args.topic) : null;
  const section = args.topic && !topic && HAS_GROUP_CUE.test(args.topic) ? ctx.search.search(args.topic.replace(GROUP_CUE, ' '), { limit: 5 }).find((h) => h.id.startsWith(ID_PREFIX.group)) : undefined;
  if (topic) {
    // A named topic is data (src/search/topic-table.ts): every objective and task using its words.
    items = plan.items.filter((i) => (args.kind === 'objective' ? i.kind === 'objective' : i.kind !== 'group') && inTopic(i, topic));
  } else if (section) {
    items = plan.items.filter((i) => i.parent === section.id);
  } else if (args.topic) {
    const hits = ctx.search.search(args.topic, { limit: 40 }).filter((h) => h.id.startsWith(ID_PREFIX[args.kind === 'objective' ? 'objective' : 'task']));
    const best = hits[0]?.score ?? 0;
    const keep = new Set(hits.filter((h) => h.score >= best * 0.5).slice(0, 12).map((h) => h.id));
    items = items.filter((i) => keep.has(i.id)).sort((a, b) => [...keep].indexOf(a.id) - [...keep].indexOf(b.id));
  }
  if (troubled) {
    const order = new Map(plan.items.map((item, i) => [item.id, i]));
    const byAttention = compareAttention(order);
    items = items.sort((a, b) => byAttention(attention.get(a.id)!, attention.get(b.id)!));
  }
  const date = localDateIn(ctx.timeZone);
  const what = describe({ ...args, owner: owner && userRef(owner) }, lang, items.length);
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
          // An item in trouble is listed with every reason, in the digest's own words.
          if (troubled) return attentionEntry(attention.get(i.id)!, states.get(i.id), lang, date);
          if (args.light) return { id: i.id, text: `${i.title[lang]} — ${lightMark(args.light)}${attention.get(i.id)!.signedOff ? t(lang, ' signed off', ' 已销号') : ''}` };
          const s = states.get(i.id)?.status;
          return { id: i.id, text: s ? `${i.title[lang]} — ${STATUS_LABELS[s][lang]}` : i.title[lang] };
        }),
      },
    ],
    { matches: items.map((i) => ({ id: i.id, score: 1 })) },
  );
}

/** The owner a message asks about, or null; "me"/"我" is left to the "my tasks" reading. */
function ownerIn(text: string): string | null {
  // Each way of naming an owner has one of these words: most messages have none and skip the pattern.
  if (!OWNER_WORD.test(text)) return null;
  const m = OWNER.exec(text);
  const who = (m?.[1] ?? m?.[2] ?? m?.[3])?.replace(/^@/, '');
  return who && !['me', 'my', 'mine', 'us', '我', '我们'].includes(who.toLowerCase()) ? who : null;
}

/** True for the statuses whose filter reads as attention (src/core/attention.ts). */
function isTrouble(status: Status | null): boolean {
  return status === 'at-risk' || status === 'off-track';
}

/** The text without its status words and punctuation. */
function stripped(text: string): string {
  return text.replace(STATUS_WORD, ' ').replace(/[\s?？!！。.,，、:：]+/g, ' ');
}

const STATUS_WORD = /\b(at[\s-]risk|off[\s-]track|on[\s-]track|not[\s-]started|done|completed|finished|behind|delayed|late|overdue)\b|有风险|滞后|落后|逾期|正常推进|按计划|已完成|未开始/g;

/** STATUS_WORD without the global flag (no lastIndex to carry between calls), compiled once. */
const FIRST_STATUS_WORD = new RegExp(STATUS_WORD.source);

/** The first of the list's status words in a text, read by the one status vocabulary (parse-status). */
function findStatus(text: string): Status | null {
  const m = FIRST_STATUS_WORD.exec(text);
  return m ? parseStatus(m[0]) : null;
}

function argsFrom(text: string, found: { mine: boolean; status: Status | null; group: string | null }) {
  const kind = /指标|\bindicators\b/.test(text) ? 'item' : /\b(objectives|goals)\b|目标/.test(text) && !/任务/.test(text) ? 'objective' : /\bgroups\b|任务组/.test(text) && !found.group ? 'group' : 'task';
  let topic: string | null = null;
  if (!found.mine && !found.status && !found.group) {
    const rest = text.replace(FILLER, ' ').replace(/[\s?？!！。.,，、:：]+/g, ' ').trim();
    topic = rest.length > 0 ? rest : null;
  }
  return { kind, group: found.group, status: found.status, mine: found.mine, topic };
}

function describe(args: z.infer<typeof Args>, lang: 'en' | 'zh', count: number): string {
  const one = count === 1;
  const noun = { objective: [one ? 'objective' : 'objectives', '目标'], group: [one ? 'task group' : 'task groups', '任务组'], task: [one ? 'task' : 'tasks', '任务'], item: [one ? 'item' : 'items', '事项'] }[args.group ? 'task' : args.kind] as [string, string];
  if (args.light) {
    const mark = lightMark(args.light);
    return t(lang, `${noun[0]}${args.group ? ` in ${args.group}` : ''}${args.mine ? ' assigned to you' : ''} with a ${mark} ${lightWord(args.light, 'en')} light`, `${args.group ? `${args.group} 的` : ''}${args.mine ? '您负责的' : ''}亮${lightWord(args.light, 'zh')}（${mark}）的${noun[1]}`);
  }
  if (args.reason) {
    const mine = args.mine ? t(lang, ' of yours', '您负责的') : '';
    const where = args.group ? t(lang, ` in ${args.group}`, `${args.group} 的`) : '';
    return args.reason === 'stale'
      ? t(lang, `${noun[0]}${where}${mine} without an update for more than ${STALE_DAYS} days (since the later of the last update and the last assignment)`, `${where}${mine}超过${STALE_DAYS}天未更新的${noun[1]}（从最近一次更新或分配起算）`)
      : t(lang, `overdue ${noun[0]}${where}${mine} (a deadline has passed and the target is not met)`, `${where}${mine}逾期的${noun[1]}（期限已过且未达标）`);
  }
  if (args.attention) {
    const what = t(lang, `${noun[0]}${args.group ? ` in ${args.group}` : ''}${args.mine ? ' of yours' : ''} that need${one ? 's' : ''} attention (at risk, off track, behind pace, overdue or stale)`, `${args.group ? `${args.group} 的` : ''}${args.mine ? '您负责的' : ''}需要关注的${noun[1]}（有风险、滞后、落后于时序进度、逾期或久未更新）`);
    return what;
  }
  if (isTrouble(args.status)) {
    const filter = describeStatusFilter(args.status!, lang);
    return t(lang, `${noun[0]}${args.group ? ` in ${args.group}` : ''}${args.mine ? ' assigned to you' : ''}${args.owner ? ` owned by ${args.owner}` : ''} ${filter}`, `${args.group ? `${args.group} 的` : ''}${args.mine ? '您负责的' : ''}${args.owner ? `${args.owner} 负责的` : ''}${filter}的${noun[1]}`);
  }
  const en = `${args.status ? `${STATUS_LABELS[args.status].en} ` : ''}${noun[0]}${args.group ? ` in ${args.group}` : ''}${args.mine ? ' assigned to you' : ''}${args.owner ? ` owned by ${args.owner}` : ''}${args.topic ? ` about “${args.topic}”` : ''}`;
  const zh = `${args.group ? `${args.group} 的` : ''}${args.mine ? '您负责的' : ''}${args.owner ? `${args.owner} 负责的` : ''}${args.topic ? `与“${args.topic}”相关的` : ''}${args.status ? `${STATUS_LABELS[args.status].zh}的` : ''}${noun[1]}`;
  return t(lang, en, zh);
}
