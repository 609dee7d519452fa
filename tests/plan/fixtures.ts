import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The 2021 Henan plan as published. */
export const REAL_DOCUMENT = readFileSync(fileURLToPath(new URL('../../data/plans/henan-2021/plan.zh.txt', import.meta.url)), 'utf8');

/** Options for a small plan document of the same genre; each test states only what matters to it. */
export interface MiniPlanOptions {
  title?: string;
  objectives?: string[];
  groups?: { heading: string; tasks: string[] }[];
  /** Tasks with no groups at all (used when `groups` is empty). */
  tasks?: string[];
  before?: string;
  after?: string;
  eol?: string;
  taskNumber?: (n: number) => string;
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Builds a small, well-formed plan document: 3 objectives and 9 tasks in 3 groups by default. */
export function miniPlan(o: MiniPlanOptions = {}): string {
  const objectives = o.objectives ?? ['大气方面PM2.5平均浓度控制在50微克/立方米以内。', '水环境方面地表水达标率达到80%。', '土壤方面受污染耕地安全利用率力争实现95%。'];
  const groups = o.groups ?? [
    { heading: '打好蓝天保卫战', tasks: ['加强扬尘治理。完成20个工地整治任务。', '推进清洁取暖。', '强化机动车监管。'] },
    { heading: '打好碧水保卫战', tasks: ['加强饮用水水源保护。', '推进黑臭水体治理。', '实施入河排污口排查。'] },
    { heading: '打好净土保卫战', tasks: ['开展土壤污染状况调查。', '2022年6月底前完成危险废物处置中心建设。', '推进“无废城市”建设。'] },
  ];
  const num = o.taskNumber ?? ((n: number) => `${n}. `);
  const lines: string[] = [];
  if (o.before) lines.push(o.before, '');
  lines.push(o.title ?? '2022年某市生态环境工作要点', '', '为做好2022年生态环境工作，现提出以下安排。', '', '一、总体要求', '', '坚持稳中求进工作总基调。', '', '二、主要目标', '');
  objectives.forEach((t, i) => lines.push(`（${CN[i]}）${t}`, ''));
  lines.push('三、重点工作任务', '');
  let n = 0;
  if (groups.length === 0) (o.tasks ?? []).forEach((t) => lines.push(`${num(++n)}${t}`, ''));
  groups.forEach((g, i) => {
    lines.push(`（${CN[i]}）${g.heading}`, '');
    g.tasks.forEach((t) => lines.push(`${num(++n)}${t}`, ''));
  });
  if (o.after) lines.push(o.after);
  return lines.join(o.eol ?? '\n');
}
