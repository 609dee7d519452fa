import { beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/core/reply.js';
import { workingCalendar } from '../../src/core/working-calendar.js';
import { NO_FILTERS } from '../../src/digest/subscriptions.js';
import { buildWeeklyDigest } from '../../src/digest/weekly-digest.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import { assign, logOf, update } from '../digest/fixtures.js';

/** The weekly digest's 未报送 / Not reported section: the last cycle ended by the week's end, in both languages. */

const at = (local: string) => new Date(`${local}+08:00`).toISOString();
let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

const events = () =>
  logOf([
    assign({ itemId: 'T9', owner: 'web:li', user: 'web:admin', at: at('2021-09-01T09:00:00') }),
    assign({ itemId: 'T24', owner: 'slack:U0ZHAO', user: 'web:admin', at: at('2021-09-01T09:00:00') }),
    assign({ itemId: 'T7', owner: 'web:li', user: 'web:admin', at: at('2021-09-01T09:00:00') }),
    update({ itemId: 'T9', status: 'on-track', user: 'web:li', at: at('2021-09-29T16:00:00') }),
    // After the moved due time (Thursday 30 September 12:00): counts for the next cycle, not this one.
    update({ itemId: 'T24', status: 'on-track', user: 'slack:U0ZHAO', at: at('2021-09-30T14:00:00') }),
  ]);

/** The lines of a section, from its heading to the next blank-free heading-like line. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(heading));
  const out = [lines[i]!];
  for (const l of lines.slice(i + 1)) {
    if (!l.startsWith('•')) break;
    out.push(l);
  }
  return out;
}

describe('the digest of the National Day week (27 September – 3 October 2021)', () => {
  const digest = (lang: 'zh' | 'en' | 'both', o: { cron?: string } = {}) =>
    renderPlainText(
      buildWeeklyDigest({
        plan,
        events: events(),
        audience: { filters: NO_FILTERS, lang },
        now: new Date('2021-10-04T09:00:00+08:00'),
        timeZone: 'Asia/Shanghai',
        options: { reporting: { cron: o.cron ?? '0 12 * * 5', timeZone: 'Asia/Shanghai', calendar: workingCalendar() } },
      }).reply,
    );

  it('lists what was not reported by the moved due time, item by item, in English', () => {
    expect(section(digest('en'), 'Not reported')).toEqual(['Not reported by 2021-09-30 12:00 (moved before a day off) (2 items)', '• T7 — li', '• T24 — slack:U0ZHAO']);
  });

  it('counts them in the digest stats (plan-bot digest --json)', () => {
    const d = buildWeeklyDigest({ plan, events: events(), audience: { filters: NO_FILTERS, lang: 'en' }, now: new Date('2021-10-04T09:00:00+08:00'), timeZone: 'Asia/Shanghai' });
    expect(d.stats).toMatchObject({ notReported: 2, cycle: '2021-09-30' });
  });

  it('and in Chinese', () => {
    expect(section(digest('zh'), '未报送')).toEqual(['未报送（截至2021-09-30 12:00（遇节假日提前），2项）', '• T7 — li', '• T24 — slack:U0ZHAO']);
  });

  it('follows PLANBOT_REPORT_DUE: due Wednesdays 17:00, Wednesday 6 October (a holiday) moves to Thursday 30 September, a one-day cycle', () => {
    // The cycle runs from Wednesday 29 September 17:00: T9's report at 16:00 was the cycle before; T24's counts.
    expect(section(digest('en', { cron: '0 17 * * 3' }), 'Not reported')).toEqual(['Not reported by 2021-09-30 17:00 (moved before a day off) (2 items)', '• T7 — li', '• T9 — li']);
  });
});
