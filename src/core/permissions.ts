import { UserError } from '../errors.js';
import type { PlanItem } from '../plan/schema.js';
import type { IntentContext } from './intent.js';

type Who = Pick<IntentContext, 'user' | 'admins'>;

/** Admins may do everything: those named in PLANBOT_ADMINS (and the local user in embedded mode). */
export function isAdmin(ctx: Who): boolean {
  return ctx.user.isAdmin || ctx.admins.includes(ctx.user.id);
}

/** An item's owners and the admins may update it; anyone may read and ask. */
export function canUpdate(ctx: Who, owners: readonly string[]): boolean {
  return isAdmin(ctx) || owners.includes(ctx.user.id);
}

function adminNames(ctx: Who, lang: 'en' | 'zh'): string {
  if (ctx.admins.length === 0) return lang === 'en' ? 'an admin (none is configured: set PLANBOT_ADMINS)' : '管理员（尚未配置：请设置 PLANBOT_ADMINS）';
  return lang === 'en' ? `an admin (${ctx.admins.join(', ')})` : `管理员（${ctx.admins.join('、')}）`;
}

/** Refuses an update by someone who is neither an owner of the item nor an admin, saying who may. */
export function assertCanUpdate(ctx: Who, item: PlanItem, owners: readonly string[]): void {
  if (canUpdate(ctx, owners)) return;
  const en = owners.length
    ? `Only the owners of ${item.id} (${owners.join(', ')}) or ${adminNames(ctx, 'en')} may update it.`
    : `${item.id} has no owners yet, so only ${adminNames(ctx, 'en')} may update it; an admin can make you an owner with /plan assign ${item.id} @${ctx.user.id}.`;
  const zh = owners.length
    ? `只有 ${item.id} 的负责人（${owners.join('、')}）或${adminNames(ctx, 'zh')}可以更新它。`
    : `${item.id} 尚无负责人，目前只有${adminNames(ctx, 'zh')}可以更新；管理员可用 /plan assign ${item.id} @${ctx.user.id} 将您设为负责人。`;
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
