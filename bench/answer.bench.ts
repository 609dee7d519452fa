// The core's cost of one answer, as the Slack door pays it: `bot.handle` on a `/plan` command, then the
// Slack messages and the JSON of the acknowledgement. Over every question of the eval sets plus short
// commands (about 500 different texts, asked in turn, so no answer is the same twice in a row), over a
// record seeded through the bot's commands. CPU time of this thread per answer, median of rounds.
// Run: `npx tsx bench/answer.bench.ts` (or `npm run bench answer`).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpuUsage } from 'node:process';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/load-config.js';
import { fixedClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/logger.js';
import { corpusQuestions, seedRecord } from '../src/eval/answer-corpus.js';
import { slackUser } from '../src/core/user-ids.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { toMessages } from '../src/adapters/slack/to-blocks.js';
import { ackPayload } from '../src/adapters/slack/answer-before-ack.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function runAnswerBench(options: { rounds?: number; passes?: number } = {}): Promise<Record<string, number | string>> {
  const rounds = options.rounds ?? 7;
  const passes = options.passes ?? 3;
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', PLANBOT_ADMINS: 'slack:UADMIN' }), {
    store: new MemoryStore(),
    clock: fixedClock('2021-06-15T10:00:00+08:00'),
    logger: silentLogger,
  });
  const refused = await seedRecord(app.bot, slackUser('UADMIN'));
  if (refused.length) throw new Error(refused.join('; '));
  const texts = corpusQuestions(ROOT).filter((q) => q.trim() !== '');
  let bytes = 0;
  const answerAll = async () => {
    bytes = 0;
    for (const text of texts) {
      const r = await app.bot.handle({ text, command: true, user: { id: slackUser('U0123') }, platform: 'slack', channel: 'C1' });
      for (const m of toMessages(r)) bytes += JSON.stringify(ackPayload(r, m)).length;
    }
  };
  await answerAll();
  await answerAll();
  const perAnswer: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const before = cpuUsage();
    for (let p = 0; p < passes; p++) await answerAll();
    const used = cpuUsage(before);
    perAnswer.push((used.user + used.system) / (passes * texts.length));
  }
  perAnswer.sort((a, b) => a - b);
  return {
    texts: texts.length,
    answers_per_round: texts.length * passes,
    cpu_us_per_answer_median: Math.round(perAnswer[Math.floor(rounds / 2)]!),
    cpu_us_per_answer_best: Math.round(perAnswer[0]!),
    ack_json_bytes_mean: Math.round(bytes / texts.length),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await runAnswerBench(), null, 2));
}
