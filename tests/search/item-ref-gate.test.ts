import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusQuestions } from '../../src/eval/answer-corpus.js';
import { foldTraditional } from '../../src/search/fold-traditional.js';
import { normalizeText } from '../../src/search/normalize.js';
import { findItemRef, findItemRefIn, mendReferenceWords, readLeadingItemRef } from '../../src/search/parse-item-ref.js';

// findItemRef and readLeadingItemRef skip the full reading of a text that has none of the numbers a
// reference needs. The skip must never change an answer: each is compared with the full reading.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fullReading = (text: string) => findItemRefIn(mendReferenceWords(normalizeText(foldTraditional(text))));

const TRICKY = [
  'task.one', 'task-one', 'Task One', 'ＴＡＳＫ ｏｎｅ', 'ｔ９', 'tusk 9', 'taks nine', 'the ninth task', 'NINTH TASK', 'x.ninth task',
  '第 三 项', '第、三项', '第三組', '任務九', '目標 三', '目标：三', '主要目标三', '任务组第三', '第〇项', '第兩项', 'objective three',
  'goal six', 'section 2', 'group twenty-one', "o'nine", 'what is it', '农村生活污水治理率目标是多少', 'target for ozone', 'O3 target',
  'é task 9', 'tâsk nine', '①号任务', 'T⑨', '𠀀 task nine', 'someone finished the network', 'done', 'often', 'tenth objective',
];

/** A seeded generator of short texts mixing keywords, numbers, separators, full-width and Traditional forms. */
function fuzz(count: number): string[] {
  const parts = ['task', 'taks', 'tasks', 'objective', 'objectve', 'goal', 'group', 'grop', 'section', 'no', 'number', 't', 'o', 'g', 'T', 'O', 'G',
    'nine', 'ninth', 'twenty', 'one', 'first', '9', '12', '9th', '.', '-', ' ', '  ', ',', "'", '第', '三', '项', '任务', '任務', '目标', '目標', '组', '組',
    '九', '兩', '〇', '：', '、', 'Ｔ', '９', 'ｔａｓｋ', 'the', 'what', 'is', '?', '吗', 'é', '①'];
  let seed = 12345;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(next() * 6);
    let s = '';
    for (let k = 0; k < n; k++) s += parts[Math.floor(next() * parts.length)];
    out.push(s);
  }
  return out;
}

describe('the item reference reader skips only texts that cannot name an item', () => {
  const whole = [...corpusQuestions(ROOT), ...TRICKY, ...fuzz(5000)];
  // The leading reader skips on the first 40 characters: their full reading must agree too.
  const texts = [...whole, ...whole.map((t) => t.slice(0, 40))];

  it('findItemRef is the full reading, on every eval question, tricky spellings and generated texts', () => {
    const wrong = texts.filter((t) => JSON.stringify(findItemRef(t)) !== JSON.stringify(fullReading(t)));
    expect(wrong).toEqual([]);
  });

  it('readLeadingItemRef still reads a leading reference written with separators, words or Chinese numerals', () => {
    // It skips exactly when findItemRef on the first 40 characters would (checked above): a reference at the start is one anywhere.
    expect(readLeadingItemRef('task.one 52%')?.ref).toEqual({ kind: 'task', number: 1 });
    expect(readLeadingItemRef('第、三项 滞后')?.ref).toEqual({ kind: 'task', number: 3 });
    expect(readLeadingItemRef('ninth task at risk')?.ref).toEqual({ kind: 'task', number: 9 });
    expect(readLeadingItemRef('what is T9')).toBeNull();
    expect(readLeadingItemRef('at risk')).toBeNull();
  });

  it('readLeadingItemRef reads every form of a leading reference, with any English number from one to ninety-nine', () => {
    const units = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
    const ordinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
    const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
    const tenths = ['twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];
    const cardinals = [...units, ...tens, ...tens.flatMap((t) => units.slice(0, 9).map((u) => `${t}-${u}`))];
    const ordinalWords = [...ordinals, ...tenths, ...tens.flatMap((t) => ordinals.slice(0, 9).map((o) => `${t}-${o}`))];
    const texts = [
      ...cardinals.flatMap((n) => [`task ${n} at risk`, `Objective ${n.toUpperCase()} done`, `group ${n}`, `section ${n}`, `taks ${n} late`, `goal ${n}`]),
      ...ordinalWords.flatMap((o) => [`${o} task at risk`, `${o.toUpperCase()} GROUP`, `${o} objective`, `the ${o} task`.slice(4)]),
      ...['T9 at risk', 't 9', 'O3 done', 'G3', 'Ｔ９ 滞后', 'ｔａｓｋ ９', '(T9) late', '“task nine” done', '24th task', '第九项 滞后', '第 九 项', '主要目标三', '目標三 正常',
        '任务九 完成', '任務組三', '目标第三', '  T9', '- task 9', '…T9', '、第三项', 'objectve three done', "ta'sk 9", 'Tasks 9', 'sections 2', 'gruop 3',
        'objectivs 4'],
    ];
    const missed = texts.filter((t) => readLeadingItemRef(t) === null);
    // Two the reader has never read at the start of a text (its full reading finds no leading reference either).
    expect(missed).toEqual(['seventy-seventh objective', '第 九 项']);
  });
});
