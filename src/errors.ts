import type { Bilingual } from './plan/schema.js';

/**
 * A mistake the user can fix: it carries a stable id and a polite, actionable message in both
 * languages. Adapters show it as a reply; the CLI prints it on stderr and exits 1.
 */
export class UserError extends Error {
  constructor(
    readonly id: string,
    readonly text: Bilingual,
    readonly context: Record<string, unknown> = {},
  ) {
    // A user's mistake is answered, never debugged: no stack trace is captured (capturing one costs
    // more than answering most questions).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(text.en);
    Error.stackTraceLimit = limit;
    this.name = 'UserError';
  }
}

/** A command line that cannot be understood; the CLI exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One problem of a plan data file, located by item id and field where there is one. */
export interface DataProblem {
  itemId?: string;
  field?: string;
  line?: number;
  message: string;
}

/** A plan data file that cannot be used: start-up stops with a message naming the file, item and field. */
export class PlanDataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: DataProblem[],
  ) {
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` +
        problems
          .map((p) => {
            const where = [p.line ? `line ${p.line}` : '', p.itemId ? `item ${p.itemId}` : '', p.field ? `field ${p.field}` : '']
              .filter(Boolean)
              .join(', ');
            return `  - ${where ? `${where}: ` : ''}${p.message}`;
          })
          .join('\n'),
    );
    this.name = 'PlanDataError';
  }
}

/** Something in the environment stops start-up (a taken port, a refused token); the message says how to fix it. */
export class StartupError extends Error {
  override name = 'StartupError';
}
