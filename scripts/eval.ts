// `npm run eval [FILE…]`: scores every question set (or the files given) through the real bot, set by set.
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/load-config.js';
import { fixedClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/logger.js';
import { EVAL_SETS } from '../src/eval/eval-sets.js';
import { formatResult, runEval, type EvalSetFile } from '../src/eval/run-eval.js';
import { MemoryStore } from '../src/store/memory-store.js';

const given = process.argv.slice(2);
const sets: EvalSetFile[] = given.length
  ? given.map((file) => ({ name: file, file, kind: file.includes('whole-plan') ? 'whole-plan' : file.includes('followups') ? 'followups' : 'questions' }))
  : EVAL_SETS(fileURLToPath(new URL('..', import.meta.url)));
// A fixed moment in the plan year, as the tests use, so that state-dependent answers do not change from day to day.
const app = await createApp(loadConfig(process.env), { store: new MemoryStore(), clock: fixedClock('2021-06-07T09:00:00+08:00'), logger: silentLogger });
for (const result of await runEval(app.bot, sets)) console.log(formatResult(result).join('\n'));
