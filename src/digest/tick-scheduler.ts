import { Cron } from 'croner';
import type { Logger } from '../core/logger.js';

/** A resident job that runs a tick at each cron time and once at start. */
export interface TickScheduler<R> {
  /** The catch-up tick run at start (null when it threw). */
  ready: Promise<R | null>;
  /** Runs a tick now, after any tick in progress (ticks never overlap). */
  tick(): Promise<R>;
  /** When croner will next call a tick. */
  nextRun(): Date | null;
  stop(): void;
}

/**
 * Runs `run` at each time of `cron` in `timeZone` (DST included) and once at start to catch up,
 * ticks serialised; `report` logs what a tick did, and a tick that throws is logged as `failed`.
 * The one loop of the digest and reminder schedulers.
 */
export function startTickScheduler<R>(opts: {
  cron: string;
  timeZone: string;
  run: () => Promise<R>;
  report: (result: R) => void;
  logger: Pick<Logger, 'error'>;
  failed: string;
  /** After a tick: run another this many ms later (work left to a replica that may have died), or null. */
  retryAfterMs?: (result: R) => number | null;
}): TickScheduler<R> {
  let retry: NodeJS.Timeout | null = null;
  let stopped = false;
  let last: Promise<unknown> = Promise.resolve();
  const tick = (): Promise<R> => {
    const run = last.then(opts.run);
    last = run.catch(() => undefined);
    return run;
  };
  const report = (): Promise<R | null> =>
    tick().then(
      (r) => {
        opts.report(r);
        const again = opts.retryAfterMs?.(r) ?? null;
        if (again !== null && !stopped && !retry) retry = setTimeout(() => ((retry = null), void report()), again);
        return r;
      },
      (err: unknown) => {
        opts.logger.error({ err }, opts.failed);
        return null;
      },
    );
  const job = new Cron(opts.cron, { timezone: opts.timeZone }, async () => {
    await report();
  });
  const ready = report();
  const stop = () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    job.stop();
  };
  return { ready, tick, nextRun: () => job.nextRun(), stop };
}
