import type { Unit } from '../plan/units.js';
import { unitKey } from '../plan/units.js';
import { foldTraditional } from '../search/fold-traditional.js';
import { editDistance } from '../search/typo-corrector.js';
import { nfkc } from '../search/normalize.js';

/** What the unit resolver found: a unit id, or a problem in both languages with the closest names. */
export type UnitResult = { ok: true; id: string } | { ok: false; code: 'unit.unknown' | 'unit.ambiguous'; en: string; zh: string; choices: string[] };

/** Words that only say what kind of unit it is: 周口市 is 周口, Zhoukou City is Zhoukou. */
const SUFFIX = /(?:市|地区|示范区|city|prefecture)$/;

/** The comparable key of a name: unitKey, Traditional folded to Simplified, without a leading @. */
function key(name: string): string {
  return unitKey(foldTraditional(name.normalize('NFKC').replace(/^[@＠]+/, '')));
}

/** Every name of a unit, as keys, with and without the kind word. */
function namesOf(u: Unit): string[] {
  const names = [u.id, u.zh, u.en, ...u.aliases].map(key);
  return [...new Set([...names, ...names.map((n) => n.replace(SUFFIX, '')).filter((n) => n.length > 1)])];
}

const CJK = /[\u3400-\u9fff]/;

/** How many edits a name of this length may be off and still be meant: none for short names, one or two for long Latin ones, one for Chinese of three or more. */
function allowance(name: string): number {
  if (CJK.test(name)) return name.length >= 3 ? 1 : 0;
  return name.length >= 9 ? 2 : name.length >= 4 ? 1 : 0;
}

/**
 * The unit resolver, one for every command and question: a unit's id, Chinese or English name or an
 * alias, in any case and width, Traditional or Simplified, with or without 市 / City, a leading @, and
 * a typo within reason (`Zhoukuo`, `Nanyng`). Pure.
 */
export function resolveUnit(text: string, units: Iterable<Unit>): UnitResult {
  const list = [...units];
  const k = key(text);
  const bare = k.replace(SUFFIX, '');
  const exact = list.filter((u) => namesOf(u).some((n) => n === k || n === bare));
  if (exact.length === 1) return { ok: true, id: exact[0]!.id };
  let best: { units: Unit[]; d: number } = { units: [], d: Infinity };
  if (exact.length === 0 && bare.length > 1) {
    for (const u of list) {
      const d = Math.min(...namesOf(u).filter((n) => editDistance(n, bare) <= allowance(n)).map((n) => editDistance(n, bare)));
      if (d < best.d) best = { units: [u], d };
      else if (d === best.d && d !== Infinity) best.units.push(u);
    }
    if (best.units.length === 1) return { ok: true, id: best.units[0]!.id };
  }
  const close = exact.length ? exact : best.units.length ? best.units : nearest(list, bare);
  const names = close.map((u) => `${u.zh} (${u.en})`);
  if (exact.length > 1 || best.units.length > 1) {
    return { ok: false, code: 'unit.ambiguous', en: `"${text}" could be ${names.join(' or ')}; write the full name.`, zh: `“${text}”可能是${close.map((u) => u.zh).join('或')}；请写全称。`, choices: close.map((u) => u.id) };
  }
  return {
    ok: false,
    code: 'unit.unknown',
    en: `No unit "${text}".${names.length ? ` Did you mean ${names.join(', ')}?` : ''} An admin can add one with /plan unit add 名称 "English name".`,
    zh: `没有单位“${text}”。${close.length ? `您是不是指${close.map((u) => u.zh).join('、')}？` : ''}管理员可用 /plan unit add 名称 "English name" 添加。`,
    choices: close.map((u) => u.id),
  };
}

/** Up to three units whose names are closest to the key, for a "did you mean". */
function nearest(units: Unit[], k: string): Unit[] {
  if (!k) return [];
  return units
    .map((u) => ({ u, d: Math.min(...namesOf(u).map((n) => editDistance(n, k) / Math.max(n.length, k.length))) }))
    .filter((x) => x.d <= 0.5)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.u);
}

/**
 * A unit named at the very start of `text` (`周口负责哪些任务`, `Zhoukou's tasks`), the longest name
 * first, with how many characters of `text` it takes; null when none starts it. A Latin name must end
 * where a word ends. Pure.
 */
export function readLeadingUnit(text: string, units: Iterable<Unit>): { id: string; length: number } | null {
  const folded = foldTraditional(nfkc(text)).toLowerCase();
  let best: { id: string; length: number } | null = null;
  for (const u of units) {
    for (const n of leadingNames(u)) {
      if (!folded.startsWith(n)) continue;
      if (!CJK.test(n) && /^[a-z0-9]/i.test(folded.slice(n.length))) continue;
      if (!best || n.length > best.length) best = { id: u.id, length: n.length };
    }
  }
  return best;
}

/** Each unit's names as `readLeadingUnit` compares them, folded once per unit rather than on every message. */
const leadingNamesOf = new WeakMap<Unit, readonly string[]>();

function leadingNames(u: Unit): readonly string[] {
  let names = leadingNamesOf.get(u);
  if (!names) leadingNamesOf.set(u, (names = [u.zh, u.en, u.id, ...u.aliases].map((name) => foldTraditional(name.normalize('NFKC')).toLowerCase())));
  return names;
}

/** The name of a unit in a language (`周口市` / `Zhoukou`), or the id when the unit is unknown. */
export function unitName(units: ReadonlyMap<string, Unit>, id: string, lang: 'en' | 'zh'): string {
  const u = units.get(id);
  return u ? u[lang] : id;
}
