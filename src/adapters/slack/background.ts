import type { Logger } from '../../core/logger.js';
import { scrubbedError } from './bolt-logger.js';

/**
 * Work done after a request is acknowledged (follow-up messages, App Home, a slow command's answer):
 * started without holding up the acknowledgement, failures logged, and waited for on stop.
 */
export class Background {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `work`; its failure is logged with `what`, never thrown. */
  run(what: string, work: () => Promise<unknown>): void {
    const p: Promise<void> = work()
      .then(
        () => {},
        (err: unknown) => this.logger.error({ err: scrubbedError(err) }, `Slack: ${what} failed`),
      )
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /**
   * Resolves when everything started so far has finished, or once `withinMs` have passed (then what is
   * still running is logged and left: the Web API client retries an unreachable Slack for minutes,
   * which must not hold up a stop; a slow command's answer is in the inbox, carried out at the restart).
   */
  async settle(withinMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, withinMs, 'late')));
    try {
      while (this.running.size > 0) {
        if ((await Promise.race([Promise.allSettled([...this.running]), late])) === 'late') {
          this.logger.warn({ unfinished: this.running.size, waitedMs: withinMs }, 'Slack: stopping without waiting longer for work after acknowledgements (Slack unreachable or slow)');
          return;
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }
}
