/**
 * Freezes an object, and every object and array it holds, all the way down (into objects already
 * frozen too: a frozen block may hold a list that is not).
 */
export function deepFreeze<T>(x: T, seen = new Set<unknown>()): T {
  if (x === null || typeof x !== 'object' || seen.has(x)) return x;
  seen.add(x);
  for (const v of Object.values(x)) deepFreeze(v, seen);
  return Object.freeze(x);
}
