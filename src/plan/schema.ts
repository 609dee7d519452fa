import { z } from 'zod';
import { Rollup, Unit } from './units.js';

/** A text in both languages the bot speaks. */
export const Bilingual = z.object({
  zh: z.string().min(1, 'must not be empty'),
  en: z.string().min(1, 'must not be empty'),
});
export type Bilingual = z.infer<typeof Bilingual>;

/** The kinds of item a work plan of this genre has. */
export const ItemKind = z.enum(['objective', 'group', 'task']);
export type ItemKind = z.infer<typeof ItemKind>;

/** How a target compares with its value: `>=` "at least", `<` "below", `=` "exactly / done". */
export const Comparator = z.enum(['>=', '<=', '=', '<', '>']);
export type Comparator = z.infer<typeof Comparator>;

/** Item ids are fixed by kind and number: O1…, G1…, T1…. */
export const ItemId = z.string().regex(/^[OGT][1-9]\d*$/, 'must look like O3, G2 or T17');
/** Indicator ids are the item id, a dot and a running number: T9.1, T9.2. */
export const IndicatorId = z.string().regex(/^[OGT][1-9]\d*\.[1-9]\d*$/, 'must look like T9.1');

/** One quantified target of an item, extracted from the text by rules and corrected by the translation file. */
export const Indicator = z.object({
  id: IndicatorId,
  metric: Bilingual,
  comparator: Comparator,
  /** The target value; null for a target that is a deadline or a completion ("done by the end of 2021"). */
  value: z.number().nullable(),
  /** The unit as the plan writes it ("%", "个", "起/万枚"); null for a completion target. */
  unit: z.string().nullable(),
  /** ISO date (YYYY-MM-DD) by which the target is due; the plan year's end unless the text says otherwise. */
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2021-12-31').nullable(),
  /** The plan's sentence that states the target (zh verbatim) and its translation. */
  text: Bilingual,
  /** The unit as a reader sees it beside a number ("villages", "个行政村"). */
  unitLabel: Bilingual.nullable(),
  /** True when the plan only strives for the value (力争), rather than requiring it. */
  aspirational: z.boolean(),
  /** True when progress past the value is impossible (a share that must reach 100%). */
  capped: z.boolean(),
});
export type Indicator = z.infer<typeof Indicator>;

/** One objective, task group or task of a plan. */
export const PlanItem = z.object({
  id: ItemId,
  kind: ItemKind,
  /** The group a task belongs to; null for objectives, groups and tasks of a plan without groups. */
  parent: ItemId.nullable(),
  title: Bilingual,
  /** zh: the plan's own words, verbatim; en: a full translation. */
  text: Bilingual,
  indicators: z.array(Indicator),
  aliases: z.object({ zh: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
  /** Trailing note of the document such as （责任单位：…）, verbatim. */
  note: z.string().nullable(),
  /** 1-based line of the document where the item starts. */
  line: z.number().int().positive(),
});
export type PlanItem = z.infer<typeof PlanItem>;

/** A whole plan: its items in document order and the context around them. */
export const Plan = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    title: Bilingual,
    year: z.number().int().min(1949).max(2200),
    /** The introduction and general requirements (一、总体要求), kept as context. */
    preamble: z.object({ zh: z.string(), en: z.string() }),
    items: z.array(PlanItem).min(1),
    /** The units that carry the plan out by default (units.json); admins add others as events. */
    units: z.array(Unit).optional(),
    /** Roll-up rules by indicator id that differ from the default (`rollupRule`). */
    rollup: z.record(z.string(), Rollup).optional(),
  })
  .superRefine((plan, ctx) => {
    const ids = new Set<string>();
    plan.items.forEach((item, i) => {
      if (ids.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `duplicate id ${item.id}` });
      ids.add(item.id);
    });
    plan.items.forEach((item, i) => {
      if (item.parent !== null && !ids.has(item.parent)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'parent'], message: `unknown parent ${item.parent}` });
      }
    });
  });
export type Plan = z.infer<typeof Plan>;
