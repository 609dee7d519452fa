import { describe, expect, it } from 'vitest';
import { calendarDateSerial, dateSerial, minuteText, zoneShift } from '../../src/ledger/cells.js';

describe('wall clocks and date serials', () => {
  it('writes instants to the minute in the zone, across a daylight-saving change and back', () => {
    const ny = minuteText('America/New_York');
    const cases: [string, string][] = [
      ['2021-03-14T06:59:00Z', '2021-03-14 01:59'],
      ['2021-03-14T07:00:00Z', '2021-03-14 03:00'],
      ['2021-03-15T12:30:00Z', '2021-03-15 08:30'],
      ['2021-11-07T05:59:00Z', '2021-11-07 01:59'],
      ['2021-11-07T06:00:00Z', '2021-11-07 01:00'],
      ['2021-03-14T06:59:00Z', '2021-03-14 01:59'],
    ];
    expect(cases.map(([at]) => ny(at))).toEqual(cases.map(([, text]) => text));
    expect(minuteText('Asia/Shanghai')('2021-06-08T02:00:00Z')).toBe('2021-06-08 10:00');
    expect(minuteText('Asia/Shanghai')('2021-12-31T16:00:00Z')).toBe('2022-01-01 00:00');
  });

  it('stores dates as days since 1899-12-30 and times as the wall clock’s fraction of a day', () => {
    expect(calendarDateSerial('2021-12-31')).toBe(44561);
    const shanghai = zoneShift('Asia/Shanghai');
    expect(dateSerial(shanghai(Date.parse('2021-06-08T02:00:00Z')))).toBeCloseTo(44355 + 10 / 24, 10);
  });
});
