import { reply, type Lang, type Reply, type ReplyBlock } from '../core/reply.js';
import type { Plan } from '../plan/schema.js';
import type { PlanEvent, Status } from '../store/events.js';
import { DEFAULT_CONTENT_OPTIONS, gatherDigestData, replayWeek, type DigestContentOptions, type DigestData, type WeekState } from './digest-data.js';
import { SLACK_LIMITS, type MessageLimits } from './limits.js';
import { renderDigest } from './render-digest.js';
import type { DigestAudience } from './subscriptions.js';
import { lastCompleteWeek, weekSoFar } from './week.js';

/** Which days a digest covers: the week that has ended (what is posted) or this week up to now (what "this week" asks). */
export type DigestSpan = 'last-week' | 'week-so-far';

/** Content options plus the platform's message limits; every field has a default. */
export interface DigestOptions extends Partial<DigestContentOptions> {
  limits?: MessageLimits;
}

/** What the digest builder reads. Nothing else: no clock, no store, no environment. */
export interface DigestInput {
  plan: Plan;
  events: readonly PlanEvent[];
  /** The subscription's filters and language (a subscription itself will do). */
  audience: DigestAudience;
  /** When the digest is made: it covers the last complete Monday–Sunday week before this (or the week so far). */
  now: Date;
  /** `last-week` (default): the last complete Monday–Sunday week, as posted; `week-so-far`: Monday 00:00 to `now`. */
  span?: DigestSpan;
  timeZone: string;
  options?: DigestOptions;
}

/** A built digest: the neutral reply, the week it covers and what adapters may need besides. */
export interface WeeklyDigest {
  reply: Reply;
  /** Monday 00:00:00 and Sunday 23:59:59 in the time zone, ISO 8601 with offset (the week so far: Monday 00:00 and now). */
  week: { start: string; end: string };
  /** The Monday (YYYY-MM-DD): what `digest-posted` records. */
  weekKey: string;
  /** Users written as "@id" in the text (owners of stale items), for platforms that notify. */
  mentions: string[];
  /** What the digest says before it is put into words (its items, states and attention judge), for the chart a posted digest carries. */
  data: DigestData;
  /** The headline numbers, for JSON output and checks. */
  stats: {
    items: number;
    counts: Record<Status, number>;
    previousCounts: Record<Status, number>;
    updates: number;
    updatedItems: number;
    /** Items that need attention (src/core/attention.ts); of them, at risk or off track by status, and stale. */
    attention: number;
    atRisk: number;
    stale: number;
    deadlines: number;
    /** Items owing a report in the last cycle ended by the span's end (未报送), and the cycle's due date. */
    notReported: number;
    cycle: string;
  };
}

/**
 * Builds the weekly digest: a pure function of plan, events, audience, time and zone. It covers the
 * last complete Monday–Sunday week before `now` and reports the state at that week's end, so the
 * same week always reads the same, whenever it is posted. With `lang: 'both'` the message holds
 * Chinese then English, each in half the block budget.
 */
export function buildWeeklyDigest(input: DigestInput): WeeklyDigest {
  return digestFor(prepareWeek(input), input.audience, input.options);
}

/**
 * The audience-independent half of `buildWeeklyDigest`: the replay of the log up to the end of the
 * last complete week before `now`. Build many channels' digests of one week from one of these.
 */
export function prepareWeek(input: Pick<DigestInput, 'plan' | 'events' | 'now' | 'timeZone' | 'span'>): WeekState {
  const week = input.span === 'week-so-far' ? weekSoFar(input.now, input.timeZone) : lastCompleteWeek(input.now, input.timeZone);
  return replayWeek(input.plan, input.events, week, input.timeZone);
}

/** One audience's digest of a prepared week; `buildWeeklyDigest` is `digestFor(prepareWeek(input), …)`. */
export function digestFor(base: WeekState, audience: DigestAudience, digestOptions: DigestOptions = {}): WeeklyDigest {
  const limits = digestOptions.limits ?? SLACK_LIMITS;
  const options: DigestContentOptions = { ...DEFAULT_CONTENT_OPTIONS, ...withoutUndefined(digestOptions) };
  const { week } = base;
  const data = gatherDigestData(base, audience, options);
  const langs: Lang[] = audience.lang === 'both' ? ['zh', 'en'] : [audience.lang];
  const mentioned = new Set<string>();
  const blocks: ReplyBlock[] = [];
  langs.forEach((lang, i) => {
    const share = i === langs.length - 1 ? limits.maxBlocks - blocks.length : Math.floor(limits.maxBlocks / langs.length);
    blocks.push(...renderDigest(data, lang, { ...limits, maxBlocks: share }, mentioned));
  });
  return {
    reply: reply(langs[0]!, blocks),
    week: { start: week.start, end: week.end },
    weekKey: week.key,
    mentions: [...mentioned],
    data,
    stats: {
      items: data.items.length,
      counts: data.counts,
      previousCounts: data.previousCounts,
      updates: data.updateCount,
      updatedItems: data.changes.length,
      attention: data.attention.length,
      atRisk: data.atRiskCount,
      stale: data.staleCount,
      deadlines: data.deadlines.length,
      notReported: new Set(data.notReported.flatMap((n) => n.items)).size,
      cycle: data.cycle.key,
    },
  };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'limits')) as Partial<T>;
}
