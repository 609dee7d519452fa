import { z } from 'zod';
import { Bilingual, Comparator, IndicatorId } from './schema.js';

const IndicatorPatch = z
  .object({
    metric: z.union([z.string().min(1), Bilingual]),
    text: z.string().min(1),
    unitLabel: Bilingual.nullable(),
    comparator: Comparator,
    value: z.number().nullable(),
    unit: z.string().min(1).nullable(),
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2021-12-31').nullable(),
    aspirational: z.boolean(),
    capped: z.boolean(),
  })
  .partial()
  .strict();

/** A target the rules do not find, added by the translation file. */
const AddedIndicator = z
  .object({
    id: IndicatorId,
    metric: Bilingual,
    comparator: Comparator,
    value: z.number().nullable(),
    unit: z.string().min(1).nullable(),
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2021-12-31').nullable(),
    /** zh: the plan's clause, which must occur verbatim in the item text. */
    text: Bilingual,
    unitLabel: Bilingual.nullable().default(null),
    aspirational: z.boolean().default(false),
    capped: z.boolean().default(false),
  })
  .strict();

const ItemTranslation = z
  .object({
    title: Bilingual,
    text: z.string().min(1, 'the full English translation must not be empty'),
    aliases: z.object({ zh: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }).strict(),
    /** Corrections and English for the indicators the rules extract, keyed by indicator id. */
    indicators: z.record(IndicatorId, IndicatorPatch).default({}),
    addIndicators: z.array(AddedIndicator).default([]),
  })
  .strict();

/** The translation file of a plan: English text, titles, aliases and indicator corrections by item id. */
export const Translation = z
  .object({
    version: z.literal(1),
    title: z.string().min(1),
    region: Bilingual.optional(),
    intro: z.string().default(''),
    preamble: z.string().default(''),
    items: z.record(z.string().regex(/^[OGT][1-9]\d*$/, 'item ids look like O3, G2 or T17'), ItemTranslation),
  })
  .strict();
export type Translation = z.infer<typeof Translation>;
export type ItemTranslation = z.infer<typeof ItemTranslation>;
export type IndicatorPatch = z.infer<typeof IndicatorPatch>;
