import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allIntents } from '../../intents/index.js';
import { corpusQuestions, EXTRA, SEED } from '../../src/eval/answer-corpus.js';
import { prng } from './prng.js';

// Messages for tests that compare two ways of routing: every eval question, the snapshot's commands, the
// readings corpus, every intent's examples and cue words, and tens of thousands of generated messages
// mixing their words, item references, statuses, values, full-width and Traditional forms.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every message people were seen or imagined to send: eval questions, snapshot commands, readings, intent examples. */
export function knownMessages(): string[] {
  const readings = readFileSync(new URL('../records/readings.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { in: string }).in);
  const examples = allIntents.flatMap((i) => [...i.examples.en, ...i.examples.zh, i.usage, ...i.commands]);
  // What the README says people type: every `quoted` message of its tables and text.
  const readme = [...readFileSync(new URL('../../README.md', import.meta.url), 'utf8').matchAll(/`([^`\n]{1,120})`/g)].map((m) => m[1]!);
  return [...new Set([...corpusQuestions(ROOT), ...EXTRA, ...SEED, ...readings, ...examples, ...readme, ...MORE].map((t) => t.replace(/^\s*\/plan\s*/i, '')))];
}

/** Questions the other sources have few of, in the forms their recognisers read. */
const MORE = [
  "who hasn't reported this week", 'who has not reported yet', 'which units have not submitted this cycle', 'which cities did not report', 'who is missing reports this week', 'not reported',
  '哪些单位还没报送', '谁还没有报送', '这周谁还没报送', '本周未报送的单位', '未报送', '哪些地市没有上报', '谁未汇报吗',
  'what is Zhoukou responsible for', 'what does Zhoukou lead', "Zhoukou's tasks", 'tasks of 周口', 'list the tasks for Nanyang', 'which tasks is 郑州 in charge of',
  '周口负责哪些任务', '周口市负责什么', '周口牵头哪些任务', '周口的任务有哪些', '郑州负责什么任务？', '南阳的工作是什么', '周口負責哪些任務',
  'which unit am I in', 'what are my units', 'my unit', 'which units do I belong to', '我属于哪个单位', '我是哪个单位的', '我在哪些部门',
  'tasks with no lead unit', 'which tasks have no lead unit', 'items without a lead unit', 'tasks with nolead unit', 'items without alead unit', 'tasks having anylead unit', '哪些任务没有牵头单位', '牵头单位未设置的任务', '缺少牵头单位',
  'export the ledger', 'download the spreadsheet as csv', 'send me the workbook', 'give me the ledger in excel', 'please export a ledger as an xlsx file', '导出台账', '下载工作台账', '导出台账为excel', '导出 csv', '导出ｃｓｖ', '请帮我导出一份台账',
  'T9 by city', 'T9 by unit', 'progress of T9 per city', '各地市T9进度', 'T9各单位进度', '任务九分地市', 'year-end report', 'annual report please', '年终总结报告', '年度报告',
];

const REFS = ['T9', 't9', 'T９', 'task 9', 'taks 9', 'T11', 'task eleven', 'ninth task', '第九项', '第九项任务', '任务9', '任务十一', '第九項任務', '目标三', '目標三', 'objective three', 'O3', 'G3', 'group 3', '任务组三', 'T9.1', 'O3.3', 'T41', 'section two', 'goal 2'];
const STATUSES = ['done', 'at risk', 'at-risk', 'on track', 'off track', 'late', 'behind', 'delayed', 'completed', 'finished', 'not started', 'overdue', 'stale', '已完成', '完成', '有风险', '滞后', '正常推进', '未开始', '进度滞后', '落后', '逾期', '有風險', '滯後', '進展順利', 'red', '红灯', '黄燈'];
const VALUES = ['420/800', '52%', '70％', 'T9.1=420', '已完成420个村', 'completed 420 villages', '3/10', '120', '2021-06-30', '6月底'];
const GLUE = ['?', '？', '吗', '呢', '了吗', 'please', '请', 'the', 'of', 'for', 'is', 'what', 'which', 'how', 'my', 'mine', '@bob', '<@U0123>', 'bob', '周口', 'Zhoukou', '郑州', 'by city', '各地市', 'this week', '本周', 'in Chinese', '用英文', '!', '。', ',', ':', '-', "'s", 'ſ', 'K', '\u0301'];

/** Half-width ASCII to full-width, as some input methods type it. */
function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/**
 * `count` generated messages, the same on every run: words of the known messages, every cue word each
 * intent declares, item references, statuses, values and glue, one to seven at a time, joined with or
 * without spaces; known messages with a word dropped or added; some in full width or upper case.
 */
export function generatedMessages(count: number, seed = 41_000): string[] {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const known = knownMessages().filter((t) => t.length <= 200);
  const words = [...new Set(known.flatMap((t) => t.split(/\s+/)).filter(Boolean))];
  const cues = allIntents.flatMap((i) => i.cues?.words ?? []);
  const han = [...new Set(known.join('').match(/\p{Script=Han}{2,4}/gu) ?? [])];
  const pools = [words, cues, REFS, STATUSES, VALUES, GLUE, han, cues, REFS];
  const out: string[] = [];
  while (out.length < count) {
    let text: string;
    const form = random();
    if (form < 0.55) {
      const n = 1 + Math.floor(random() * 7);
      const joiner = random() < 0.7 ? ' ' : '';
      text = Array.from({ length: n }, () => pick(pick(pools))).join(joiner);
    } else if (form < 0.8) {
      const parts = pick(known).split(/(\s+)/);
      const at = Math.floor(random() * (parts.length + 1));
      parts.splice(at, random() < 0.5 ? 1 : 0, random() < 0.5 ? ' ' + pick(pick(pools)) + ' ' : pick(pick(pools)));
      text = parts.join('');
    } else {
      // A known message with a cue word or a reference before or after it.
      text = random() < 0.5 ? `${pick(pick(pools))} ${pick(known)}` : `${pick(known)}${random() < 0.5 ? ' ' : ''}${pick(pick(pools))}`;
    }
    const style = random();
    if (style < 0.08) text = fullWidth(text);
    else if (style < 0.14) text = text.toUpperCase();
    out.push(text.trim());
  }
  return out;
}
