import { describe, expect, it } from 'vitest';
import { resolveDate } from '../../src/core/resolve-date.js';

describe('the one date resolver', () => {
  it.each([
    ['2021-06-30', '2021-06-30'],
    ['2021/6/30', '2021-06-30'],
    ['2021.6.30', '2021-06-30'],
    ['２０２１－０６－３０', '2021-06-30'],
    ['2021年6月30日', '2021-06-30'],
    ['6月30日', '2021-06-30'],
    ['6月30号', '2021-06-30'],
    ['六月三十日', '2021-06-30'],
    ['6/30', '2021-06-30'],
    ['6-30', '2021-06-30'],
    ['6/30/2021', '2021-06-30'],
    ['June 30', '2021-06-30'],
    ['30 June', '2021-06-30'],
    ['Jun 30, 2021', '2021-06-30'],
    ['6月底', '2021-06-30'],
    ['2月底', '2021-02-28'],
    ['end of September', '2021-09-30'],
    ['Q2', '2021-06-30'],
    ['end of Q3', '2021-09-30'],
    ['二季度末', '2021-06-30'],
    ['第三季度', '2021-09-30'],
    ['年底', '2021-12-31'],
    ['年末', '2021-12-31'],
    ['2021年底', '2021-12-31'],
    ['year end', '2021-12-31'],
    ['year-end', '2021-12-31'],
    ['end of the year', '2021-12-31'],
  ])('%s → %s', (text, date) => {
    expect(resolveDate(text, 2021)).toEqual({ ok: true, date });
  });

  it('a date without a year is in the year given (the plan year)', () => {
    expect(resolveDate('6/30', 2022)).toEqual({ ok: true, date: '2022-06-30' });
    expect(resolveDate('年底', 2022)).toEqual({ ok: true, date: '2022-12-31' });
  });

  it.each([
    ['2021-02-30', 'date.invalid'],
    ['2021-13-01', 'date.invalid'],
    ['6月31日', 'date.invalid'],
    ['soon', 'date.unreadable'],
    ['下周', 'date.unreadable'],
    ['', 'date.unreadable'],
  ])('%s is refused (%s), saying how to write a date', (text, code) => {
    const r = resolveDate(text, 2021);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.en).toContain('2021-06-30');
    expect(r.zh).toContain('2021-06-30');
  });
});
