import { renderPlainText } from '../core/reply.js';
import { leftToServeLines } from './left-to-serve.js';
import { sendDueReminders, type ReminderTickDeps } from './reminders.js';
import { cycleSpanText } from './render-not-reported.js';

/** Output of `plan-bot remind --due`; `ok` is false when some reminder could not be delivered. */
export interface RemindOutcome {
  ok: boolean;
  output: string;
  /** One line per failed reminder, for stderr. */
  errors: string[];
}

/**
 * `plan-bot remind --due`: one reminder tick (`sendDueReminders`) and a report of what it sent. Run
 * twice, the second run sends nothing.
 */
export async function remindDueCommand(deps: ReminderTickDeps & { json: boolean }): Promise<RemindOutcome> {
  const r = await sendDueReminders(deps);
  const errors = r.failed.map((f) => `${f.user}: ${(f.error as Error)?.message ?? String(f.error)} (not recorded; the next run will try again)`);
  const cycle = r.cycle ? { key: r.cycle.key, start: r.cycle.start.toISOString(), due: r.cycle.due.toISOString(), moved: r.cycle.moved } : null;
  if (deps.json) {
    const output = JSON.stringify({
      cycle,
      kind: r.kind,
      sent: r.sent.map((s) => ({ target: s.target, user: s.user, text: renderPlainText(s.reply) })),
      failed: r.failed.map((f, i) => ({ target: f.target, user: f.user, error: errors[i] })),
      alreadySent: r.alreadySent,
      unreachable: r.unreachable.map((u) => ({ target: u.target, items: u.items })),
      leftToServe: r.leftToServe,
    });
    return { ok: r.failed.length === 0, output, errors };
  }
  const span = r.cycle ? cycleSpanText(r.cycle, deps.schedule.timeZone) : '';
  const lines: string[] = [];
  if (!r.kind) lines.push(`No reminder is due now (cycle ${span}): reminders go out at 09:00 the working day before the due day and on the due day.`);
  else if (r.sent.length) lines.push(`Sent the ${r.kind === 'eve' ? 'day-before' : 'due-day'} reminder of the cycle ${span} to: ${[...new Set(r.sent.map((s) => s.user))].join(', ')}.`);
  else lines.push(`Nothing to send for the cycle ${span}${r.alreadySent.length ? ` (already reminded: ${r.alreadySent.join(', ')})` : r.failed.length || r.unreachable.length || r.leftToServe.length ? '' : ' (everyone responsible has reported)'}.`);
  lines.push(...leftToServeLines(r.leftToServe.map((l) => ({ to: l.user, reason: l.reason }))));
  // A unit that owes reports but has no members is reminded by nobody: say so, and how to fix it.
  for (const u of r.unreachable) {
    lines.push(`${u.name?.en ?? u.target} owes ${u.items.join(', ')} but has no members to remind: an admin adds one with /plan member @NAME ${u.name?.zh ?? u.target}.`);
  }
  return { ok: r.failed.length === 0, output: lines.join('\n'), errors };
}
