import { existsSync, readFileSync } from 'node:fs';
import type { Bot } from '../core/bot.js';
import type { UserId } from '../core/user-ids.js';
import { EVAL_SETS } from './eval-sets.js';

// The questions and the record that `scripts/answers-snapshot.ts` and the answer bench share: every
// question of the eval sets plus commands and short messages, asked over a record set by an admin.

/** The record the questions are asked over: set through the bot's commands by an admin. */
export const SEED = [
  'update T9 at-risk 420/800 villages behind schedule in the south',
  'update T1 on-track 50% canal survey half done',
  'update T12 done',
  'update T20 off-track 10% funding delayed',
  'update O3 on-track',
  'update T30 at-risk 30%',
  'assign T9 <@U0123> <@U0456>',
  'assign T20 <@U0123>',
  'milestone T9.1 2021-09-30 600',
  'milestone T20 2021-08-31',
  'units T9 all-cities',
  'lead T9 郑州',
  'update T5 on-track 70% 进展顺利',
  'signoff T12',
];

/** Short messages and commands beside the eval questions. */
export const EXTRA = [
  "what's the rural sewage target", 'status of T9', 'T9', 'PM2.5 target', '农村生活污水治理率目标是多少', 'how many villages must be rectified', 'tasks in group 3', 'help',
  'history T9', 'list at-risk', 'list mine', 'overview', 'not-reported', 'show O3', 'T9.1', 'G3', 'T41', 'who owns T9', 'T9 负责人是谁', '帮助', '你好', 'thanks',
  'by-unit T9', 'no-lead', 'my-units', 'unit-tasks 郑州', 'subscriptions', '计划概况', '哪些任务有风险', 'T11 at risk', 'T9 70%', '更新T11 进展顺利',
  '', '???', 'x'.repeat(300), '关于T9', 'status of T99', 'list G3',
];

/** Every question of the eval sets under `root` (the repository) that are present, then {@link EXTRA}. */
export function corpusQuestions(root: string): string[] {
  const out: string[] = [];
  for (const set of EVAL_SETS(root)) {
    // The shared development set lives beside the checkout, which a clean clone elsewhere does not have.
    if (!existsSync(set.file)) continue;
    for (const line of readFileSync(set.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as Record<string, unknown>;
      for (const key of ['q', 'first', 'followup', 'question']) if (typeof row[key] === 'string') out.push(row[key] as string);
    }
  }
  return [...out, ...EXTRA];
}

/** Sets {@link SEED} through `bot` as `admin` (a Slack user listed in PLANBOT_ADMINS); returns what it refused. */
export async function seedRecord(bot: Bot, admin: UserId): Promise<string[]> {
  const refused: string[] = [];
  for (const text of SEED) {
    const r = await bot.handle({ text, command: true, user: { id: admin, name: 'admin' }, platform: 'slack', channel: 'C1' });
    if (r.error) refused.push(`seed "${text}": ${r.error.id}`);
  }
  return refused;
}
