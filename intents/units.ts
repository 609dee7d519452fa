import { z } from 'zod';
import { findItem } from '../src/core/find-item.js';
import { t } from '../src/core/i18n.js';
import { defineIntent, eventOrigin, type IntentContext } from '../src/core/intent.js';
import { problemsError } from '../src/core/parse-update.js';
import { nameTaken, parseItemUnits, parseLead, parseMember, parseUnitAdd, unitSlug, words } from '../src/core/parse-unit-commands.js';
import { assertAdmin } from '../src/core/permissions.js';
import { reply } from '../src/core/reply.js';
import { unitName } from '../src/core/resolve-unit.js';
import { parseUserId } from '../src/core/user-ids.js';
import { userRefs } from '../src/core/user-refs.js';
import { itemUnitsBlocks } from '../src/core/render-units.js';
import { UserError } from '../src/errors.js';
import { ItemId } from '../src/plan/schema.js';
import { currentUnits, membersOf, unitsOfItem } from '../src/store/unit-state.js';

const unitsNow = (ctx: IntentContext) => currentUnits(ctx.store.events(), ctx.plan);
const unitList = (ctx: IntentContext) => [...unitsNow(ctx).units.values()];
const name = (ctx: IntentContext, id: string) => unitName(unitsNow(ctx).units, id, ctx.lang);
const UnitIdArg = z.string().regex(/^[a-z][a-z0-9-]{0,47}$/);
const UserArg = z.string().min(1).max(200).refine((u) => parseUserId(u) === u, 'must be a qualified user id');

/** `/plan unit add 土壤处 "Soil Division"` (admins) adds a unit; `/plan unit` lists every unit with its members. */
export const unitIntent = defineIntent({
  id: 'unit',
  summary: { en: 'List the units, or add one (admins)', zh: '列出单位，或添加单位（管理员）' },
  usage: '/plan unit [add 名称 "English name" [ALIAS…]]',
  examples: { en: ['/plan unit add 土壤处 "Soil Division"', '/plan unit'], zh: ['/plan 单位 添加 法规处 "Regulations Division"', '/plan 单位'] },
  commands: ['unit', '单位'],
  args: z.object({ add: z.object({ zh: z.string().min(1).max(40), en: z.string().min(1).max(80), aliases: z.array(z.string().min(1).max(80)).max(10) }).nullable() }),
  sideEffects: true,
  parseCommand: (rest) => {
    const [verb, ...more] = words(rest);
    if (!verb || /^(?:list|ls|列出|列表)$/i.test(verb)) return { add: null };
    if (!/^(?:add|添加|新增|增加)$/i.test(verb)) {
      throw new UserError('unit.usage', { en: 'Write /plan unit to list the units, or /plan unit add 土壤处 "Soil Division" to add one.', zh: '用 /plan 单位 列出单位，或 /plan 单位 添加 土壤处 "Soil Division" 添加单位。' });
    }
    const r = parseUnitAdd(rest.trim().slice(verb.length));
    if (!r.ok) throw problemsError(r.problems, '/plan unit add 名称 "English name"');
    void more;
    return { add: r.args };
  },
  handle: async ({ add }, ctx) => {
    const { lang } = ctx;
    const state = unitsNow(ctx);
    if (!add) {
      const rows = [...state.units.values()].map((u) => {
        const members = membersOf(state, u.id);
        return { label: `${u[lang]} (${u.id})`, value: members.length ? userRefs(members, t(lang, ', ', '、')) : t(lang, 'no members', '暂无成员') };
      });
      return reply(lang, [{ type: 'heading', text: t(lang, `Units (${rows.length})`, `单位（${rows.length}个）`) }, { type: 'fields', fields: rows }], { ephemeral: true });
    }
    assertAdmin(ctx, { en: 'add units', zh: '添加单位' });
    for (const n of [add.zh, add.en, ...add.aliases]) {
      const taken = nameTaken(n, state.units.values());
      if (taken) throw new UserError('unit.exists', { en: `"${n}" already names ${taken.en} (${taken.zh}); nothing was added.`, zh: `“${n}”已是${taken.zh}的名称，未添加。` });
    }
    const id = unitSlug(add.en, new Set(state.units.keys()));
    await ctx.store.append({ type: 'unit-add', unit: { id, zh: add.zh, en: add.en, aliases: add.aliases }, ...eventOrigin(ctx) });
    return reply(lang, [
      { type: 'paragraph', text: t(lang, `Added unit ${add.en} (${add.zh}), id ${id}.`, `已添加单位${add.zh}（${add.en}），编号 ${id}。`) },
      { type: 'context', text: t(lang, `Add members with /plan member @name ${add.zh}.`, `添加成员：/plan 成员 @名字 ${add.zh}`) },
    ]);
  },
});

/** `/plan member @zl 周口` / `/plan member remove @zl 周口` (admins): who belongs to which units. */
export const memberIntent = defineIntent({
  id: 'member',
  summary: { en: 'Add someone to a unit, or remove them (admins)', zh: '将人员加入或移出单位（管理员）' },
  usage: '/plan member [remove] @USER UNIT [UNIT…]',
  examples: { en: ['/plan member @zl 周口', '/plan member remove @zl 周口'], zh: ['/plan 成员 @zl 周口', '/plan 成员 移除 @zl 周口'] },
  commands: ['member', 'members', '成员'],
  args: z.object({ op: z.enum(['add', 'remove']), users: z.array(UserArg).min(1).max(20), units: z.array(UnitIdArg).min(1).max(40) }),
  sideEffects: true,
  parseCommand: (rest, _u, ctx) => {
    const r = parseMember(rest, ctx.user.id, unitList(ctx));
    if (!r.ok) throw problemsError(r.problems, '/plan member [remove] @USER UNIT');
    return r.args;
  },
  handle: async ({ op, users, units }, ctx) => {
    const { lang } = ctx;
    assertAdmin(ctx, { en: 'change unit members', zh: '调整单位成员' });
    const state = unitsNow(ctx);
    const changed: string[] = [];
    for (const unit of units) {
      for (const member of users) {
        const has = membersOf(state, unit).includes(member as never);
        if ((op === 'add') === has) continue;
        await ctx.store.append({ type: 'member', member, unit, op, ...eventOrigin(ctx) });
        changed.push(unit);
      }
    }
    const who = userRefs(users, t(lang, ', ', '、'));
    const where = units.map((u) => name(ctx, u)).join(t(lang, ', ', '、'));
    const text = changed.length === 0
      ? t(lang, `Nothing changed: ${who} ${op === 'add' ? 'already belong to' : 'do not belong to'} ${where}.`, `未作改动：${who}${op === 'add' ? '已属于' : '不属于'}${where}。`)
      : op === 'add'
        ? t(lang, `${who} now belong${users.length > 1 ? '' : 's'} to ${where}: reports on its items count for it.`, `已将 ${who} 加入${where}：其报告记在该单位名下。`)
        : t(lang, `${who} no longer belong${users.length > 1 ? '' : 's'} to ${where}.`, `已将 ${who} 移出${where}。`);
    const after = unitsNow(ctx);
    return reply(lang, [
      { type: 'paragraph', text },
      ...units.map((u) => ({ type: 'context' as const, text: t(lang, `Members of ${name(ctx, u)}: ${membersOf(after, u).length ? userRefs(membersOf(after, u), ', ') : 'none'}`, `${name(ctx, u)}成员：${membersOf(after, u).length ? userRefs(membersOf(after, u), '、') : '无'}`) })),
    ]);
  },
});

/** `/plan lead T9 土壤处` (admins): the item's lead unit (牵头单位); `none` clears it. */
export const leadIntent = defineIntent({
  id: 'lead',
  summary: { en: "Set an item's lead unit (admins)", zh: '设置事项的牵头单位（管理员）' },
  usage: '/plan lead ID UNIT|none',
  examples: { en: ['/plan lead T9 土壤处', '/plan lead T9 none'], zh: ['/plan 牵头 T9 土壤处'] },
  commands: ['lead', '牵头', '牵头单位'],
  args: z.object({ itemId: ItemId, unit: UnitIdArg.nullable() }),
  sideEffects: true,
  parseCommand: (rest, _u, ctx) => {
    const r = parseLead(rest, ctx.plan, unitList(ctx));
    if (!r.ok) throw problemsError(r.problems, '/plan lead ID UNIT');
    return r.args;
  },
  handle: async ({ itemId, unit }, ctx) => {
    const { lang } = ctx;
    assertAdmin(ctx, { en: 'set lead units', zh: '设置牵头单位' });
    const item = findItem(ctx.plan, itemId);
    if (unitsOfItem(unitsNow(ctx), item.id).lead !== unit) await ctx.store.append({ type: 'lead', itemId: item.id, unit, ...eventOrigin(ctx) });
    return reply(
      lang,
      [
        { type: 'paragraph', text: unit ? t(lang, `${name(ctx, unit)} leads ${item.id} ${item.title.en}.`, `${item.id} ${item.title.zh} 的牵头单位：${name(ctx, unit)}。`) : t(lang, `${item.id} has no lead unit now.`, `${item.id} 现在没有牵头单位。`) },
        ...itemUnitsBlocks(item, unitsNow(ctx), lang),
      ],
      { matches: [{ id: item.id, score: 1 }] },
    );
  },
});

/** `/plan units T9 all-cities`, `/plan units T9 +周口 -南阳` (admins): the item's responsible units (责任单位). */
export const itemUnitsIntent = defineIntent({
  id: 'item-units',
  summary: { en: "Set an item's responsible units (admins)", zh: '设置事项的责任单位（管理员）' },
  usage: '/plan units ID all-cities | +UNIT -UNIT …',
  examples: { en: ['/plan units T9 all-cities', '/plan units T9 +周口 -南阳'], zh: ['/plan 责任单位 T9 全部地市', '/plan 责任单位 T9 +周口 -南阳'] },
  commands: ['units', '责任单位'],
  args: z.object({ itemId: ItemId, add: z.array(UnitIdArg).max(200), remove: z.array(UnitIdArg).max(200) }),
  sideEffects: true,
  parseCommand: (rest, _u, ctx) => {
    const r = parseItemUnits(rest, ctx.plan, unitList(ctx));
    if (!r.ok) throw problemsError(r.problems, '/plan units ID +UNIT -UNIT');
    return r.args;
  },
  handle: async ({ itemId, add, remove }, ctx) => {
    const { lang } = ctx;
    assertAdmin(ctx, { en: 'set responsible units', zh: '设置责任单位' });
    const item = findItem(ctx.plan, itemId);
    const now = unitsOfItem(unitsNow(ctx), item.id).responsible;
    const adding = add.filter((u) => !now.includes(u));
    const removing = remove.filter((u) => now.includes(u));
    if (adding.length || removing.length) await ctx.store.append({ type: 'units', itemId: item.id, add: adding, remove: removing, ...eventOrigin(ctx) });
    const list = (ids: string[]) => ids.map((u) => name(ctx, u)).join(t(lang, ', ', '、'));
    const said = [
      adding.length ? t(lang, `added ${list(adding)}`, `新增${list(adding)}`) : '',
      removing.length ? t(lang, `removed ${list(removing)}`, `移除${list(removing)}`) : '',
    ].filter(Boolean);
    return reply(
      lang,
      [
        { type: 'paragraph', text: said.length ? t(lang, `Responsible units of ${item.id}: ${said.join('; ')}.`, `${item.id} 责任单位：${said.join('；')}。`) : t(lang, `Nothing changed in the units of ${item.id}.`, `${item.id} 的责任单位没有变化。`) },
        ...itemUnitsBlocks(item, unitsNow(ctx), lang),
      ],
      { matches: [{ id: item.id, score: 1 }] },
    );
  },
});
