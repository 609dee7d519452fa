import { describe, expect, it } from 'vitest';
import { lastCompleteWeek, weekContaining, zoneFormatter } from '../../src/digest/week.js';

describe('lastCompleteWeek', () => {
  it.each([
    // [now, zone, expected Monday, start, end]
    ['2021-06-13T23:59:00+08:00', 'Asia/Shanghai', '2021-05-31', '2021-05-31T00:00:00+08:00', '2021-06-06T23:59:59+08:00'],
    ['2021-06-14T00:00:00+08:00', 'Asia/Shanghai', '2021-06-07', '2021-06-07T00:00:00+08:00', '2021-06-13T23:59:59+08:00'],
    ['2021-06-14T09:00:00+08:00', 'Asia/Shanghai', '2021-06-07', '2021-06-07T00:00:00+08:00', '2021-06-13T23:59:59+08:00'],
    // Sunday 23:59 in Shanghai is still Sunday afternoon in UTC: the zone decides, not UTC.
    ['2021-06-13T15:59:00Z', 'Asia/Shanghai', '2021-05-31', '2021-05-31T00:00:00+08:00', '2021-06-06T23:59:59+08:00'],
    ['2021-06-13T16:00:00Z', 'Asia/Shanghai', '2021-06-07', '2021-06-07T00:00:00+08:00', '2021-06-13T23:59:59+08:00'],
    // Across a year end.
    ['2022-01-03T09:00:00+08:00', 'Asia/Shanghai', '2021-12-27', '2021-12-27T00:00:00+08:00', '2022-01-02T23:59:59+08:00'],
  ])('at %s in %s it is the week of %s', (now, zone, key, start, end) => {
    const week = lastCompleteWeek(new Date(now), zone);
    expect(week).toMatchObject({ key, start, end });
  });

  it('is the same week from Monday 00:00 through Sunday 23:59:59 of the next week', () => {
    const a = lastCompleteWeek(new Date('2021-06-14T00:00:00+08:00'), 'Asia/Shanghai');
    const b = lastCompleteWeek(new Date('2021-06-20T23:59:59+08:00'), 'Asia/Shanghai');
    expect(a).toEqual(b);
    expect(a.endMs - a.startMs).toBe(7 * 24 * 3600 * 1000);
  });
});

describe('weeks across daylight-saving switches (America/New_York)', () => {
  const zone = 'America/New_York';

  it('the March week is 167 hours: starts at -05:00, ends at -04:00', () => {
    const week = lastCompleteWeek(new Date('2021-03-15T09:00:00-04:00'), zone);
    expect(week).toMatchObject({ key: '2021-03-08', start: '2021-03-08T00:00:00-05:00', end: '2021-03-14T23:59:59-04:00' });
    expect((week.endMs - week.startMs) / 3_600_000).toBe(167);
  });

  it('the November week is 169 hours: starts at -04:00, ends at -05:00', () => {
    const week = lastCompleteWeek(new Date('2021-11-08T09:00:00-05:00'), zone);
    expect(week).toMatchObject({ key: '2021-11-01', start: '2021-11-01T00:00:00-04:00', end: '2021-11-07T23:59:59-05:00' });
    expect((week.endMs - week.startMs) / 3_600_000).toBe(169);
  });

  it('Sunday 23:59 local after the switch still belongs to the switching week', () => {
    expect(weekContaining(new Date('2021-03-14T23:59:00-04:00'), zone).key).toBe('2021-03-08');
    expect(weekContaining(new Date('2021-03-15T00:00:00-04:00'), zone).key).toBe('2021-03-15');
    expect(weekContaining(new Date('2021-11-07T23:59:00-05:00'), zone).key).toBe('2021-11-01');
    expect(weekContaining(new Date('2021-11-08T00:00:00-05:00'), zone).key).toBe('2021-11-08');
  });
});

describe('zoneFormatter', () => {
  it('formats instants across the DST switches the same as dayjs .tz() would', async () => {
    const { default: dayjs } = await import('dayjs');
    const zone = 'America/New_York';
    const f = zoneFormatter(zone);
    for (let t = Date.parse('2021-03-13T00:00:00Z'); t < Date.parse('2021-03-16T00:00:00Z'); t += 15 * 60_000) {
      expect(f(t, 'YYYY-MM-DD HH:mm Z')).toBe(dayjs(t).tz(zone).format('YYYY-MM-DD HH:mm Z'));
    }
    for (let t = Date.parse('2021-11-06T00:00:00Z'); t < Date.parse('2021-11-09T00:00:00Z'); t += 15 * 60_000) {
      expect(f(new Date(t).toISOString(), 'YYYY-MM-DD HH:mm Z')).toBe(dayjs(t).tz(zone).format('YYYY-MM-DD HH:mm Z'));
    }
  });
});
