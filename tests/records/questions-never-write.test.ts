import { describe, expect, it } from 'vitest';
import { prng } from '../support/prng.js';
import { proposalToken, recordsBot, talk } from './talk.js';

const REFS = ['T9', 't9', 'T９', 'task 9', 'taks 9', 'T11', 'task eleven', '第九项', '第九项任务', '任务9', '任务十一', '第九項任務', '目标三', '目標三', 'objective three', 'O3', 'G3', '任务组三', 'group 3', 'T5'];
const STATUSES = ['done', 'at risk', 'at-risk', 'on track', 'off track', 'late', 'behind', 'delayed', 'completed', 'finished', 'not started', '已完成', '完成', '有风险', '滞后', '正常推进', '未开始', '进度滞后', '落后', '有風險', '滯後', '進展順利', ''];
const VALUES = ['420/800', '52%', '70％', 'T9.1=420', '已完成420个村', 'completed 420 villages', '3/10', '120', ''];
/** Question forms: {r} item, {s} status, {p} progress value. Each is interrogative in one of the ways issue 10 lists. */
const FORMS = [
  'is {r} {s} {p}', 'are {r} {s} {p}', 'has {r} {s} {p}', 'have {r} {s} {p}', 'did {r} {s} {p}', 'does {r} {s} {p}', 'do {r} {s} {p}', 'was {r} {s} {p}', 'whether {r} {s} {p}',
  '{r} {s} {p}?', '{r} {s} {p} yet', '{r} {s} {p}？', 'update {r} {s} {p}?', 'report {r} {s} {p}？', 'Is {r} {s} {p}', '{r} {s} yet {p}',
  '{r}{s}{p}吗', '{r} {s} {p} 呢', '{r}是否{s}{p}', '{r}有没有{s}{p}', '{r}{s}{p}了没', '{r}{s}了没有', '{r}是不是{s}{p}', '{r}{s}{p}嗎', '{r}{s}{p}呢？',
  '更新 {r} {s} {p} 吗', '汇报 {r} {s} {p}？', '匯報 {r} {s} {p} 嗎', '上报{r}{s}{p}了吗', '{r}{s}{p}有沒有', '{r} {s} {p}?？',
];

/** Half-width ASCII to full-width, as some input methods type it. */
function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

describe('property: no input of interrogative form ever writes (issue 10)', () => {
  it('thousands of generated questions (items × statuses × values × question forms, both languages, both widths) append no event and propose nothing', async () => {
    const random = prng(20211231);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const { bot, store } = recordsBot();
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      let text = pick(FORMS).replace('{r}', pick(REFS)).replace('{s}', pick(STATUSES)).replace('{p}', pick(VALUES)).replace(/\s+/g, ' ').trim();
      if (random() < 0.2) text = fullWidth(text);
      seen.add(text);
      const r = await talk(bot, text, random() < 0.5 ? 'web:admin' : 'console:admin');
      expect(store.events(), `“${text}” wrote to the record`).toEqual([]);
      expect(proposalToken(r), `“${text}” proposed a write`).toBeNull();
      expect(r.error?.id, `“${text}” failed`).not.toBe('internal');
    }
    expect(seen.size).toBeGreaterThan(2000);
  });
});
