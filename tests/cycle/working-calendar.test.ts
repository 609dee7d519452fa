import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../src/core/working-calendar.js';

describe("China's working calendar (chinese-days)", () => {
  const calendar = workingCalendar();

  it.each([
    // Dragon Boat Festival 2021: Saturday 12 to Monday 14 June off.
    ['2021-06-11', true, 'Friday before the Dragon Boat Festival'],
    ['2021-06-12', false, 'Saturday, Dragon Boat Festival'],
    ['2021-06-14', false, 'Monday 14 June 2021, Dragon Boat Festival holiday'],
    ['2021-06-15', true, 'Tuesday after it'],
    // National Day 2021: 1–7 October off; Sunday 26 September and Saturday 9 October worked (调休).
    ['2021-09-26', true, 'Sunday 26 September 2021, an adjusted working day'],
    ['2021-09-30', true, 'Thursday 30 September'],
    ['2021-10-01', false, 'Friday 1 October, National Day'],
    ['2021-10-04', false, 'Monday 4 October, National Day holiday'],
    ['2021-10-07', false, 'Thursday 7 October, the last day off'],
    ['2021-10-08', true, 'Friday 8 October'],
    ['2021-10-09', true, 'Saturday 9 October 2021, an adjusted working day'],
    ['2021-10-10', false, 'an ordinary Sunday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it.each([
    ['2021-06-15', '2021-06-11'],
    ['2021-10-08', '2021-09-30'],
    ['2021-10-01', '2021-09-30'],
    ['2021-09-27', '2021-09-26'],
    ['2021-10-11', '2021-10-09'],
  ])('the working day before %s is %s', (date, before) => {
    expect(calendar.previousWorkingDay(date)).toBe(before);
  });

  it('covers the years the library publishes, 2004–2026, and not 2027', () => {
    expect([2004, 2021, 2026].map((y) => calendar.covers(y))).toEqual([true, true, true]);
    expect([2003, 2027].map((y) => calendar.covers(y))).toEqual([false, false]);
  });
});

describe('a year the library does not cover', () => {
  it('falls back to Monday–Friday and warns once for that year', () => {
    const warned: number[] = [];
    const calendar = workingCalendar({ warn: (y) => warned.push(y) });
    // 2027-01-01 is a Friday: a holiday in fact, a working day by the fall-back.
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true);
    expect(calendar.isWorkingDay('2027-01-02')).toBe(false);
    expect(calendar.previousWorkingDay('2027-01-04')).toBe('2027-01-01');
    expect(warned).toEqual([2027]);
    calendar.isWorkingDay('2021-06-14');
    expect(warned).toEqual([2027]);
  });

  it('takes holidays, working days and covered years from the override file', () => {
    const warned: number[] = [];
    const calendar = workingCalendar({ overrides: { holidays: ['2027-01-01'], workdays: ['2027-01-02'], years: [2027] }, warn: (y) => warned.push(y) });
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-02')).toBe(true);
    expect(calendar.previousWorkingDay('2027-01-04')).toBe('2027-01-02');
    expect(calendar.covers(2027)).toBe(true);
    expect(warned).toEqual([]);
  });
});
