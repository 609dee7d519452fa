import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { Clock } from '../core/clock.js';
import { t } from '../core/i18n.js';
import type { Logger } from '../core/logger.js';
import { reply, type Lang, type Reply, type ReplyBlock } from '../core/reply.js';
import { platformOf, type UserId } from '../core/user-ids.js';
import type { Plan } from '../plan/schema.js';
import { workUnderClaims, type OnceOnly } from '../store/claims.js';
import type { EventStore } from '../store/event-store.js';
import { LeftToServe } from './left-to-serve.js';
import { notReported, recipientsOf, type NotReported } from './not-reported.js';
import { membersFromUnits, type MembersOf, type ReportersOf } from './reporters.js';
import { deriveUnits } from '../store/unit-state.js';
import { currentCycle, type ReportingCycle, type ReportingSchedule } from './reporting-cycle.js';
import { cycleSpanText, dueText, reporterText } from './render-not-reported.js';
import { DIGEST_USER } from './scheduler.js';
import { startTickScheduler, type TickScheduler } from './tick-scheduler.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Reminders go out at this local time: the working day before the due day (`eve`) and on the due day (`due`). */
export const REMINDER_TIME = '09:00';

/**
 * When the resident reminder tick runs: every hour on the hour (it decides itself whether a reminder
 * is due), so a reminder due at 09:00 goes out at 09:00, and a cycle that begins at noon on its own
 * eve (a due time moved before a holiday) still gets its eve reminder that afternoon.
 */
export const REMINDER_CRON = '0 * * * *';

/** Which reminder: the working day before the due day, or the due day itself. */
export type ReminderKind = 'eve' | 'due';

/** How a platform delivers a direct message to a user (`slack:U0123`, `web:bob`, `console:erin`); a rejected promise means "not sent". */
export type PostDirect = (user: UserId, reply: Reply, options?: { signal?: AbortSignal }) => Promise<void>;

/** What one reminder tick needs. */
export interface ReminderTickDeps {
  plan: Plan;
  store: EventStore;
  clock: Clock;
  schedule: ReportingSchedule;
  post: PostDirect;
  /** Who reports on an item, given the log; default: its owners (reporters.ts). */
  reportersOf?: ReportersOf;
  /** A unit's members; default: nobody until units land. */
  membersOf?: MembersOf;
  /** Claims shared with other processes on the same store (replicas); without them the log alone decides. */
  once?: OnceOnly;
}

/** What a tick did. */
export interface ReminderTickResult {
  /** The cycle in progress, and which reminder is due in it now (null: none yet, or the due time has passed). */
  cycle: ReportingCycle | null;
  kind: ReminderKind | null;
  sent: { target: string; user: UserId; reply: Reply }[];
  /** Posts that failed: not recorded, so the next tick tries again. */
  failed: { target: string; user: UserId; error: unknown }[];
  /** Users already reminded for this cycle and kind. */
  alreadySent: UserId[];
  /** Users whose reminder another process has claimed and not yet sent (retried once its claim expires). */
  claimedElsewhere: UserId[];
  /** Who owes reports but has nobody to remind (a unit without members), so an admin can add one. */
  unreachable: NotReported[];
  /** Users this process cannot reach (a one-off run): not recorded, left to the running `serve`'s tick. */
  leftToServe: { user: UserId; reason: string }[];
}

/** When each reminder of a cycle goes out: 09:00 the working day before the due day, and 09:00 on it (or the start of that day when the due time is earlier). */
export function reminderTimes(cycle: ReportingCycle, s: ReportingSchedule): Record<ReminderKind, Date> {
  const at = (date: string) => dayjs.tz(`${date}T${REMINDER_TIME}:00`, s.timeZone).toDate();
  const dueAt = at(cycle.key);
  return {
    eve: at(s.calendar.previousWorkingDay(cycle.key)),
    due: dueAt.getTime() < cycle.due.getTime() ? dueAt : dayjs.tz(`${cycle.key}T00:00:00`, s.timeZone).toDate(),
  };
}

/**
 * The reminder due at `now` in the cycle in progress: `due` from its time on the due day until the
 * due time; `eve` from its time until the end of the eve day. Null otherwise: a reminder whose day has
 * passed (the process was down) is not sent late.
 */
export function reminderKindAt(now: Date, cycle: ReportingCycle, s: ReportingSchedule): ReminderKind | null {
  const times = reminderTimes(cycle, s);
  const ms = now.getTime();
  if (ms >= times.due.getTime()) return 'due';
  const eveDay = s.calendar.previousWorkingDay(cycle.key);
  const eveEnd = dayjs.tz(`${eveDay}T00:00:00`, s.timeZone).add(1, 'day').valueOf();
  if (ms >= times.eve.getTime() && ms < eveEnd) return 'eve';
  return null;
}

/**
 * The direct message of a reminder, in both languages (a person's language is not known): the items
 * owed and the due time. A person who owes for several units (a member of two cities) gets one message
 * with a part per unit, each saying how to report as that unit (`/plan update T9 @Zhoukou …`).
 */
export function reminderReply(owed: NotReported | readonly NotReported[], kind: ReminderKind, cycle: ReportingCycle, plan: Plan, timeZone: string): Reply {
  const entries: readonly NotReported[] = Array.isArray(owed) ? owed : [owed as NotReported];
  const several = entries.length > 1;
  const part = (entry: NotReported, lang: Lang): ReplyBlock[] => {
    const items = entry.items.map((id) => plan.items.find((i) => i.id === id)).filter((i) => i !== undefined);
    const as = several && entry.kind === 'unit' ? ` @${entry.name?.[lang] ?? entry.target}` : '';
    return [
      {
        type: 'paragraph',
        text: t(
          lang,
          `Not reported yet by ${reporterText(entry, 'en')} in this cycle (${cycleSpanText(cycle, timeZone)}):`,
          `${reporterText(entry, 'zh')}本周期（${cycleSpanText(cycle, timeZone)}）尚未报送：`,
        ),
      },
      { type: 'list', items: items.map((i) => ({ id: i.id, text: i.title[lang] })) },
      { type: 'context', text: t(lang, `Report with /plan update ${entry.items[0]}${as} …`, `报送：/plan 更新 ${entry.items[0]}${as} ……`) },
    ];
  };
  const blocks = (lang: Lang): ReplyBlock[] => [
    {
      type: 'paragraph',
      text:
        kind === 'eve'
          ? t(lang, `Reminder: reports are due by ${dueText(cycle, timeZone, 'en')} (the next working day).`, `催办提醒：报送截止时间为${dueText(cycle, timeZone, 'zh')}（下一个工作日）。`)
          : t(lang, `Reminder: reports are due today, by ${dueText(cycle, timeZone, 'en')}.`, `催办提醒：今天${dueText(cycle, timeZone, 'zh')}截止报送。`),
    },
    ...entries.flatMap((e) => part(e, lang)),
  ];
  return reply('zh', [...blocks('zh'), ...blocks('en')]);
}

/**
 * One reminder tick (催办): in the cycle in progress at `clock.now()`, when a reminder is due (the
 * working day before the due day, or the due day, from 09:00 until the due time), sends a direct
 * message to every person who owes reports (an owner, or each member of a unit) and was not yet
 * reminded for this cycle and kind. Each message is posted first and then recorded as a
 * `reminder-sent` event: a failed post is not recorded and the next tick retries it, so no reminder
 * is lost; a process killed between the post and the record could send that one message again on
 * restart, a window of one append. A missed `eve` is not sent late once the due day's reminder is due.
 * With `once`, each unit's reminder to a person is claimed before it is sent and completed once sent,
 * so replicas ticking together send it once, and a crash after the post cannot repeat it.
 * `plan-bot remind --due` and the resident scheduler both call exactly this.
 */
export async function sendDueReminders(deps: ReminderTickDeps): Promise<ReminderTickResult> {
  const { plan, store, schedule } = deps;
  const now = deps.clock.now();
  const cycle = currentCycle(now, schedule);
  const kind = reminderKindAt(now, cycle, schedule);
  const result: ReminderTickResult = { cycle, kind, sent: [], failed: [], alreadySent: [], claimedElsewhere: [], unreachable: [], leftToServe: [] };
  if (!kind) return result;
  const events = [...store.events()];
  const done = new Set(events.flatMap((e) => (e.type === 'reminder-sent' && e.planId === plan.id && e.cycle === cycle.key && e.kind === kind ? [`${e.target}\n${e.channel}`] : [])));
  // One derivation of the units at `now` serves the not-reported list and the units' members.
  const units = deriveUnits(events, plan, now.toISOString());
  const owing = notReported({ plan, events, cycle, asOf: now, units, ...(deps.reportersOf ? { reportersOf: deps.reportersOf } : {}) });
  const membersOfUnit = deps.membersOf ?? membersFromUnits(units);
  // One message per person: a member of two units that both owe gets both in one reminder.
  const pending = new Map<UserId, NotReported[]>();
  for (const entry of owing) {
    const recipients = recipientsOf(entry, membersOfUnit);
    if (recipients.length === 0) result.unreachable.push(entry);
    for (const user of recipients) {
      if (done.has(`${entry.target}\n${user}`)) {
        if (!result.alreadySent.includes(user)) result.alreadySent.push(user);
        continue;
      }
      const list = pending.get(user);
      if (list) list.push(entry);
      else pending.set(user, [entry]);
    }
  }
  const keyOf = (target: string, user: UserId) => `reminder:${plan.id}:${cycle.key}:${kind}:${target}:${user}`;
  for (const [user, owed] of pending) {
    // Each unit's reminder to a person is claimed (replicas ticking together send it once); the message carries those claimed here.
    const entries: NotReported[] = [];
    for (const entry of owed) {
      const claim = deps.once ? await deps.once.claims.claim(keyOf(entry.target, user), deps.once.holder, deps.once.ttlMs) : 'claimed';
      if (claim === 'claimed') entries.push(entry);
      else if (!(claim === 'done' ? result.alreadySent : result.claimedElsewhere).includes(user)) (claim === 'done' ? result.alreadySent : result.claimedElsewhere).push(user);
    }
    if (entries.length === 0) continue;
    const message = reminderReply(entries, kind, cycle, plan, schedule.timeZone);
    // The claims are renewed while the message goes out, and the post stops if one is lost.
    const failure = await workUnderClaims(
      deps.once,
      entries.map((entry) => keyOf(entry.target, user)),
      (signal) => deps.post(user, message, signal ? { signal } : undefined),
    );
    if (failure) {
      if (failure.error instanceof LeftToServe) result.leftToServe.push({ user, reason: failure.error.reason });
      else for (const entry of entries) result.failed.push({ target: entry.target, user, error: failure.error });
      continue;
    }
    for (const entry of entries) {
      await store.append({ type: 'reminder-sent', cycle: cycle.key, target: entry.target, kind, channel: user, at: deps.clock.now().toISOString(), user: DIGEST_USER, platform: platformOf(user), planId: plan.id });
      done.add(`${entry.target}\n${user}`);
      result.sent.push({ target: entry.target, user, reply: message });
    }
  }
  return result;
}

/** A running reminder scheduler. */
export type ReminderScheduler = TickScheduler<ReminderTickResult>;

/**
 * Starts the resident reminder tick of `plan-bot serve`, beside the digest scheduler: croner calls
 * `sendDueReminders` every hour in the time zone, and once at start to catch up. Ticks are
 * serialised. Results and failures go to `logger`.
 */
export function startReminderScheduler(deps: ReminderTickDeps & { logger: Pick<Logger, 'info' | 'warn' | 'error'> }): ReminderScheduler {
  return startTickScheduler({
    cron: REMINDER_CRON,
    timeZone: deps.schedule.timeZone,
    run: () => sendDueReminders(deps),
    retryAfterMs: (r) => (r.claimedElsewhere.length && deps.once ? deps.once.ttlMs + 1000 : null),
    report: (r) => {
      if (r.sent.length) deps.logger.info({ cycle: r.cycle?.key, kind: r.kind, users: r.sent.map((s) => s.user) }, 'sent reminders');
      for (const u of r.unreachable) deps.logger.warn({ cycle: r.cycle?.key, unit: u.target, items: u.items }, 'a unit owes reports but has no members to remind; add one with /plan member');
      for (const f of r.failed) deps.logger.warn({ err: f.error, user: f.user, cycle: r.cycle?.key }, 'a reminder was not delivered; will retry at the next tick');
    },
    logger: deps.logger,
    failed: 'reminder tick failed',
  });
}
