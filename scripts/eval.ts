// `npm run eval [FILE]`: scores a question set (default ../shared/eval/questions.dev.jsonl) through the real bot.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { askOne } from '../src/cli/commands/ask.js';
import { loadConfig } from '../src/config/load-config.js';
import { systemClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/logger.js';
import { parseEvalSet, scoreQuestions } from '../src/eval/score-questions.js';
import { MemoryStore } from '../src/store/memory-store.js';

const file = process.argv[2] ?? fileURLToPath(new URL('../../shared/eval/questions.dev.jsonl', import.meta.url));
const questions = parseEvalSet(await readFile(file, 'utf8'));
const app = await createApp(loadConfig(process.env), { store: new MemoryStore(), clock: systemClock, logger: silentLogger });
const score = await scoreQuestions(questions, (q) => askOne(app, q));
const pct = (a: number, b: number) => (b === 0 ? '100.0' : ((100 * a) / b).toFixed(1));
for (const m of score.misses) {
  console.log(`MISS ${JSON.stringify(m.q)}: expected ${m.expected ?? 'nothing'}, got ${m.got ?? 'nothing'}${m.missingText.length ? `; answer lacks ${m.missingText.map((t) => JSON.stringify(t)).join(', ')}` : ''}`);
}
console.log(`questions: ${score.total} (${file})`);
console.log(`top-1: ${score.top1}/${score.total} (${pct(score.top1, score.total)}%)`);
console.log(`answer-text checks: ${score.textChecksPassed}/${score.textChecks} (${pct(score.textChecksPassed, score.textChecks)}%)`);
