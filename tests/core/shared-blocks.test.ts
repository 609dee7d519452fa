import { describe, expect, it } from 'vitest';
import { toMessages } from '../../src/adapters/slack/to-blocks.js';
import { toWebReply } from '../../src/adapters/web/web-reply.js';
import { toMarkdownMessages as dingTalkMarkdown } from '../../src/adapters/dingtalk/to-markdown.js';
import { toMarkdownMessages as weComMarkdown } from '../../src/adapters/wecom/wecom-markdown.js';
import { cardFor, outcomeCard } from '../../src/adapters/wecom/wecom-cards.js';
import { plainBlocks, renderPlainText, replyText, type Reply } from '../../src/core/reply.js';
import { steppingClock, testBot } from '../intents/fixtures.js';
import { deepFreeze } from '../support/deep-freeze.js';

/** What every door makes of a reply. */
function everyDoor(r: Reply, plan: Parameters<typeof toWebReply>[1]) {
  return {
    slack: toMessages(r),
    web: toWebReply(r, plan),
    dingtalk: [dingTalkMarkdown(r, { group: false }), dingTalkMarkdown(r, { group: true, asker: 'alice', shortcuts: true })],
    wecom: [weComMarkdown(r), cardFor(r, 'task-1'), outcomeCard(r, 'task-1')],
    plain: [renderPlainText(r), replyText(r), plainBlocks(r.blocks)],
  };
}

/** Questions whose answers are made of blocks shared between replies, in both languages, with follow-ups that add notes to them. */
const QUESTIONS = [
  'T9',
  'status of T9',
  'T9.1',
  "what's the rural sewage target",
  'when is T9 due',
  'who owns T9',
  'and the deadline?',
  'carbon trading for power plants',
  'wht is the rual sewage targt',
  'PM2.5 target',
  'help',
  'tasks in group 3',
  'T9进展',
  '第九项任务',
  '农村生活污水治理率目标是多少',
  '帮助',
  '第三组任务',
];

describe('blocks shared between replies', () => {
  it('are never changed by an intent or a door: every answer and door works over deep-frozen blocks alike', async () => {
    const { say, plan } = await testBot({ clock: steppingClock('2021-06-15T09:00:00+08:00') });
    await say('/plan update T9 on-track 420/800 Zhoukou behind');
    await say('/plan assign T9 @web:bob');
    for (const q of QUESTIONS) {
      const first = await say(q);
      // The shared blocks are the ones the next reply holds too: freeze them all the way down.
      for (const b of first.blocks) deepFreeze(b);
      const again = await say(q);
      expect(renderPlainText(again), q).toBe(renderPlainText(first));
      const frozen = deepFreeze({ ...again, blocks: [...again.blocks] });
      const copy = structuredClone({ ...again, text: undefined });
      expect(everyDoor(frozen, plan), q).toEqual(everyDoor(copy, plan));
    }
  });

  it('are shared: asked again, an item card, a status, help and a group\'s list hold the very same block objects', async () => {
    const { say } = await testBot({ clock: steppingClock('2021-06-15T09:00:00+08:00') });
    for (const q of ['T9', 'status of T9', 'T9.1', 'help', '帮助', 'tasks in group 3', '第三组任务', 'when is T9 due', 'how many villages must be rectified', '农村生活污水治理率目标是多少']) {
      const first = await say(q);
      const again = await say(q);
      expect(again.blocks, q).not.toBe(first.blocks);
      again.blocks.forEach((b, i) => expect(b, q).toBe(first.blocks[i]));
    }
  });
});
