import { z } from 'zod';
import { defineIntent } from '../src/core/intent.js';
import { reply } from '../src/core/reply.js';
import { helpBlocks } from '../src/core/help-text.js';

/** Lists what the bot understands, generated from the declared intents. */
export const helpIntent = defineIntent({
  id: 'help',
  summary: { en: 'Show what I understand, with examples', zh: '显示我能理解的内容和示例' },
  usage: '/plan help',
  examples: { en: ['help', 'what can you do'], zh: ['帮助', '你能做什么'] },
  commands: ['help', '帮助', '?'],
  args: z.object({}),
  sideEffects: false,
  cues: { words: ['h', '?', 'usage', 'commands', 'what can you do', '帮助', '帮忙', '使用说明', '怎么用', '你能做什么', '有哪些命令'] },
  recognize: (u) =>
    /^(help|\?|h|usage|commands|what can you do|how do i use (you|this)|帮助|帮忙|使用说明|怎么用|你能做什么|有哪些命令)[\s?？!！。.]*$/i.test(u.text.trim()) ? {} : null,
  parseCommand: () => ({}),
  handle: (_args, ctx) => reply(ctx.lang, helpBlocks(ctx.intents, ctx.lang)),
});
