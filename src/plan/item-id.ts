import type { ItemKind } from './schema.js';

/** The letter that starts the ids of each kind of item: O3, G2, T17. */
export const ID_PREFIX: Readonly<Record<ItemKind, 'O' | 'G' | 'T'>> = { objective: 'O', group: 'G', task: 'T' };

/** The id of the item of a kind and number: ("task", 9) → "T9". */
export function itemId(kind: ItemKind, number: number): string {
  return `${ID_PREFIX[kind]}${number}`;
}

/** The Chinese words that name each kind of item in a reference such as 任务九 or 目标三. */
export const CHINESE_KIND: Readonly<Record<string, ItemKind>> = { 目标: 'objective', 任务组: 'group', 任务: 'task' };
