import { UserError } from '../errors.js';
import type { Plan } from '../plan/schema.js';
import { unitKey, type Unit } from '../plan/units.js';
import { readLeadingItemRef } from '../search/parse-item-ref.js';
import { findItem } from './find-item.js';
import type { Problem } from './parse-progress.js';
import type { ParseResult } from './parse-update.js';
import { readUsers } from './resolve-user.js';
import { resolveUnit } from './resolve-unit.js';
import type { UserId } from './user-ids.js';

/** The words that name every city (the units of kind `city`): `all-cities`, `全部地市`, `各地市`. */
export const ALL_CITIES = new Set(['all-cities', 'allcities', 'all cities', 'cities', '全部地市', '所有地市', '各地市', '全省各地市', '18个地市', '各省辖市']);
/** Words that say "no unit": `/plan lead T9 none`. */
const NONE = new Set(['none', 'no', 'nobody', '-', '无', '没有', '取消']);
const QUOTED = /^["“「'‘]([^"”」'’]*)["”」'’]\s*/;

/** Splits a command into words, keeping "quoted phrases" whole (quotes removed). */
export function words(text: string): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest) {
    const q = QUOTED.exec(rest);
    if (q) {
      if (q[1]!.trim()) out.push(q[1]!.trim());
      rest = rest.slice(q[0].length).trimStart();
      continue;
    }
    const w = /^[^\s,，、;；]+/.exec(rest);
    if (!w) {
      rest = rest.replace(/^[\s,，、;；]+/, '');
      continue;
    }
    out.push(w[0]);
    rest = rest.slice(w[0].length).replace(/^[\s,，、;；]+/, '');
  }
  return out;
}

/** A new unit from `土壤处 "Soil Division" [alias…]`: its Chinese and English names and any aliases. */
export interface UnitAddArgs {
  zh: string;
  en: string;
  aliases: string[];
}

/** Reads `/plan unit add 土壤处 "Soil Division" [alias…]` (after `add`). Pure. */
export function parseUnitAdd(text: string): ParseResult<UnitAddArgs> {
  const [zh, en, ...aliases] = words(text);
  if (!zh || !en) {
    return { ok: false, problems: [{ code: 'unit.names', en: 'Give the Chinese and the English name, e.g. /plan unit add 土壤处 "Soil Division".', zh: '请给出中文名和英文名，例如 /plan unit add 土壤处 "Soil Division"。' }] };
  }
  return { ok: true, args: { zh, en, aliases } };
}

/** The id a new unit gets: its English name as an ASCII slug, made unique among `taken`. */
export function unitSlug(en: string, taken: ReadonlySet<string>): string {
  const base = en.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'unit';
  const start = /^[a-z]/.test(base) ? base : `u-${base}`;
  let id = start;
  for (let n = 2; taken.has(id); n++) id = `${start}-${n}`;
  return id;
}

/** True when a name is already a name of one of `units` (in any case and width). */
export function nameTaken(name: string, units: Iterable<Unit>): Unit | null {
  const k = unitKey(name);
  for (const u of units) if ([u.id, u.zh, u.en, ...u.aliases].some((n) => unitKey(n) === k)) return u;
  return null;
}

/** Who joins or leaves which units. */
export interface MemberArgs {
  op: 'add' | 'remove';
  users: UserId[];
  units: string[];
}

const REMOVE = new Set(['remove', 'rm', 'delete', 'del', '移除', '删除', '退出']);
const ADD = new Set(['add', '添加', '加入', '增加']);

/**
 * Reads `@zl 周口 [南阳…]` or `remove @zl 周口`: users (written with @, or qualified, or the first word)
 * each read by the user resolver on the asker's platform, then units read by the unit resolver. Pure.
 */
export function parseMember(text: string, asker: UserId, units: readonly Unit[]): ParseResult<MemberArgs> {
  let list = words(text);
  let op: 'add' | 'remove' = 'add';
  if (list[0] && REMOVE.has(list[0].toLowerCase())) [op, list] = ['remove', list.slice(1)];
  else if (list[0] && ADD.has(list[0].toLowerCase())) list = list.slice(1);
  const isUser = (w: string, i: number) => /^[@＠<]/.test(w) || /^(?:web|console|slack):/i.test(w) || (i === 0 && !list.some((x) => /^[@＠<]/.test(x)));
  const read = readUsers(list.filter((w, i) => isUser(w, i)), asker);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const problems: Problem[] = [];
  const ids: string[] = [];
  for (const w of list.filter((w, i) => !isUser(w, i))) {
    const r = resolveUnit(w, units);
    if (r.ok) ids.includes(r.id) || ids.push(r.id);
    else problems.push({ code: r.code, en: r.en, zh: r.zh, choices: r.choices });
  }
  if (read.users.length === 0 || (ids.length === 0 && problems.length === 0)) {
    problems.push({ code: 'member.usage', en: 'Say who and which unit, e.g. /plan member @zl 周口.', zh: '请说明人员和单位，例如 /plan member @zl 周口。' });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, args: { op, users: read.users, units: ids } };
}

/** An item and the rest of the words after it; or a problem. */
function leadingItem(text: string, plan: Plan, usage: { en: string; zh: string }): { ok: true; itemId: string; rest: string } | { ok: false; problems: Problem[] } {
  const trimmed = text.trim();
  const ref = readLeadingItemRef(trimmed);
  if (!ref || !/^(?:[\s,，、]|$)/.test(trimmed.slice(ref.length))) return { ok: false, problems: [{ code: 'item.missing', en: `Say which item, e.g. ${usage.en}.`, zh: `请指明事项，例如 ${usage.zh}。` }] };
  try {
    return { ok: true, itemId: findItem(plan, trimmed.slice(0, ref.length).trim()).id, rest: trimmed.slice(ref.length) };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { ok: false, problems: [{ code: err.id, en: err.text.en, zh: err.text.zh }] };
  }
}

/** An item's lead unit, or null to clear it. */
export interface LeadArgs {
  itemId: string;
  unit: string | null;
}

/** Reads `T9 土壤处` or `T9 none`. Pure. */
export function parseLead(text: string, plan: Plan, units: readonly Unit[]): ParseResult<LeadArgs> {
  const head = leadingItem(text, plan, { en: '/plan lead T9 土壤处', zh: '/plan 牵头 T9 土壤处' });
  if (!head.ok) return head;
  const name = words(head.rest).join(' ');
  if (!name) return { ok: false, problems: [{ code: 'unit.missing', en: `Say which unit leads ${head.itemId}, e.g. /plan lead ${head.itemId} 土壤处 (or none).`, zh: `请指明 ${head.itemId} 的牵头单位，例如 /plan 牵头 ${head.itemId} 土壤处（或“无”）。` }] };
  if (NONE.has(name.toLowerCase())) return { ok: true, args: { itemId: head.itemId, unit: null } };
  const r = resolveUnit(name, units);
  if (!r.ok) return { ok: false, problems: [{ code: r.code, en: r.en, zh: r.zh, choices: r.choices }] };
  return { ok: true, args: { itemId: head.itemId, unit: r.id } };
}

/** Responsible units to add to and remove from an item. */
export interface ItemUnitsArgs {
  itemId: string;
  add: string[];
  remove: string[];
}

/**
 * Reads `T9 all-cities`, `T9 +周口 -南阳`, `T9 周口 南阳` (a bare name adds): units by the unit
 * resolver, `all-cities` / `全部地市` for every city (`-all-cities` removes them). Pure.
 */
export function parseItemUnits(text: string, plan: Plan, units: readonly Unit[]): ParseResult<ItemUnitsArgs> {
  const head = leadingItem(text, plan, { en: '/plan units T9 +周口 -南阳', zh: '/plan 责任单位 T9 +周口 -南阳' });
  if (!head.ok) return head;
  const add: string[] = [];
  const remove: string[] = [];
  const problems: Problem[] = [];
  const rest = head.rest.replace(/all cities/gi, 'all-cities');
  for (const w of words(rest)) {
    const sign = /^[-−－]/.test(w) ? '-' : '+';
    const name = w.replace(/^[+＋\-−－]+/, '');
    if (!name) continue;
    const ids = ALL_CITIES.has(name.toLowerCase()) ? units.filter((u) => u.kind === 'city').map((u) => u.id) : null;
    let found: string[] = ids ?? [];
    if (!ids) {
      const r = resolveUnit(name, units);
      if (!r.ok) {
        problems.push({ code: r.code, en: r.en, zh: r.zh, choices: r.choices });
        continue;
      }
      found = [r.id];
    }
    for (const id of found) {
      const [to, from] = sign === '+' ? [add, remove] : [remove, add];
      if (from.includes(id)) from.splice(from.indexOf(id), 1);
      if (!to.includes(id)) to.push(id);
    }
  }
  if (!problems.length && add.length === 0 && remove.length === 0) {
    problems.push({ code: 'unit.missing', en: `Say which units, e.g. /plan units ${head.itemId} all-cities or /plan units ${head.itemId} +周口 -南阳.`, zh: `请指明单位，例如 /plan 责任单位 ${head.itemId} 全部地市 或 /plan 责任单位 ${head.itemId} +周口 -南阳。` });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, args: { itemId: head.itemId, add, remove } };
}
