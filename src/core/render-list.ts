import type { Plan } from '../plan/schema.js';
import type { ItemState } from '../store/item-state.js';
import { frozenBlocks, reply, type Lang, type Reply } from './reply.js';

/** A list's reply kept with the states it was rendered from. */
interface KeptList {
  states: ReadonlyMap<string, ItemState>;
  reply: Reply;
}

/** Per plan, per list (kind and group) and language: the last plain list rendered. */
const kept = new WeakMap<Plan, Map<string, KeptList>>();

/**
 * A plain list of the plan's items ("tasks in group 3": every task of a group, or every item of a kind,
 * each with its status): a pure function of the plan, the kind, the group, the language and the items'
 * states, rendered by `render` once per version of the states (a write derives new ones), one kept per
 * list and language. Its blocks are frozen and shared by every reply (`frozenBlocks`); each reply gets
 * its own arrays of blocks and matches.
 */
export function plainList(plan: Plan, kind: string, group: string | null, lang: Lang, states: ReadonlyMap<string, ItemState>, render: () => Reply): Reply {
  let lists = kept.get(plan);
  if (!lists) kept.set(plan, (lists = new Map()));
  const key = `${kind} ${group ?? ''} ${lang}`;
  let k = lists.get(key);
  if (!k || k.states !== states) {
    const r = render();
    for (const m of r.matches) Object.freeze(m);
    lists.set(key, (k = { states, reply: { ...r, blocks: frozenBlocks(r.blocks) } }));
  }
  return reply(k.reply.lang, k.reply.blocks.slice(), { matches: k.reply.matches.slice() });
}
