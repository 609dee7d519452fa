// `npx tsx scripts/answers-snapshot.ts OUT.jsonl` writes, and `… --check OUT.jsonl` compares, every answer the
// bot gives to the questions of all eval sets (plus a list of commands and short messages), over a record
// seeded through the bot's own commands: the intent chosen, the neutral reply and the Slack messages. A
// change meant to make answering faster, not different, must leave this file unchanged.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/load-config.js';
import { fixedClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/logger.js';
import { corpusQuestions, seedRecord } from '../src/eval/answer-corpus.js';
import { slackUser, webUser } from '../src/core/user-ids.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { toMessages } from '../src/adapters/slack/to-blocks.js';
import { ackPayload } from '../src/adapters/slack/answer-before-ack.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [first, second] = process.argv.slice(2);
const check = first === '--check';
const file = check ? second : first;
if (!file) {
  console.error('usage: npx tsx scripts/answers-snapshot.ts OUT.jsonl | --check OUT.jsonl');
  process.exit(2);
}

const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', PLANBOT_ADMINS: 'slack:UADMIN' }), {
  store: new MemoryStore(),
  clock: fixedClock('2021-06-15T10:00:00+08:00'),
  logger: silentLogger,
});
for (const problem of await seedRecord(app.bot, slackUser('UADMIN'))) console.error(problem);
const lines: string[] = [];
for (const q of corpusQuestions(ROOT)) {
  for (const [platform, user, command] of [
    ['slack', slackUser('U0123'), true],
    ['slack', slackUser('U0123'), false],
    ['web', webUser('bob'), false],
  ] as const) {
    const r = await app.bot.handle({ text: q, command, user: { id: user }, platform, channel: platform === 'slack' ? 'C1' : null });
    const slack = platform === 'slack' ? toMessages(r).map((m) => ackPayload(r, m)) : undefined;
    lines.push(JSON.stringify({ q, platform, command, reply: r, slack }));
  }
}
const events = app.store.events().length;
if (!check) {
  writeFileSync(file, `${lines.join('\n')}\n`);
  console.log(`${lines.length} answers written to ${file} (${events} events in the record)`);
} else {
  const old = readFileSync(file, 'utf8').trimEnd().split('\n');
  let diffs = 0;
  for (let i = 0; i < Math.max(old.length, lines.length); i++) {
    if (old[i] !== lines[i]) {
      if (diffs < 5) console.log(`- ${old[i]?.slice(0, 400)}\n+ ${lines[i]?.slice(0, 400)}\n`);
      diffs++;
    }
  }
  console.log(`${lines.length} answers, ${diffs} different from ${file} (${events} events in the record)`);
  process.exit(diffs ? 1 : 0);
}
