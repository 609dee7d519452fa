import { z } from 'zod';
import { t } from '../src/core/i18n.js';
import { askHints } from '../src/core/help-text.js';
import { defineIntent } from '../src/core/intent.js';
import { indicatorAnswer, itemCard } from '../src/core/render-item.js';
import { DEADLINE_CUE, NUMBER_CUE, OWNER_CUE, deadlineNote, noNumberNote, ownerNote, weakMatchNote } from '../src/core/answer-notes.js';
import { reply, type Lang, type ReplyBlock } from '../src/core/reply.js';
import type { PlanSearch } from '../src/core/plan-search.js';
import { currentStates } from '../src/store/item-state.js';
import { currentUnits } from '../src/store/unit-state.js';
import { MAX_QUERY_CHARS, findItemRef } from '../src/search/index.js';
import { foldTraditional } from '../src/search/fold-traditional.js';
import { planItemById } from '../src/core/plan-item-by-id.js';

/** The plan's targets that match a question, best first. */
type Targets = ReturnType<PlanSearch['indicators']>;

/** A hit within this share of the best one is offered as "see also". */
const SEE_ALSO = 0.8;

/** Items within this share of the best are close enough for a matching target to decide between them. */
const CLOSE = 0.8;

/**
 * A question that asks for a number is about a target: among items that score about the same, the one
 * whose target matches the question clearly better comes first ("what percent of polluted farmland
 * must be safely used" is O3's farmland target, not the soil task that mentions farmland too).
 */
function preferMatchingTarget<H extends { id: string; score: number }>(hits: H[], targets: Targets, asksNumber: boolean, asksTarget: () => boolean, isObjective: (id: string) => boolean): H[] {
  if (!asksNumber || hits.length < 2) return hits;
  const targetScore = (id: string) => targets.find((x) => x.itemId === id)?.score ?? 0;
  const close = closeHits(hits);
  const scored = close.map((h) => ({ h, t: targetScore(h.id) }));
  const top = scored.reduce((a, b) => (b.t > a.t ? b : a));
  if (top.h === hits[0] || top.t < 0.5 || top.t < scored[0]!.t + 0.1) return scored[0]!.t === 0 && asksTarget() ? objectiveFirst(hits, close, isObjective) : hits;
  return [top.h, ...hits.filter((h) => h !== top.h)];
}

/** The hits within {@link CLOSE} of the best one (the best included). */
function closeHits<H extends { score: number }>(hits: H[]): H[] {
  return hits.filter((h) => h.score >= hits[0]!.score * CLOSE);
}

/**
 * The hits whose targets can change the answer: with a number asked and several hits, every close
 * one ({@link preferMatchingTarget} weighs them, and the answer is one of them); otherwise the best.
 */
function targetCandidates<H extends { score: number }>(hits: H[], asksNumber: boolean): H[] {
  return asksNumber && hits.length >= 2 ? closeHits(hits) : hits.slice(0, 1);
}

/**
 * With no target matching clearly better, a question asking for a target among items that score about
 * the same is about the objective: objectives are where the plan states its targets ("air quality
 * target for 2021" is O1, not the five-year planning task that mentions targets too).
 */
function objectiveFirst<H extends { id: string; score: number }>(hits: H[], close: H[], isObjective: (id: string) => boolean): H[] {
  if (isObjective(hits[0]!.id)) return hits;
  const objective = close.find((h) => isObjective(h.id));
  return objective ? [objective, ...hits.filter((h) => h !== objective)] : hits;
}

/** Says that only the start of a long question was searched (the search reads {@link MAX_QUERY_CHARS} characters). */
function partlyRead(lang: Lang): ReplyBlock {
  return {
    type: 'context',
    text: t(lang, `Your question is long: I searched its first ${MAX_QUERY_CHARS} characters. Ask about one thing at a time for a closer answer.`, `问题较长，只检索了前${MAX_QUERY_CHARS}个字符。每次只问一件事，回答会更准确。`),
  };
}

/** Answers a question about the plan in either language: the best item, its number, the plan's words, its status. */
export const askIntent = defineIntent({
  id: 'ask',
  summary: { en: 'Ask anything about the plan', zh: '询问计划中的任何内容' },
  usage: '/plan QUESTION',
  examples: {
    en: ["what's the rural sewage target", 'Winter Olympics air quality', 'carbon trading for power plants'],
    zh: ['农村生活污水治理率要达到多少', '三线一单', '生物多样性调查'],
  },
  commands: ['ask', 'q', '问'],
  args: z.object({ question: z.string() }),
  sideEffects: false,
  // Any question, however long, ends here: the search reads its first MAX_QUERY_CHARS characters and says so.
  maxChars: Number.POSITIVE_INFINITY,
  recognize: (u) => ({ question: u.text }),
  parseCommand: (rest) => ({ question: rest }),
  handle: ({ question }, ctx) => {
    const { lang, plan } = ctx;
    if (!/[\p{L}\p{N}]/u.test(question)) {
      return reply(lang, [
        { type: 'paragraph', text: t(lang, 'Type a question about the plan, in English or Chinese.', '请输入关于工作计划的问题，中英文均可。') },
        { type: 'context', text: t(lang, `For example ${askHints(ctx.plan, lang)}; “help” lists everything.`, `例如${askHints(ctx.plan, lang)}；输入“帮助”查看全部功能。`) },
      ]);
    }
    // Cues are read in Simplified: "什麼時候" asks when as "什么时候" does.
    const lower = foldTraditional(question).toLowerCase();
    const asksDeadline = DEADLINE_CUE.test(lower);
    const asksTarget = NUMBER_CUE.test(lower);
    const asksNumber = asksDeadline || asksTarget;
    const found = ctx.search.search(question, { limit: 5 });
    // Only the targets of the items the answer may be about are weighed: the best hit, or every close one when a number is asked.
    const targets = found.length > 0 ? ctx.search.indicators(question, { items: targetCandidates(found, asksNumber).map((h) => h.id) }) : [];
    const isObjective = (id: string) => planItemById(plan, id)?.kind === 'objective';
    // A question that names its item ("does T30 have a target") is about that item, whatever else matches
    // (read only when it decides: reading an item reference is not cheap).
    const hits = preferMatchingTarget(found, targets, asksNumber, () => asksTarget && !asksDeadline && !findItemRef(question), isObjective);
    const best = hits[0];
    const cut = question.trim().length > MAX_QUERY_CHARS ? [partlyRead(lang)] : [];
    if (!best) {
      const shown = question.trim().length > 60 ? `${question.trim().slice(0, 60)}…` : question.trim();
      return reply(lang, [
        {
          type: 'paragraph',
          text: t(
            lang,
            `Nothing in the plan matches “${shown}”. I answer questions about its ${plan.items.filter((i) => i.kind === 'objective').length} objectives and ${plan.items.filter((i) => i.kind === 'task').length} tasks.`,
            `计划中没有与“${shown}”相关的内容。我可以回答关于本计划${plan.items.filter((i) => i.kind === 'objective').length}项目标和${plan.items.filter((i) => i.kind === 'task').length}项任务的问题。`,
          ),
        },
        { type: 'context', text: t(lang, `Try ${askHints(plan, lang)}; type “help” for more.`, `可以试试${askHints(plan, lang)}；输入“帮助”查看更多。`) },
        ...cut,
      ]);
    }
    const item = planItemById(plan, best.id)!;
    const state = currentStates(ctx.store.events(), plan).get(item.id);
    const ranked = targets.filter((x) => x.itemId === item.id);
    const indicator = ranked[0] && (asksNumber || ranked[0].score >= 0.5) ? ranked[0].indicator : asksNumber && item.indicators.length === 1 ? item.indicators[0] : undefined;
    const blocks = indicator ? indicatorAnswer(item, indicator, plan, state, lang, ctx.timeZone, ctx.clock.now()) : itemCard(item, plan, state, lang, ctx.timeZone, ctx.clock.now(), currentUnits(ctx.store.events(), plan));
    // A deadline question is answered with the date, the plan year's end when the text names none.
    if (asksDeadline) blocks.splice(1, 0, deadlineNote(item, indicator, plan, lang));
    // A number the plan does not set (an objective's "annual targets", PM2.5, ozone): say so, with its words.
    else if (asksNumber && !indicator && item.indicators.length === 0 && item.kind === 'objective') blocks.splice(1, 0, noNumberNote(item, lang));
    // "who owns T9", "负责人是谁" (or a follow-up asking it): the owners, or that there are none yet, near the top.
    if (OWNER_CUE.test(lower)) blocks.splice(asksNumber ? 2 : 1, 0, ownerNote(item, state?.owners ?? [], lang));
    if (best.weak) blocks.push(weakMatchNote(lang));
    const seeAlso = hits.slice(1).filter((h) => h.score >= best.score * SEE_ALSO).slice(0, 2);
    if (seeAlso.length) {
      const names = seeAlso.map((h) => {
        const other = planItemById(plan, h.id)!;
        return `${other.id} ${other.title[lang]}`;
      });
      blocks.push({ type: 'context', text: t(lang, `See also ${names.join('; ')}`, `另见 ${names.join('；')}`) });
    }
    blocks.push(...cut);
    return reply(lang, blocks, { matches: hits.map((h) => ({ id: h.id, score: Math.round(h.score * 1000) / 1000 })) });
  },
});
