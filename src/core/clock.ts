/** The only way the bot learns the time: injected, so tests and `--now` control it. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (for `--now`, replays and tests). */
export function fixedClock(at: Date | string): Clock {
  const t = new Date(at);
  if (Number.isNaN(t.getTime())) throw new RangeError(`not a date: ${String(at)}`);
  return { now: () => new Date(t) };
}
