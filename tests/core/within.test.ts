import { afterEach, describe, expect, it, vi } from 'vitest';
import { within } from '../../src/core/within.js';

describe('within', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the value of a promise that settles in time', async () => {
    expect(await within(Promise.resolve(42), 1000)).toBe(42);
    expect(await within(new Promise((r) => setTimeout(r, 5, 'late but in time')), 1000)).toBe('late but in time');
  });

  it('gives null once the time is up, and the promise keeps running', async () => {
    let finished = false;
    const slow = new Promise((r) => setTimeout(r, 60, 'done')).then((v) => ((finished = true), v));
    expect(await within(slow, 10)).toBeNull();
    expect(finished).toBe(false);
    expect(await slow).toBe('done');
  });

  it('passes a rejection on', async () => {
    await expect(within(Promise.reject(new Error('core failed')), 1000)).rejects.toThrow('core failed');
  });

  it('sets no timer for an answer computed without waiting for I/O, and one (then cleared) for a slower one', async () => {
    vi.useFakeTimers();
    const quick = within((async () => 'at once')(), 2000);
    expect(vi.getTimerCount()).toBe(1); // the end-of-turn check only
    await vi.advanceTimersToNextTimerAsync();
    expect(await quick).toBe('at once');
    expect(vi.getTimerCount()).toBe(0);

    let answer!: (v: string) => void;
    const slow = within(new Promise<string>((r) => (answer = r)), 2000);
    await vi.advanceTimersToNextTimerAsync(); // the end of the turn: the deadline is set
    expect(vi.getTimerCount()).toBe(1);
    answer('after a disk write');
    expect(await slow).toBe('after a disk write');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('with fake timers: null at the deadline', async () => {
    vi.useFakeTimers();
    const never = within(new Promise(() => {}), 2000);
    await vi.advanceTimersByTimeAsync(2001);
    expect(await never).toBeNull();
  });
});
