import { renderPlainText } from '../core/reply.js';
import type { Plan } from '../plan/schema.js';
import type { PlanEvent } from '../store/events.js';
import { leftToServeLines } from './left-to-serve.js';
import { limitsFor } from './limits.js';
import { postDueDigests, type DigestTickDeps, type PostDigest } from './scheduler.js';
import { NO_FILTERS, deriveSubscriptions, platformOf, type DigestAudience } from './subscriptions.js';
import { buildWeeklyDigest, type DigestOptions } from './weekly-digest.js';

/** What `plan-bot digest` shows when no channel (or an unsubscribed one) is named: everything, both languages. */
export const DEFAULT_AUDIENCE: DigestAudience = { filters: NO_FILTERS, lang: 'both' };

/** Input of `plan-bot digest [--json] [--channel C]`. */
export interface DigestCommandInput {
  plan: Plan;
  events: readonly PlanEvent[];
  /** `--now`, or the system time. */
  now: Date;
  /** `PLANBOT_TZ`. */
  timeZone: string;
  /** `--channel`: use that channel's subscription (filters, language and platform limits). */
  channel?: string;
  json: boolean;
  options?: Omit<DigestOptions, 'limits'>;
}

/**
 * `plan-bot digest`: the digest as it would be posted at `now`, covering the last complete
 * Monday–Sunday week. With `--channel` it uses that channel's subscription; a channel that is not
 * subscribed (or none) gets the whole plan in both languages, and JSON says `subscribed: false`.
 */
export function digestCommand(input: DigestCommandInput): string {
  const sub = input.channel ? deriveSubscriptions(input.events, input.plan.id).get(input.channel) : undefined;
  const audience = sub ?? DEFAULT_AUDIENCE;
  const digest = buildWeeklyDigest({
    plan: input.plan,
    events: input.events,
    audience,
    now: input.now,
    timeZone: input.timeZone,
    options: { ...input.options, limits: limitsFor(input.channel ? platformOf(input.channel) : 'slack') },
  });
  const text = renderPlainText(digest.reply);
  if (!input.json) return text;
  return JSON.stringify({
    week: digest.week,
    text,
    channel: input.channel ?? null,
    subscribed: sub !== undefined,
    lang: audience.lang,
    filters: audience.filters,
    mentions: digest.mentions,
    stats: digest.stats,
    blocks: digest.reply.blocks,
  });
}

/** Output of `plan-bot digest --post-due`; `ok` is false when some channel's post failed. */
export interface PostDueOutcome {
  ok: boolean;
  output: string;
  /** One line per failed channel, for stderr. */
  errors: string[];
}

/**
 * `plan-bot digest --post-due`: one scheduler tick (`postDueDigests`) and a report of what it
 * posted. Run twice, the second run posts nothing.
 */
export async function postDueCommand(deps: DigestTickDeps & { json: boolean }): Promise<PostDueOutcome> {
  const r = await postDueDigests(deps);
  const errors = r.failed.map((f) => `${f.channel}: ${(f.error as Error)?.message ?? String(f.error)} (not recorded; the next run will try again)`);
  if (deps.json) {
    const output = JSON.stringify({
      due: r.due,
      week: r.week,
      posted: r.posted.map((p) => ({ channel: p.channel, text: renderPlainText(p.reply) })),
      failed: r.failed.map((f, i) => ({ channel: f.channel, error: errors[i] })),
      alreadyPosted: r.alreadyPosted,
      leftToServe: r.leftToServe,
    });
    return { ok: r.failed.length === 0, output, errors };
  }
  const lines: string[] = [];
  if (!r.week) lines.push('No digest is due yet: the schedule has not fired.');
  else if (r.posted.length) lines.push(`Posted the digest of the week ${r.week.start} – ${r.week.end} to: ${r.posted.map((p) => p.channel).join(', ')}.`);
  else lines.push(`Nothing to post for the week ${r.week.start} – ${r.week.end}${r.alreadyPosted.length ? ` (already posted to ${r.alreadyPosted.join(', ')})` : r.failed.length || r.leftToServe.length ? '' : ' (no channel is subscribed)'}.`);
  lines.push(...leftToServeLines(r.leftToServe.map((l) => ({ to: l.channel, reason: l.reason }))));
  return { ok: r.failed.length === 0, output: lines.join('\n'), errors };
}

/**
 * Routes a digest to the poster of its channel's platform ("slack:C1" → `posters.slack`). A channel
 * of a platform that is not configured fails, so it is not recorded as posted.
 */
export function postByPlatform(posters: Partial<Record<string, PostDigest>>): PostDigest {
  return async (channel, reply, options) => {
    const platform = platformOf(channel);
    const post = posters[platform];
    if (!post) {
      // The web chat is reached only by a running `serve`: a cron tick cannot configure it, only leave it.
      const fix = platform === 'web' ? 'a running `plan-bot serve` posts it at its next tick (start one if none runs)' : `configure the ${platform} adapter (see .env.example)`;
      throw new Error(`no way to post to ${platform} channels here (channel ${channel}); ${fix}`);
    }
    await post(channel, reply, options);
  };
}
