import { UserError } from '../errors.js';
import type { PlanItem } from '../plan/schema.js';
import { reportingUnits, unitsOfItem, unitsOfUser, type UnitState } from '../store/unit-state.js';
import type { IntentContext } from './intent.js';
import { assertCanUpdate, isAdmin, isOwner } from './permissions.js';
import { unitName } from './resolve-unit.js';

type Who = Pick<IntentContext, 'user' | 'admins'>;

/**
 * Whose report an update is, and whether this user may make it: on an item without units, as before
 * (its owners and admins, no unit). On an item with units, a member of one of its units reports for
 * that unit; a member of several must say which (`@周口`); admins and members of the lead unit may
 * report for any of its units with `@unit`; an admin or owner in none of its units reports for the
 * province (no unit). Throws a UserError saying what to write otherwise.
 */
export function reportUnit(ctx: Who, item: PlanItem, owners: readonly string[], units: UnitState, named: string | undefined): string | null {
  const mine = unitsOfUser(units, ctx.user.id);
  const reporting = reportingUnits(units, item.id);
  const lang = (id: string, l: 'en' | 'zh') => unitName(units.units, id, l);
  if (reporting.length === 0) {
    if (named) {
      throw new UserError('update.item-has-no-units', {
        en: `${item.id} has no responsible units, so a report is not for ${lang(named, 'en')}: leave out @${lang(named, 'en')}, or an admin can add it with /plan units ${item.id} +${lang(named, 'zh')}.`,
        zh: `${item.id} 没有责任单位，报告不能记在${lang(named, 'zh')}名下：请去掉 @${lang(named, 'zh')}，或由管理员用 /plan units ${item.id} +${lang(named, 'zh')} 添加。`,
      });
    }
    assertCanUpdate(ctx, item, owners);
    return null;
  }
  const list = (l: 'en' | 'zh') => reporting.map((u) => lang(u, l)).join(l === 'en' ? ', ' : '、');
  const { lead } = unitsOfItem(units, item.id);
  const speaksForAll = isAdmin(ctx) || (lead !== null && mine.includes(lead));
  if (named) {
    if (!reporting.includes(named)) {
      throw new UserError('update.unit-not-responsible', {
        en: `${lang(named, 'en')} is not a unit of ${item.id} (its units: ${list('en')}). An admin can add it with /plan units ${item.id} +${lang(named, 'zh')}.`,
        zh: `${lang(named, 'zh')}不是 ${item.id} 的责任单位（现有：${list('zh')}）。管理员可用 /plan units ${item.id} +${lang(named, 'zh')} 添加。`,
      });
    }
    if (speaksForAll || mine.includes(named)) return named;
    throw new UserError('permission.unit', {
      en: `Only members of ${lang(named, 'en')}, of the lead unit of ${item.id} or admins may report for ${lang(named, 'en')}.${mine.length ? ` You belong to ${mine.map((u) => lang(u, 'en')).join(', ')}.` : ''}`,
      zh: `只有${lang(named, 'zh')}、${item.id} 牵头单位的成员或管理员可以代${lang(named, 'zh')}报告。${mine.length ? `您属于${mine.map((u) => lang(u, 'zh')).join('、')}。` : ''}`,
    });
  }
  const candidates = reporting.filter((u) => mine.includes(u));
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    const forms = candidates.map((u) => `/plan update ${item.id} @${lang(u, 'zh')} …`);
    throw new UserError(
      'update.which-unit',
      {
        en: `You belong to several units of ${item.id} (${candidates.map((u) => lang(u, 'en')).join(', ')}): say which one this report is for, e.g. ${forms.join(' or ')}. Nothing was recorded.`,
        zh: `您属于 ${item.id} 的多个责任单位（${candidates.map((u) => lang(u, 'zh')).join('、')}）：请说明这是哪个单位的报告，例如 ${forms.join(' 或 ')}。未记录任何内容。`,
      },
      { choices: candidates },
    );
  }
  if (isAdmin(ctx) || isOwner(ctx.user.id, owners)) return null;
  throw new UserError(
    'permission.update',
    {
      en: `Only members of the units of ${item.id} (${list('en')}), its owners or admins may update it; an admin can add you to a unit with /plan member @${ctx.user.id} ${lang(reporting[0]!, 'zh')}.`,
      zh: `只有 ${item.id} 责任单位（${list('zh')}）的成员、负责人或管理员可以更新；管理员可用 /plan member @${ctx.user.id} ${lang(reporting[0]!, 'zh')} 将您加入单位。`,
    },
    { item: item.id, units: reporting },
  );
}
