import { STATUSES, type Status } from '../store/events.js';

/** Every way people write a status, in English and Chinese, folded to lower case without spaces or dashes. */
const WORDS: Record<string, Status> = {
  notstarted: 'not-started', new: 'not-started', todo: 'not-started', 未开始: 'not-started', 尚未开始: 'not-started', 未启动: 'not-started',
  ontrack: 'on-track', ok: 'on-track', green: 'on-track', ongoing: 'on-track', inprogress: 'on-track', 正常推进: 'on-track', 正常: 'on-track', 按计划: 'on-track', 按计划推进: 'on-track', 进行中: 'on-track', 推进中: 'on-track',
  atrisk: 'at-risk', risk: 'at-risk', risky: 'at-risk', amber: 'at-risk', yellow: 'at-risk', 有风险: 'at-risk', 风险: 'at-risk', 存在风险: 'at-risk',
  offtrack: 'off-track', behind: 'off-track', delayed: 'off-track', late: 'off-track', red: 'off-track', 滞后: 'off-track', 落后: 'off-track', 延期: 'off-track', 进度滞后: 'off-track',
  // Traditional characters, as written in Taiwan, Hong Kong and Macao.
  未開始: 'not-started', 正常推進: 'on-track', 按計劃: 'on-track', 進行中: 'on-track', 推進中: 'on-track', 有風險: 'at-risk', 風險: 'at-risk', 存在風險: 'at-risk', 滯後: 'off-track', 落後: 'off-track', 進度滯後: 'off-track',
  done: 'done', complete: 'done', completed: 'done', finished: 'done', 已完成: 'done', 完成: 'done', 已办结: 'done',
};

/** Reads a status word ("at-risk", "At Risk", "有风险", "滞后"); null when the word is not a status. */
export function parseStatus(word: string): Status | null {
  const key = word.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');
  return WORDS[key] ?? null;
}

/** The Chinese status words, longest first, for scanners that must find a status inside running text. */
export const CHINESE_STATUS_WORDS: readonly string[] = Object.keys(WORDS)
  .filter((w) => /[\u3400-\u9fff]/.test(w))
  .sort((a, b) => b.length - a.length);

/** The valid statuses in both languages, for error messages. */
export const STATUS_CHOICES = STATUSES.join(', ');
