import type { Reply } from '../core/reply.js';

/**
 * Thrown by a poster of a one-off run (`plan-bot digest --post-due`, `remind --due`) for a platform
 * that only the running `plan-bot serve` can reach (WeCom's one live connection per bot, the web
 * chat's open pages). The tick does not count it as a failure and records nothing: the post stays due
 * for `serve`'s own tick, and the command says so.
 */
export class LeftToServe extends Error {
  constructor(
    /** Why this process cannot post there, and who will (one sentence, for the command's output). */
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'LeftToServe';
  }
}

/** A poster that leaves every post of its platform to the running `serve`, saying why. */
export function leaveToServe(reason: string): (target: string, reply: Reply) => Promise<void> {
  return async () => {
    throw new LeftToServe(reason);
  };
}

/** One line per reason: who was left to the running `serve`, and why (a one-off run cannot reach them). */
export function leftToServeLines(left: readonly { to: string; reason: string }[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const l of left) byReason.set(l.reason, [...(byReason.get(l.reason) ?? []), l.to]);
  return [...byReason].map(([reason, to]) => `Left to the running plan-bot serve: ${to.join(', ')} (${reason}).`);
}
