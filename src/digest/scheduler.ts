import { Cron } from 'croner';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Reply, ReplyFile } from '../core/reply.js';
import { UserError } from '../errors.js';
import type { Plan } from '../plan/schema.js';
import { workUnderClaims, type OnceOnly } from '../store/claims.js';
import type { EventStore } from '../store/event-store.js';
import { LeftToServe } from './left-to-serve.js';
import { limitsFor as defaultLimitsFor, type MessageLimits } from './limits.js';
import { deriveSubscriptions, platformOf } from './subscriptions.js';
import { lastCompleteWeek, assertTimeZone } from './week.js';
import { digestFor, prepareWeek, type DigestOptions, type WeeklyDigest } from './weekly-digest.js';
import { startTickScheduler, type TickScheduler } from './tick-scheduler.js';

/** Monday 09:00 (in the configured time zone): when digests go out unless configured otherwise. */
export const DEFAULT_DIGEST_CRON = '0 9 * * 1';

/** The user a `digest-posted` event is recorded under. */
export const DIGEST_USER = 'plan-bot';

/**
 * How a platform delivers a digest to a channel; a rejected promise means "not posted". `signal`
 * aborts when the post's claim is lost: a poster sending several messages stops before the next one.
 */
export type PostDigest = (channel: string, reply: Reply, options?: { signal?: AbortSignal }) => Promise<void>;

/** What one scheduler tick needs. */
export interface DigestTickDeps {
  plan: Plan;
  store: EventStore;
  clock: Clock;
  timeZone: string;
  /** Cron expression read in `timeZone`; default `0 9 * * 1`. */
  cron?: string;
  post: PostDigest;
  /** Content options (stale days, deadline window …); limits come from `limitsFor`. */
  options?: Omit<DigestOptions, 'limits'>;
  /** Message limits of a platform ("slack", "web" …); default Slack's everywhere. */
  limitsFor?: (platform: string) => MessageLimits;
  /** Claims shared with other processes on the same store (replicas); without them the log alone decides. */
  once?: OnceOnly;
  /**
   * Files a posted digest carries (the progress chart: `digestChartFiles` in src/charts), made only
   * for a digest about to be posted; absent: the digest is text only.
   */
  files?: (digest: WeeklyDigest) => Promise<ReplyFile[]>;
  /**
   * After a tick in which some post failed (a platform down at 09:00 Monday), the first retry this many
   * ms later, doubling at each failed retry up to an hour; default 5 minutes. Without it a failed digest
   * would wait a week for the next scheduled tick.
   */
  failedRetryMs?: number;
}

/** What a tick did. */
export interface TickResult {
  /** The scheduled time the tick served (the latest at or before now, ISO), or null before the first. */
  due: string | null;
  /** The week the due digests cover. */
  week: { key: string; start: string; end: string } | null;
  posted: { channel: string; reply: Reply }[];
  /** Channels whose post failed; they are not recorded, so the next tick tries again. */
  failed: { channel: string; error: unknown }[];
  /** Channels that already had this week's digest. */
  alreadyPosted: string[];
  /** Channels whose digest another process has claimed and not yet posted (retried once its claim expires). */
  claimedElsewhere: string[];
  /** Channels this process cannot reach (a one-off run): not recorded, left to the running `serve`'s tick. */
  leftToServe: { channel: string; reason: string }[];
}

/** Parses a cron expression for a zone with croner, or throws a user error saying how to fix it. */
export function digestSchedule(cron: string, timeZone: string): Cron {
  try {
    assertTimeZone(timeZone);
    // No callback: croner only evaluates the pattern and starts no timer.
    return new Cron(cron, { timezone: timeZone });
  } catch (err) {
    throw new UserError('digest.bad-schedule', {
      en: `The digest schedule "${cron}" in ${timeZone} is not valid (${(err as Error).message}). Use a cron expression such as "0 9 * * 1" (Mondays 09:00) and an IANA time zone such as Asia/Shanghai.`,
      zh: `周报发送时间“${cron}”（${timeZone}）无效（${(err as Error).message}）。请使用 cron 表达式，例如“0 9 * * 1”（每周一 09:00），以及 IANA 时区，例如 Asia/Shanghai。`,
    });
  }
}

/** The latest scheduled time at or before `now`, or null when the schedule has not fired yet. */
export function latestScheduledRun(schedule: Cron, now: Date): Date | null {
  // croner's previousRuns excludes a run exactly at the reference, so look from 1 ms later.
  return schedule.previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}

/**
 * One scheduler tick: for the latest scheduled time at or before `clock.now()`, posts every
 * subscribed channel's digest of the week before it that is not yet recorded as posted, and records
 * each successful post as a `digest-posted` event (channel + week). Weeks missed while the process
 * was down are not posted one by one: only the latest digest is due, once. A channel whose post
 * fails is not recorded (the next tick retries it) and does not stop the others. With `once`, each
 * post is claimed first (a channel and week), so replicas ticking together post it once; a channel
 * another replica claimed is left to it (`claimedElsewhere`). `plan-bot digest --post-due` and the
 * resident scheduler both call exactly this.
 */
export async function postDueDigests(deps: DigestTickDeps): Promise<TickResult> {
  const { plan, store, timeZone } = deps;
  const now = deps.clock.now();
  const due = latestScheduledRun(digestSchedule(deps.cron ?? DEFAULT_DIGEST_CRON, timeZone), now);
  const result: TickResult = { due: due?.toISOString() ?? null, week: null, posted: [], failed: [], alreadyPosted: [], claimedElsewhere: [], leftToServe: [] };
  if (!due) return result;
  const week = lastCompleteWeek(due, timeZone);
  result.week = { key: week.key, start: week.start, end: week.end };
  const events = [...store.events()];
  const posted = new Set(events.flatMap((e) => (e.type === 'digest-posted' && e.planId === plan.id && e.week === week.key ? [e.channel] : [])));
  const limitsFor = deps.limitsFor ?? defaultLimitsFor;
  let prepared: ReturnType<typeof prepareWeek> | null = null;
  for (const sub of deriveSubscriptions(events, plan.id).values()) {
    if (posted.has(sub.channel)) {
      result.alreadyPosted.push(sub.channel);
      continue;
    }
    const key = `digest:${plan.id}:${sub.channel}:${week.key}`;
    const claim = deps.once ? await deps.once.claims.claim(key, deps.once.holder, deps.once.ttlMs) : 'claimed';
    if (claim === 'done') {
      result.alreadyPosted.push(sub.channel);
      continue;
    }
    if (claim === 'held') {
      result.claimedElsewhere.push(sub.channel);
      continue;
    }
    const platform = platformOf(sub.channel);
    prepared ??= prepareWeek({ plan, events, now: due, timeZone });
    const digest = digestFor(prepared, sub, { ...deps.options, limits: limitsFor(platform) });
    // The claim is renewed while the post goes on (a long post must not be taken over), and the post stops if it is lost;
    // it is completed as soon as it is posted: a crash before the event below cannot make another replica post it again.
    let reply = digest.reply;
    const failure = await workUnderClaims(deps.once, [key], async (signal) => {
      const files = deps.files ? await deps.files(digest) : [];
      if (files.length) reply = { ...digest.reply, files };
      await deps.post(sub.channel, reply, signal ? { signal } : undefined);
    });
    if (failure) {
      if (failure.error instanceof LeftToServe) result.leftToServe.push({ channel: sub.channel, reason: failure.error.reason });
      else result.failed.push({ channel: sub.channel, error: failure.error });
      continue;
    }
    await store.append({ type: 'digest-posted', channel: sub.channel, week: week.key, at: deps.clock.now().toISOString(), user: DIGEST_USER, platform, planId: plan.id });
    result.posted.push({ channel: sub.channel, reply });
  }
  return result;
}

/** A running digest scheduler. */
export type DigestScheduler = TickScheduler<TickResult>;

/**
 * Starts the resident scheduler of `plan-bot serve`: croner calls `postDueDigests` at each
 * scheduled time (in the time zone, DST included), and once at start to catch up on a digest
 * missed while the process was down. Ticks are serialised. Results and failures go to `logger`.
 */
export function startDigestScheduler(deps: DigestTickDeps & { logger: Pick<Logger, 'info' | 'warn' | 'error'> }): DigestScheduler {
  const cron = deps.cron ?? DEFAULT_DIGEST_CRON;
  digestSchedule(cron, deps.timeZone);
  const firstRetry = deps.failedRetryMs ?? 5 * 60_000;
  let failedRetries = 0;
  return startTickScheduler({
    cron,
    timeZone: deps.timeZone,
    run: () => postDueDigests(deps),
    retryAfterMs: (r) => {
      // A failed post is tried again soon (backing off), not at next week's tick.
      if (r.failed.length) return Math.min(firstRetry * 2 ** failedRetries++, Math.max(firstRetry, 60 * 60_000));
      failedRetries = 0;
      // A digest another replica claimed and may have died posting: look again once its claim can expire.
      return r.claimedElsewhere.length && deps.once ? deps.once.ttlMs + 1000 : null;
    },
    report: (r) => {
      if (r.posted.length) deps.logger.info({ week: r.week?.key, channels: r.posted.map((p) => p.channel) }, 'posted weekly digests');
      for (const f of r.failed) deps.logger.warn({ err: f.error, channel: f.channel, week: r.week?.key }, 'posting a digest failed; will retry in a few minutes');
    },
    logger: deps.logger,
    failed: 'digest tick failed',
  });
}
