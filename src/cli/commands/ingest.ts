import { ingestDocument } from '../../plan/ingest.js';
import { savePlanDocument } from '../../plan/load-plan.js';

/** What `plan-bot ingest` reports: the counts and ids of a good document, or its problems. */
export interface IngestOutcome {
  ok: boolean;
  output: string;
  savedTo?: string;
}

/** `plan-bot ingest FILE [--save ID]`: parse a document; save it as a plan only when it parses whole. */
export async function ingestCommand(source: string, opts: { json: boolean; save?: string; plansDir: string }): Promise<IngestOutcome> {
  const result = ingestDocument(source);
  if (!result.ok) {
    const output = opts.json
      ? JSON.stringify({ ok: false, errors: result.errors })
      : ['The document is not a well-formed work plan; nothing was saved. Fix these lines:', ...result.errors.map((e) => `  line ${e.line}: ${e.message}`)].join('\n');
    return { ok: false, output };
  }
  const { items, title } = result.doc;
  const count = (kind: string) => items.filter((i) => i.kind === kind).length;
  const savedTo = opts.save ? await savePlanDocument(opts.save, source, opts.plansDir) : undefined;
  const summary = { ok: true, title, objectives: count('objective'), groups: count('group'), tasks: count('task'), ids: items.map((i) => i.id), ...(savedTo ? { saved: opts.save, file: savedTo } : {}) };
  const output = opts.json
    ? JSON.stringify(summary)
    : `${title}: ${summary.objectives} objectives, ${summary.groups} groups, ${summary.tasks} tasks` +
      (savedTo ? `\nSaved as plan "${opts.save}" (${savedTo}). Use it with --plan ${opts.save}.` : '\nNothing saved (add --save ID to keep it).');
  return { ok: true, output, savedTo };
}
