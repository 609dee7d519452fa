import { z } from 'zod';

/** A unit id: a stable ASCII slug (`zhoukou`, `jiyuan`, `soil-division`). */
export const UnitId = z.string().regex(/^[a-z][a-z0-9-]{0,47}$/, 'must be a lower-case ASCII slug such as zhoukou or soil-division');

/** A unit that carries out plan items: a city, a division of the department, another department. */
export const Unit = z
  .object({
    id: UnitId,
    zh: z.string().min(1, 'must not be empty').max(40),
    en: z.string().min(1, 'must not be empty').max(80),
    /** Other ways people write it (周口, 周口市, Zhoukou City); matched in any case and width. */
    aliases: z.array(z.string().min(1).max(80)).default([]),
    /** `city` units are what `all-cities` names. */
    kind: z.enum(['city', 'division', 'other']).default('other'),
  })
  .strict();
export type Unit = z.infer<typeof Unit>;

/** How the values units report for one indicator make the province value. */
export const Rollup = z.enum(['sum', 'lead', 'lead-done']);
export type Rollup = z.infer<typeof Rollup>;

/** The units file of a plan (`data/plans/<id>/units.json`): its default units and roll-up rules by indicator. */
export const UnitsFile = z
  .object({
    version: z.literal(1),
    units: z.array(Unit),
    /** Roll-up rules that differ from the default (see `rollupRule`), by indicator id. */
    rollup: z.record(z.string().regex(/^[OGT][1-9]\d*\.[1-9]\d*$/, 'indicator ids look like T9.1'), Rollup).default({}),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, string>();
    file.units.forEach((u, i) => {
      for (const name of [u.id, u.zh, u.en, ...u.aliases].map(unitKey)) {
        const other = seen.get(name);
        if (other !== undefined && other !== u.id) ctx.addIssue({ code: 'custom', path: ['units', i], message: `name "${name}" is taken by unit ${other}` });
        seen.set(name, u.id);
      }
    });
  });
export type UnitsFile = z.infer<typeof UnitsFile>;

/** The one spelling a unit name is compared in: NFKC, lower case, no spaces or dots. */
export function unitKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s.·・_]+/g, '');
}

/**
 * The roll-up rule of an indicator: the plan's own (units.json) when it names one; otherwise a
 * qualitative target (no value) is met when the lead unit reports it done (`lead-done`), a rate or
 * share (`%`, `起/万枚`) is the lead unit's value (`lead`, never an average) and a count (`个`) sums (`sum`).
 */
export function rollupRule(ind: { id: string; value: number | null; unit: string | null }, rules: Readonly<Record<string, Rollup>> | undefined): Rollup {
  const own = rules?.[ind.id];
  if (own) return own;
  if (ind.value === null) return 'lead-done';
  if (ind.unit === null || ind.unit === '%' || ind.unit.includes('/') || ind.unit.includes('率')) return 'lead';
  return 'sum';
}
