import { z } from 'zod';

/** The statuses an item can have, in the order a digest lists them. */
export const STATUSES = ['not-started', 'on-track', 'at-risk', 'off-track', 'done'] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

/** One reported value of an indicator (or of the item as a whole when `indicatorId` is null). */
export const ProgressEntry = z.object({
  indicatorId: z.string().nullable(),
  value: z.number().nonnegative(),
  /** The target the value was reported against, when the reporter gave one ("420/800"). */
  target: z.number().positive().nullable(),
  unit: z.string().nullable(),
});
export type ProgressEntry = z.infer<typeof ProgressEntry>;

const Base = z.object({
  /** Position in the log, from 1; assigned by the store. */
  seq: z.number().int().positive(),
  id: z.string().min(1),
  at: z.string().datetime({ offset: true }),
  user: z.string().min(1),
  platform: z.string().min(1),
  planId: z.string().min(1),
  /** The request that recorded it (e.g. a signed Slack request), so a replayed request records nothing twice. */
  requestKey: z.string().min(1).optional(),
});

/** Everything that happens to a plan's state, appended to the log and never changed afterwards. */
export const PlanEvent = z.discriminatedUnion('type', [
  Base.extend({
    type: z.literal('update'),
    itemId: z.string(),
    status: Status.nullable(),
    progress: z.array(ProgressEntry),
    note: z.string().nullable(),
    /** Whose report it is, when the item has responsible units (a unit id). */
    unit: z.string().min(1).optional(),
  }),
  /** Reverts an earlier update; the update stays in the log. */
  Base.extend({ type: z.literal('undo'), itemId: z.string(), reverts: z.string() }),
  Base.extend({ type: z.literal('assign'), itemId: z.string(), owner: z.string().min(1) }),
  Base.extend({ type: z.literal('unassign'), itemId: z.string(), owner: z.string().min(1) }),
  Base.extend({
    type: z.literal('subscribe'),
    channel: z.string().min(1),
    filters: z.object({ group: z.string().nullable(), owner: z.string().nullable(), status: Status.nullable() }),
    lang: z.enum(['zh', 'en', 'both']),
  }),
  Base.extend({ type: z.literal('unsubscribe'), channel: z.string().min(1) }),
  /** A digest was posted to a channel for the week starting `week` (ISO date of the Monday). */
  Base.extend({ type: z.literal('digest-posted'), channel: z.string().min(1), week: z.string() }),
  /** A unit added by an admin beside the plan's own (units.json). */
  Base.extend({ type: z.literal('unit-add'), unit: z.object({ id: z.string().min(1), zh: z.string().min(1), en: z.string().min(1), aliases: z.array(z.string()) }) }),
  /** A user joins (`add`) or leaves (`remove`) a unit. */
  Base.extend({ type: z.literal('member'), member: z.string().min(1), unit: z.string().min(1), op: z.enum(['add', 'remove']) }),
  /** The lead unit (牵头单位) of an item; null: none. */
  Base.extend({ type: z.literal('lead'), itemId: z.string(), unit: z.string().min(1).nullable() }),
  /** Responsible units (责任单位) added to and removed from an item. */
  Base.extend({ type: z.literal('units'), itemId: z.string(), add: z.array(z.string().min(1)), remove: z.array(z.string().min(1)) }),
  /**
   * A reminder (催办) went to `channel` (the reminded user's id) for the reporting cycle due on `cycle`
   * (YYYY-MM-DD): `eve` the working day before the due day, `due` on it; `target` is the unit or owner that owes reports.
   */
  Base.extend({ type: z.literal('reminder-sent'), cycle: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), target: z.string().min(1), kind: z.enum(['eve', 'due']), channel: z.string().min(1) }),
  /** A milestone (时间节点) of an item or one of its indicators set or removed: `value` reached by the end of `date`, or the item done when null. */
  Base.extend({
    type: z.literal('milestone'),
    itemId: z.string(),
    indicatorId: z.string().nullable(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    value: z.number().nullable(),
    op: z.enum(['set', 'remove']),
  }),
  /** An admin signed off (销号) an item reported done: it leaves the attention lists until reopened. */
  Base.extend({ type: z.literal('signoff'), itemId: z.string() }),
  /** Undoes a sign-off: the item is judged again. */
  Base.extend({ type: z.literal('reopen'), itemId: z.string() }),
]);
export type PlanEvent = z.infer<typeof PlanEvent>;

/** What a caller supplies; the store adds `seq` and `id`. */
export type NewEvent = PlanEvent extends infer E ? (E extends PlanEvent ? Omit<E, 'seq' | 'id'> : never) : never;
