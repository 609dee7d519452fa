import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../src/core/working-calendar.js';
import { currentCycle, lastEndedCycle, reportDueCron, type ReportingSchedule } from '../../src/digest/reporting-cycle.js';

const TZ = 'Asia/Shanghai';
const schedule = (o: Partial<ReportingSchedule> = {}): ReportingSchedule => ({ cron: '0 12 * * 5', timeZone: TZ, calendar: workingCalendar(), ...o });
const local = (iso: string) => new Date(`${iso}+08:00`);
const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('the reporting cycle: due Fridays 12:00 in PLANBOT_TZ, moved off days off', () => {
  it('a normal week: from the previous Friday 12:00 to this Friday 12:00', () => {
    const c = currentCycle(local('2021-06-09T10:00:00'), schedule());
    expect(c).toMatchObject({ key: '2021-06-11', moved: false });
    expect([shanghai(c.start), shanghai(c.due)]).toEqual(['2021-06-04 12:00', '2021-06-11 12:00']);
  });

  it('the Dragon Boat week 2021: Friday 11 June is a working day, so the due time stays', () => {
    const c = lastEndedCycle(local('2021-06-14T09:00:00'), schedule());
    expect([c.key, c.moved]).toEqual(['2021-06-11', false]);
  });

  it('a due day on Monday 14 June 2021 (Dragon Boat holiday) moves to Friday 11 June: Saturday 12 June is a day off too', () => {
    const c = currentCycle(local('2021-06-10T09:00:00'), schedule({ cron: '0 12 * * 1' }));
    expect([c.key, c.moved, shanghai(c.due)]).toEqual(['2021-06-11', true, '2021-06-11 12:00']);
    expect(shanghai(c.start)).toBe('2021-06-07 12:00');
    // The cycle after it runs from Friday 11 June 12:00 to Monday 21 June 12:00.
    const next = currentCycle(local('2021-06-11T12:00:00'), schedule({ cron: '0 12 * * 1' }));
    expect([shanghai(next.start), shanghai(next.due)]).toEqual(['2021-06-11 12:00', '2021-06-21 12:00']);
  });

  it('National Day 2021: Friday 1 October is a holiday, so reports are due Thursday 30 September 12:00', () => {
    const c = currentCycle(local('2021-09-27T09:00:00'), schedule());
    expect([c.key, c.moved, shanghai(c.start), shanghai(c.due)]).toEqual(['2021-09-30', true, '2021-09-24 12:00', '2021-09-30 12:00']);
  });

  it('after the moved due time, the next cycle runs from Thursday 30 September to Friday 8 October', () => {
    const c = currentCycle(local('2021-09-30T13:00:00'), schedule());
    expect([c.key, shanghai(c.start), shanghai(c.due)]).toEqual(['2021-10-08', '2021-09-30 12:00', '2021-10-08 12:00']);
    expect(lastEndedCycle(local('2021-10-04T09:00:00'), schedule()).key).toBe('2021-09-30');
  });

  it('reads the cron in the time zone', () => {
    const c = currentCycle(new Date('2021-06-09T00:00:00Z'), schedule({ timeZone: 'America/New_York' }));
    expect(c.due.toISOString()).toBe('2021-06-11T16:00:00.000Z');
  });

  it('refuses a bad cron with a message saying how to fix it', () => {
    expect(() => reportDueCron('every friday', TZ)).toThrow(/PLANBOT_REPORT_DUE/);
  });
});

describe('the due times of a schedule are worked out once a cycle, not once a question', () => {
  it.each([
    ['Fridays 12:00, Shanghai', schedule()],
    ['every day 09:30, Shanghai (Spring Festival and National Day)', schedule({ cron: '30 9 * * *' })],
    ['Mondays 12:00, New York (summer time changes)', schedule({ cron: '0 12 * * 1', timeZone: 'America/New_York' })],
  ])('%s: the same cycles (or the same refusal) as a schedule seen for the first time, at every instant', (_name, shared) => {
    const outcome = (f: () => unknown) => {
      try {
        return f();
      } catch (err) {
        return (err as Error).message;
      }
    };
    // Every 11 h 7 min 7.7 s through 2021, and the seconds around every tenth due time.
    const instants: number[] = [];
    for (let ms = Date.parse('2021-01-01T00:00:00Z'); ms < Date.parse('2022-01-01T00:00:00Z'); ms += 40_027_700) instants.push(ms);
    const dues = [...new Set(instants.map((ms) => outcome(() => currentCycle(new Date(ms), { ...shared }).due.getTime())))].filter((d) => typeof d === 'number');
    for (const due of dues.filter((_, i) => i % 10 === 0)) {
      for (const d of [-2001, -1000, -999, -1, 0, 1, 999, 1000, 2001]) instants.push(due + d);
    }
    for (const ms of instants) {
      const fresh = { ...shared };
      expect(outcome(() => currentCycle(new Date(ms), shared)), new Date(ms).toISOString()).toEqual(outcome(() => currentCycle(new Date(ms), fresh)));
      expect(outcome(() => lastEndedCycle(new Date(ms), shared)), new Date(ms).toISOString()).toEqual(outcome(() => lastEndedCycle(new Date(ms), fresh)));
    }
  });

  it('a schedule changed in place is read again', () => {
    const s = schedule();
    const at = local('2021-06-09T10:00:00');
    expect(currentCycle(at, s).key).toBe('2021-06-11');
    s.cron = '0 12 * * 3';
    expect(currentCycle(at, s).key).toBe('2021-06-09');
  });

  it('each cycle its own dates: changing one changes no other', () => {
    const s = schedule();
    const a = currentCycle(local('2021-06-09T10:00:00'), s);
    a.due.setTime(0);
    expect(currentCycle(local('2021-06-09T10:00:00'), s).key).toBe('2021-06-11');
    expect(currentCycle(local('2021-06-09T10:00:00'), s).due.getTime()).toBe(local('2021-06-11T12:00:00').getTime());
  });
});
