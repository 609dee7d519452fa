import type { Logger } from '../core/logger.js';
import type { ReplyFile } from '../core/reply.js';
import type { WeeklyDigest } from '../digest/weekly-digest.js';
import { chartFile, progressChart } from './make-chart.js';

/** Charts remembered across channels of one tick (one per week, filters and language). */
const REMEMBERED = 16;

/**
 * The files a posted digest carries: the progress chart of the digest's own items at the end of its
 * week, drawn from the digest's data (its states and its attention judge, so the bars and lights are
 * the digest's). Channels with the same filters and language share one drawing. A chart that cannot
 * be drawn (no CJK font) is logged and left out: the text digest still goes. Only the scheduler's
 * posting path calls this, so building a digest stays as fast as before.
 */
export function digestChartFiles(logger: Pick<Logger, 'warn'>): (digest: WeeklyDigest) => Promise<ReplyFile[]> {
  const drawn = new Map<string, Promise<ReplyFile>>();
  return async (digest) => {
    const { data } = digest;
    const lang = data.audience.lang === 'both' ? 'zh' : data.audience.lang;
    const key = JSON.stringify([digest.weekKey, data.audience.filters, lang, data.plan.id]);
    let file = drawn.get(key);
    if (!file) {
      if (drawn.size >= REMEMBERED) drawn.clear();
      file = progressChart(data.items, data.states, data.judge, data.plan, lang).then((chart) => chartFile(chart, 'png'));
      drawn.set(key, file);
    }
    try {
      return [await file];
    } catch (err) {
      drawn.delete(key);
      logger.warn({ err, week: digest.weekKey }, 'the digest chart could not be drawn; the digest goes without it');
      return [];
    }
  };
}
