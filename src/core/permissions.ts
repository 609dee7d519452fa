import { UserError } from '../errors.js';
import type { PlanItem } from '../plan/schema.js';
import { isListedAdmin, readAdminEntry } from './admins.js';
import type { IntentContext } from './intent.js';
import { userRef, userRefs } from './user-refs.js';
import { platformOf, sameUser } from './user-ids.js';

type Who = Pick<IntentContext, 'user' | 'admins'>;

/** Admins may do everything: those named in PLANBOT_ADMINS (and the local user in embedded mode). */
export function isAdmin(ctx: Who): boolean {
  return ctx.user.isAdmin || isListedAdmin(ctx.admins, ctx.user.id);
}

/** True when the user is one of the owners, by the one "same user" rule. */
export function isOwner(user: string, owners: readonly string[]): boolean {
  return owners.some((o) => sameUser(o, user));
}

/** An item's owners and the admins may update it; anyone may read and ask. */
export function canUpdate(ctx: Who, owners: readonly string[]): boolean {
  return isAdmin(ctx) || isOwner(ctx.user.id, owners);
}

/** The admin list as readers see it: users as references (Slack shows names), bare names as written. */
function adminList(ctx: Who, sep: string): string {
  return ctx.admins
    .map((e) => {
      const a = readAdminEntry(e);
      return a.kind === 'user' || a.kind === 'slack-member' ? userRef(a.id) : a.kind === 'name' ? a.name : '';
    })
    .filter(Boolean)
    .join(sep);
}

function adminNames(ctx: Who, lang: 'en' | 'zh'): string {
  const list = adminList(ctx, lang === 'en' ? ', ' : '、');
  if (!list) return lang === 'en' ? 'an admin (none is configured: set PLANBOT_ADMINS)' : '管理员（尚未配置：请设置 PLANBOT_ADMINS）';
  return lang === 'en' ? `an admin (${list})` : `管理员（${list}）`;
}

/**
 * How an admin names this user in `/plan assign`: a Slack user by a reference (Slack shows a
 * mention, never `@<@U…>`), anyone else by the qualified `@web:bob`, which works from every platform.
 */
function assignForm(user: string): string {
  return platformOf(user) === 'slack' ? userRef(user) : `@${user}`;
}

/** Refuses an update by someone who is neither an owner of the item nor an admin, saying who may. */
export function assertCanUpdate(ctx: Who, item: PlanItem, owners: readonly string[]): void {
  if (canUpdate(ctx, owners)) return;
  const me = assignForm(ctx.user.id);
  const en = owners.length
    ? `Only the owners of ${item.id} (${userRefs(owners, ', ')}) or ${adminNames(ctx, 'en')} may update it; an admin can add you with /plan assign ${item.id} ${me}.`
    : `${item.id} has no owners yet, so only ${adminNames(ctx, 'en')} may update it; an admin can make you an owner with /plan assign ${item.id} ${me}.`;
  const zh = owners.length
    ? `只有 ${item.id} 的负责人（${userRefs(owners, '、')}）或${adminNames(ctx, 'zh')}可以更新它；管理员可用 /plan assign ${item.id} ${me} 将您加为负责人。`
    : `${item.id} 尚无负责人，目前只有${adminNames(ctx, 'zh')}可以更新；管理员可用 /plan assign ${item.id} ${me} 将您设为负责人。`;
  throw new UserError('permission.update', { en, zh }, { item: item.id, owners: [...owners], admins: [...ctx.admins] });
}

/** Refuses an admin-only action (assigning owners) to anyone else, saying who may. */
export function assertAdmin(ctx: Who, action: { en: string; zh: string }): void {
  if (isAdmin(ctx)) return;
  throw new UserError(
    'permission.admin',
    { en: `Only ${adminNames(ctx, 'en')} may ${action.en}.`, zh: `只有${adminNames(ctx, 'zh')}可以${action.zh}。` },
    { admins: [...ctx.admins] },
  );
}
