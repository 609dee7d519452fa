import { foldTraditional } from '../search/fold-traditional.js';
import { STATUSES, type Status } from '../store/events.js';
import { nfkc } from '../search/normalize.js';

/**
 * The one status vocabulary: every way people write a status, in English and Chinese. Traditional
 * characters and full-width letters are folded before lookup (`進展順利`, `ＡＴ-ＲＩＳＫ`), so only the
 * plain Simplified and ASCII forms are listed. English phrases are written with single spaces; a
 * space, dash or underscore (or none) may stand between their words.
 */
const VOCABULARY: Readonly<Record<Status, readonly string[]>> = {
  'not-started': ['not started', 'not yet started', 'new', 'todo', 'to do', '未开始', '尚未开始', '未启动', '尚未启动'],
  'on-track': ['on track', 'ok', 'green', 'ongoing', 'in progress', 'on schedule', '正常推进', '正常', '按计划', '按计划推进', '进行中', '推进中', '进展顺利', '进展正常', '顺利推进', '顺利', '有序推进', '稳步推进'],
  'at-risk': ['at risk', 'risk', 'risky', 'amber', 'yellow', '有风险', '风险', '存在风险', '有延误风险'],
  'off-track': ['off track', 'behind', 'behind schedule', 'delayed', 'late', 'overdue', 'red', '滞后', '落后', '延期', '进度滞后', '严重滞后', '逾期'],
  done: ['done', 'complete', 'completed', 'finished', '已完成', '完成', '已办结', '已竣工', '全部完成', '已全部完成', '全面完成', '已全面完成'],
};

const key = (word: string) => foldTraditional(nfkc(word)).toLowerCase().replace(/[\s_-]+/g, '');

const WORDS: ReadonlyMap<string, Status> = new Map(
  (Object.entries(VOCABULARY) as [Status, readonly string[]][]).flatMap(([status, words]) => words.map((w): [string, Status] => [key(w), status])),
);

/** Reads a status word ("at-risk", "At Risk", "late", "有风险", "滯後", "進展順利"); null when the word is not a status. */
export function parseStatus(word: string): Status | null {
  return WORDS.get(key(word)) ?? null;
}

const CJK = /[\u3400-\u9fff]/;

/** The Chinese status words (Simplified), longest first, for scanners that must find a status inside running text. */
export const CHINESE_STATUS_WORDS: readonly string[] = Object.values(VOCABULARY)
  .flat()
  .filter((w) => CJK.test(w))
  .sort((a, b) => b.length - a.length);

const ENGLISH_PHRASES = Object.values(VOCABULARY)
  .flat()
  .filter((w) => !CJK.test(w))
  .sort((a, b) => b.length - a.length)
  .map((w) => w.split(' ').join('[\\s_-]*'));

/** An English status phrase at the start of a text (group 1), not running on into a longer word. */
export const ENGLISH_STATUS_AT_START = new RegExp(`^(${ENGLISH_PHRASES.join('|')})(?![\\w-])`, 'i');

/** Words that are statuses in a report but too common in questions to mark one as a status question. */
const WEAK = new Set(['new', 'ok', 'green', 'amber', 'yellow', 'red', 'todo', 'to do', 'risky', '正常', '顺利', '风险']);
const STRONG_PHRASES = Object.values(VOCABULARY).flat().filter((w) => !WEAK.has(w));
const ENGLISH_ANYWHERE = new RegExp(`(?<![\\w-])(?:${STRONG_PHRASES.filter((w) => !CJK.test(w)).map((w) => w.split(' ').join('[\\s_-]*')).join('|')})(?![\\w-])`, 'i');
const CHINESE_STRONG = STRONG_PHRASES.filter((w) => CJK.test(w));

/**
 * Whether a text names a status anywhere ("is T11 done", "T9是否滞后"), for recognisers that must
 * tell a status question from another; Traditional and full-width are folded first.
 */
export function mentionsStatus(text: string): boolean {
  const folded = foldTraditional(nfkc(text));
  return ENGLISH_ANYWHERE.test(folded) || CHINESE_STRONG.some((w) => folded.includes(w));
}

const ENGLISH_ALL = new RegExp(`(?<![\\w-])(${ENGLISH_PHRASES.join('|')})(?![\\w-])`, 'i');

/**
 * The first status named anywhere in a text (`at-risk tasks`, `哪些任务滞后`, `滯後的任務`), for
 * filters and lists that read a status out of a sentence; null when none is named.
 */
export function findStatusIn(text: string): Status | null {
  const folded = foldTraditional(nfkc(text));
  const en = ENGLISH_ALL.exec(folded);
  const zh = CHINESE_STATUS_WORDS.map((w) => ({ w, at: folded.indexOf(w) })).filter((x) => x.at >= 0).sort((a, b) => a.at - b.at || b.w.length - a.w.length)[0];
  if (en && (!zh || en.index <= zh.at)) return parseStatus(en[1]!);
  return zh ? parseStatus(zh.w) : null;
}

/** The valid statuses in both languages, for error messages. */
export const STATUS_CHOICES = STATUSES.join(', ');
