import type { Plan, PlanItem } from '../plan/schema.js';
import type { ItemState } from '../store/item-state.js';
import type { UnitState } from '../store/unit-state.js';
import { judgeAttention, judgedDate } from './attention.js';
import { frozenBlocks, type Lang, type ReplyBlock } from './reply.js';

/** What an item's answer is rendered from: the plan's words, the item's state and units, and when it is judged. */
export interface ItemView {
  plan: Plan;
  item: PlanItem;
  /** The item's current state: derived once per version of the log and never changed after (a write derives a new one). */
  state: ItemState | undefined;
  /** The units, for an answer that shows them (a write derives a new `UnitState`); absent otherwise. */
  units?: UnitState | undefined;
  lang: Lang;
  /** `PLANBOT_TZ`. */
  timeZone: string;
  /** The instant the item's light is judged at; absent when the answer shows no light. */
  at?: Date | number | undefined;
}

/** Blocks kept for one item (or target) and language, with what they were rendered from. */
interface Kept {
  plan: Plan;
  item: PlanItem;
  state: ItemState | undefined;
  units: UnitState | undefined;
  timeZone: string;
  /** The instant judged at (epoch ms), or null when not judged. */
  at: number | null;
  /** The local date judged on when the judgement holds all that day, else null (then only the same instant reuses them). */
  day: string | null;
  /** Never handed out: each call gets a copy. */
  blocks: ReplyBlock[];
}

/**
 * The rendered blocks of one kind of answer about an item (its card, a target's answer, its status), kept
 * per item (or target) and language and reused while what they are rendered from is the same: the same
 * plan, the same state and units (so every write, which derives new ones, renders again), the same zone
 * and, for a judged answer, the same local day when the judgement holds all day (`sameAllDay`), else the
 * same instant. One answer is kept per key and language, so memory stays bounded by the plan.
 *
 * The kept blocks are frozen (`frozenBlocks`) and shared by every reply, so an adapter may key its own
 * work on a block's identity; each call returns them in a fresh array, which a caller may change (insert a note).
 */
export class RenderedBlocks<K extends object> {
  private readonly kept = new WeakMap<K, Partial<Record<Lang, Kept>>>();

  /** The blocks of `view` under `key` (the item, or one of its targets), rendered by `render` unless kept. */
  blocks(key: K, view: ItemView, render: () => ReplyBlock[]): ReplyBlock[] {
    const at = view.at === undefined ? null : typeof view.at === 'number' ? view.at : view.at.getTime();
    let byLang = this.kept.get(key);
    const k = byLang?.[view.lang];
    if (k && renderedFrom(k, view, at)) return k.blocks.slice();
    const blocks = frozenBlocks(render());
    if (!byLang) this.kept.set(key, (byLang = {}));
    byLang[view.lang] = { plan: view.plan, item: view.item, state: view.state, units: view.units, timeZone: view.timeZone, at, day: at !== null && sameAllDay(view, at) ? judgedDate(view.plan, at, view.timeZone) : null, blocks };
    return blocks.slice();
  }
}

/** True when `k` was rendered from what `view` holds at `at` (epoch ms, or null: not judged). */
function renderedFrom(k: Kept, view: ItemView, at: number | null): boolean {
  if (k.plan !== view.plan || k.item !== view.item || k.state !== view.state || k.units !== view.units || k.timeZone !== view.timeZone) return false;
  // The same instant, or the same local day for a judgement that holds all day.
  return k.at === at || (k.day !== null && at !== null && k.day === judgedDate(view.plan, at, view.timeZone));
}

/** True when the item's light, and each of its units' lights, hold for the whole local day of `at`. */
function sameAllDay(view: ItemView, at: number): boolean {
  const judge = judgeAttention(view.plan, { at, timeZone: view.timeZone });
  if (!judge.sameAllDay(view.item, view.state)) return false;
  const reports = view.units?.reports.get(view.item.id);
  if (reports) for (const r of reports.values()) if (!judge.sameAllDay(view.item, r)) return false;
  return true;
}
