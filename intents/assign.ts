import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { t } from '../src/core/i18n.js';
import { defineIntent, eventOrigin, type IntentContext } from '../src/core/intent.js';
import { parseAssign } from '../src/core/parse-assign.js';
import { problemsError } from '../src/core/parse-update.js';
import { assertAdmin, isOwner } from '../src/core/permissions.js';
import { parseUserId, sameUser } from '../src/core/user-ids.js';
import { userRefs } from '../src/core/user-refs.js';
import { reply } from '../src/core/reply.js';
import { UserError } from '../src/errors.js';
import { ItemId } from '../src/plan/schema.js';
import { currentStates } from '../src/store/item-state.js';

const Args = z.object({
  itemId: ItemId,
  users: z.array(z.string().min(1).max(200).refine((u) => parseUserId(u) === u, 'must be a qualified user id such as web:bob or slack:U0123')).min(1).max(20),
});

const ASSIGN = /^(?:please\s+)?(?:assign|分配|指派)\s*(.+)$|^把?\s*(.+?)\s*(?:分配给|指派给|交给)\s*(.+)$/i;
const UNASSIGN = /^(?:please\s+)?(?:unassign|remove\s+owner|取消分配|取消指派|移除负责人)\s*(.+)$|^(?:please\s+)?remove\s+(.+?)\s+from\s+(.+)$|^把?\s*(.+?)\s*从\s*(.+?)\s*(?:移除|移出|除名)$/i;

function read(text: string, ctx: IntentContext, usage: string) {
  const r = parseAssign(text, ctx.plan, ctx.user.id);
  if (!r.ok) throw problemsError(r.problems, usage);
  return r.args;
}

function recognizer(pattern: RegExp, usage: string) {
  return (u: { text: string }, ctx: IntentContext) => {
    const m = pattern.exec(u.text.trim());
    if (!m) return null;
    const r = parseAssign(m.slice(1).filter(Boolean).join(' '), ctx.plan, ctx.user.id);
    if (!r.ok && r.problems.some((p) => p.code === 'item.missing')) return null;
    if (!r.ok) throw problemsError(r.problems, usage);
    return r.args;
  };
}

/** Makes users owners of an item (admins only): owners may then update it, and see it under "my tasks". */
export const assignIntent = defineIntent({
  id: 'assign',
  summary: { en: 'Make someone an owner of an item (admins)', zh: '指定某项工作的负责人（管理员）' },
  usage: '/plan assign ID @USER [@USER…]',
  examples: { en: ['assign T9 @bob', 'assign T9 to @bob @carol'], zh: ['分配 T9 @bob', '把 T9 分配给 bob'] },
  commands: ['assign', '分配', '指派'],
  args: Args,
  sideEffects: true,
  cues: { words: ['assign', '分配', '指派', '交给'] },
  recognize: recognizer(ASSIGN, '/plan assign ID @USER'),
  parseCommand: (rest, _u, ctx) => read(rest, ctx, '/plan assign ID @USER'),
  handle: async ({ itemId, users }, ctx) => {
    const { plan, lang } = ctx;
    assertAdmin(ctx, { en: 'assign owners', zh: '指定负责人' });
    const item = findItem(plan, itemId);
    const owners = currentStates(ctx.store.events(), plan).get(item.id)?.owners ?? [];
    const added = users.filter((u) => !isOwner(u, owners));
    for (const owner of added) {
      await ctx.store.append({ type: 'assign', itemId: item.id, owner, ...eventOrigin(ctx) });
    }
    const now = currentStates(ctx.store.events(), plan).get(item.id)?.owners ?? [];
    const already = users.filter((u) => isOwner(u, owners));
    return reply(
      lang,
      [
        {
          type: 'paragraph',
          text: added.length
            ? t(lang, `${userRefs(added, ', ')} ${added.length > 1 ? 'are now owners' : 'is now an owner'} of ${item.id} ${item.title.en}.`, `已将 ${userRefs(added, '、')} 设为 ${item.id} ${item.title.zh} 的负责人。`)
            : t(lang, `${userRefs(already, ', ')} already own${already.length > 1 ? '' : 's'} ${item.id}; nothing changed.`, `${userRefs(already, '、')} 已经是 ${item.id} 的负责人，未作改动。`),
        },
        { type: 'context', text: t(lang, `Owners of ${item.id}: ${userRefs(now, ', ')}`, `${item.id} 的负责人：${userRefs(now, '、')}`) },
      ],
      { matches: [{ id: item.id, score: 1 }] },
    );
  },
});

/** Removes users from an item's owners (admins only). */
export const unassignIntent = defineIntent({
  id: 'unassign',
  summary: { en: 'Remove an owner from an item (admins)', zh: '移除某项工作的负责人（管理员）' },
  usage: '/plan unassign ID @USER [@USER…]',
  examples: { en: ['unassign T9 @bob', 'remove @bob from T9'], zh: ['取消分配 T9 @bob', '把 bob 从 T9 移除'] },
  commands: ['unassign', '取消分配', '取消指派'],
  args: Args,
  sideEffects: true,
  cues: { words: ['unassign', 'remove', '取消分配', '取消指派', '移除', '移出', '除名'] },
  recognize: recognizer(UNASSIGN, '/plan unassign ID @USER'),
  parseCommand: (rest, _u, ctx) => read(rest, ctx, '/plan unassign ID @USER'),
  handle: async ({ itemId, users }, ctx) => {
    const { plan, lang } = ctx;
    assertAdmin(ctx, { en: 'remove owners', zh: '移除负责人' });
    const item = findItem(plan, itemId);
    const owners = currentStates(ctx.store.events(), plan).get(item.id)?.owners ?? [];
    const removed = owners.filter((o) => users.some((u) => sameUser(u, o)));
    if (removed.length === 0) {
      throw new UserError('unassign.not-owner', {
        en: `${userRefs(users, ', ')} ${users.length > 1 ? 'are not owners' : 'is not an owner'} of ${item.id}. Owners: ${owners.length ? userRefs(owners, ', ') : 'none'}.`,
        zh: `${userRefs(users, '、')} 不是 ${item.id} 的负责人。现有负责人：${owners.length ? userRefs(owners, '、') : '无'}。`,
      });
    }
    for (const owner of removed) {
      await ctx.store.append({ type: 'unassign', itemId: item.id, owner, ...eventOrigin(ctx) });
    }
    const now = currentStates(ctx.store.events(), plan).get(item.id)?.owners ?? [];
    return reply(
      lang,
      [
        { type: 'paragraph', text: t(lang, `${userRefs(removed, ', ')} no longer own${removed.length > 1 ? '' : 's'} ${item.id} ${item.title.en}.`, `已移除 ${userRefs(removed, '、')} 的 ${item.id} ${item.title.zh} 负责人身份。`) },
        { type: 'context', text: now.length ? t(lang, `Owners of ${item.id}: ${userRefs(now, ', ')}`, `${item.id} 的负责人：${userRefs(now, '、')}`) : t(lang, `${item.id} has no owners now.`, `${item.id} 目前没有负责人。`) },
      ],
      { matches: [{ id: item.id, score: 1 }] },
    );
  },
});
