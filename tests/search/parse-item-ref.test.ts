import { describe, expect, it } from 'vitest';
import { findItemRef, parseChineseNumeral, parseEnglishNumber, parseItemRef } from '../../src/search/index.js';
import { mendReferenceWords } from '../../src/search/parse-item-ref.js';

describe('parseItemRef', () => {
  it.each([
    ['T9', 'task', 9],
    ['t 9', 'task', 9],
    ['task 9', 'task', 9],
    ['Task #9', 'task', 9],
    ['what is task 9', 'task', 9],
    ['task nine', 'task', 9],
    ['tasks 12', 'task', 12],
    ['task twenty-four', 'task', 24],
    ['the ninth task', 'task', 9],
    ['24th task', 'task', 24],
    ['objective 4', 'objective', 4],
    ['goal 4', 'objective', 4],
    ['goal six', 'objective', 6],
    ['third objective', 'objective', 3],
    ['O4', 'objective', 4],
    ['group 3', 'group', 3],
    ['task group 3', 'group', 3],
    ['G3', 'group', 3],
    ['show me T40 please', 'task', 40],
    ['第九项任务', 'task', 9],
    ['任务九', 'task', 9],
    ['任务9进展如何', 'task', 9],
    ['第9项', 'task', 9],
    ['第９项', 'task', 9],
    ['第二十四项任务', 'task', 24],
    ['第四十项工作任务', 'task', 40],
    ['第十个任务', 'task', 10],
    ['目标三', 'objective', 3],
    ['第三个目标', 'objective', 3],
    ['第三项目标', 'objective', 3],
    ['第三组', 'group', 3],
    ['第3组任务', 'group', 3],
  ] as const)('%j → %s %i', (text, kind, number) => {
    expect(parseItemRef(text)).toEqual({ kind, number });
  });

  it.each([
    '',
    'what is the rural sewage target',
    '12369 hotline',
    'one task at a time',
    'there are 40 tasks',
    'target 33%',
    'task 1.5',
    'pm2.5',
    '十四五规划',
    '第十五次缔约方大会',
    '目标是多少',
    '2021年',
    'COP15',
  ])('%j names no item', (text) => {
    expect(parseItemRef(text)).toBeNull();
  });

  it('prefers a reference written with a word over a bare code', () => {
    expect(parseItemRef('O3 under task 7')).toEqual({ kind: 'task', number: 7 });
  });

  it('tells bare codes, which may be words (O3 is ozone), from references written with a word', () => {
    expect(findItemRef('PM2.5 and O3')).toMatchObject({ kind: 'objective', number: 3, keyword: false });
    expect(findItemRef('目标三')).toMatchObject({ keyword: true });
  });
});

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十六', 16],
    ['二十', 20],
    ['二十四', 24],
    ['四十', 40],
    ['九十九', 99],
    ['两', 2],
    ['24', 24],
    ['２４', 24],
  ] as const)('%s = %i', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it.each(['', '百', '十十', '二二', 'abc', '三点五'])('%j is not a numeral', (text) => {
    expect(parseChineseNumeral(text)).toBeNull();
  });
});

describe('parseEnglishNumber', () => {
  it.each([
    ['nine', false, 9],
    ['9', false, 9],
    ['twenty-four', false, 24],
    ['twenty four', false, 24],
    ['forty', false, 40],
    ['ninth', true, 9],
    ['9th', true, 9],
    ['twenty-fourth', true, 24],
    ['fortieth', true, 40],
  ] as const)('%s (ordinal: %s) = %i', (text, ordinal, value) => {
    expect(parseEnglishNumber(text, ordinal)).toBe(value);
  });

  it.each([['ninth', false], ['nine', true], ['twenty-ten', false], ['lots', false]] as const)('%s (ordinal: %s) is not read', (text, ordinal) => {
    expect(parseEnglishNumber(text, ordinal)).toBeNull();
  });
});

describe('mistyped references', () => {
  it.each([
    ['objectiv 3', { kind: 'objective', number: 3 }],
    ['objectve three', { kind: 'objective', number: 3 }],
    ['taks 9', { kind: 'task', number: 9 }],
    ['tsak nine', { kind: 'task', number: 9 }],
    ['grup 3', { kind: 'group', number: 3 }],
    ['目标 三', { kind: 'objective', number: 3 }],
  ])('%s', (text, expected) => {
    expect(parseItemRef(text)).toEqual(expected);
  });

  it('leaves words that are not near a keyword, or not followed by a number, alone', () => {
    expect(parseItemRef('coal 3')).toBeNull();
    expect(parseItemRef('taks about water')).toBeNull();
  });

  it('mends only before a number, wherever it stands, and leaves a text with none as it is', () => {
    expect(mendReferenceWords('what about taks 9 and objectve three')).toBe('what about task 9 and objective three');
    expect(mendReferenceWords('status of taks number nine')).toBe('status of task number nine');
    expect(mendReferenceWords('taks about water and grup of cities')).toBe('taks about water and grup of cities');
    expect(mendReferenceWords('关于目标 三 和 任务 9')).toBe('关于目标三 和 任务9');
    expect(mendReferenceWords('水 污染')).toBe('水 污染');
  });
});
