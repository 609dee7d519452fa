import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { describe, expect, it } from 'vitest';
import { instantMs, localDay, localMinute, localTimeOfDay, wallClockMs, zoneOffsetMs } from '../../src/core/zone-time.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'UTC',
  'Europe/Dublin', // a "negative" summer time in the zone database
  'Australia/Lord_Howe', // a 30-minute change
  'Asia/Kathmandu', // +05:45
  'America/St_Johns', // -03:30 with summer time
  'Pacific/Chatham', // +12:45 with summer time
  'Pacific/Apia', // skipped a whole day in 2011
];

/** About 2,000 instants from 1995 to 2040, 8 d 7 h 13 min 17 s apart (so every hour and minute of the day comes round), and some with milliseconds. */
function spread(): number[] {
  const out: number[] = [];
  for (let ms = Date.UTC(1995, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 8 * 86_400_000 + 7 * 3_600_000 + 13 * 60_000 + 17_000) out.push(ms);
  for (let i = 0; i < 200; i++) out.push(Date.UTC(2021, 0, 1) + i * 157_780_123);
  return out;
}

/** Each change of offset a zone has in 2021 (found by dayjs, hour by hour): every second from 2 minutes before to 2 minutes after, every 7 seconds of the UTC hour it falls in. */
function aroundChanges(zone: string): number[] {
  const out: number[] = [];
  const offset = (ms: number) => dayjs(ms).tz(zone).utcOffset();
  let before = offset(Date.UTC(2021, 0, 1));
  for (let ms = Date.UTC(2021, 0, 1); ms < Date.UTC(2022, 0, 1); ms += 3_600_000) {
    const after = offset(ms + 3_600_000);
    if (after !== before) {
      for (let s = ms; s <= ms + 3_600_000; s += 7000) out.push(s);
      for (let s = ms + 3_600_000 - 120_000; s <= ms + 3_600_000 + 120_000; s += 1000) out.push(s);
      for (let s = ms - 120_000; s <= ms + 120_000; s += 1000) out.push(s);
    }
    before = after;
  }
  return out;
}

describe('zone-time shows instants as dayjs does', () => {
  it.each(ZONES)('%s: date and minute over 45 years', (zone) => {
    for (const ms of spread()) {
      const d = dayjs(ms).tz(zone);
      expect(localMinute(ms, zone)).toBe(d.format('YYYY-MM-DD HH:mm'));
      expect(localDay(ms, zone)).toBe(d.format('YYYY-MM-DD'));
      expect(localTimeOfDay(ms, zone)).toBe(d.format('HH:mm:ss'));
    }
  });

  it.each(['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'])('%s: around each change of offset', (zone) => {
    const seconds = aroundChanges(zone);
    expect(seconds.length).toBeGreaterThan(1500);
    for (const ms of seconds) {
      expect(localTimeOfDay(ms, zone)).toBe(dayjs(ms).tz(zone).format('HH:mm:ss'));
      expect(localDay(ms, zone)).toBe(dayjs(ms).tz(zone).format('YYYY-MM-DD'));
    }
  });

  it('reads ISO strings, Dates and numbers as dayjs does', () => {
    const inputs: (string | number | Date)[] = [
      '2021-06-15T10:00:00+08:00',
      '2021-06-15T02:00:00.000Z',
      '2021-03-14T06:59:59Z',
      '2021-03-14T07:00:00Z',
      '2021-11-07T01:30:00-04:00',
      '2021-11-07T01:30:00-05:00',
      '2021-06-15T10:00:00+0800',
      '2021-06-15T10:00',
      '2021-06-15',
      new Date('2021-10-31T01:00:00Z'),
      Date.UTC(2021, 9, 31, 0, 59, 59, 999),
    ];
    for (const zone of ZONES) {
      for (const at of inputs) {
        expect(instantMs(at)).toBe(dayjs(at).valueOf());
        expect(localMinute(at, zone)).toBe(dayjs(at).tz(zone).format('YYYY-MM-DD HH:mm'));
        expect(localDay(at, zone)).toBe(dayjs(at).tz(zone).format('YYYY-MM-DD'));
      }
    }
  });

  it('reads a date without a time as dayjs does (local midnight of the process), also when the process is not on UTC: "-15" is no offset', () => {
    const before = process.env.TZ;
    try {
      for (const processZone of ['America/New_York', 'Asia/Shanghai']) {
        process.env.TZ = processZone;
        for (const at of ['2021-06-15', '2021-12-31', '2021-03-14', '2021-06-15T10:00', '2021-06-15 10:00', '2021-06-15T10:00:00+08:00', '2021-06-15T10:00:00-05', '2021-06-15T02:00:00.000Z']) {
          expect(instantMs(at), `${at} in a process on ${processZone}`).toBe(dayjs(at).valueOf());
        }
        // What a person sees: the plan's zone on the same date as the process reads it.
        expect(localDay('2021-12-31', processZone)).toBe('2021-12-31');
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('gives the offset and the wall clock of the hour it changes in', () => {
    // New York fell back at 06:00Z on 7 November 2021 (02:00 EDT → 01:00 EST).
    expect(zoneOffsetMs(Date.UTC(2021, 10, 7, 5, 59, 59), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2021, 10, 7, 6, 0, 0), 'America/New_York')).toBe(-5 * 3_600_000);
    // Lord Howe changes by 30 minutes at 15:00Z on 3 April 2021, inside a UTC hour it shares with nothing else.
    expect(localMinute('2021-04-03T14:59:00Z', 'Australia/Lord_Howe')).toBe('2021-04-04 01:59');
    expect(localMinute('2021-04-03T15:00:00Z', 'Australia/Lord_Howe')).toBe('2021-04-04 01:30');
    expect(wallClockMs('2021-06-15T10:00:00+08:00', 'Asia/Shanghai')).toBe(Date.UTC(2021, 5, 15, 10));
  });

  it('writes an invalid instant as dayjs does, and refuses an unknown zone', () => {
    expect(localMinute('not a date', 'Asia/Shanghai')).toBe('Invalid Date');
    expect(localDay(Number.NaN, 'Asia/Shanghai')).toBe('Invalid Date');
    expect(() => localMinute(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});
