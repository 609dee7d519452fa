import { z } from 'zod';
import { t } from '../src/core/i18n.js';
import { askHints } from '../src/core/help-text.js';
import { defineIntent } from '../src/core/intent.js';
import { reply } from '../src/core/reply.js';

const HELLO = /^(hi|hello|hey|hiya|good (morning|afternoon|evening)|greetings|你好|您好|嗨|哈喽|早上好|下午好|晚上好|大家好)( there| all| everyone| plan-?bot)?[\s!！.。,，~～]*$/i;
const THANKS = /^(thanks?( you)?( very much| a lot| so much)?|thx|ty|cheers|great|ok|okay|got it|谢谢|谢谢你|谢谢您|多谢|感谢|好的|收到|明白了)[\s!！.。,，~～]*$/i;

/** Answers a greeting or a thank-you politely, with a hint of what to ask; it matches no plan item. */
export const greetingIntent = defineIntent({
  id: 'greeting',
  summary: { en: 'Say hello or thanks', zh: '打招呼或致谢' },
  usage: 'hello',
  examples: { en: ['hello', 'thanks'], zh: ['你好', '谢谢'] },
  commands: ['hello', 'hi', '你好'],
  args: z.object({ kind: z.enum(['hello', 'thanks']) }),
  sideEffects: false,
  cues: { words: ['hi', 'hello', 'hey', 'good', 'greetings', 'thank', 'thx', 'ty', 'cheers', 'great', 'ok', 'got it', '你好', '您好', '嗨', '哈喽', '早上好', '下午好', '晚上好', '大家好', '谢谢', '多谢', '感谢', '好的', '收到', '明白了'] },
  recognize: (u) => (HELLO.test(u.text.trim()) ? { kind: 'hello' } : THANKS.test(u.text.trim()) ? { kind: 'thanks' } : null),
  parseCommand: () => ({ kind: 'hello' }),
  handle: ({ kind }, ctx) =>
    reply(ctx.lang, [
      {
        type: 'paragraph',
        text:
          kind === 'hello'
            ? t(ctx.lang, `Hello! I know the ${ctx.plan.title.en} and its progress.`, `您好！我熟悉《${ctx.plan.title.zh}》及其进展。`)
            : t(ctx.lang, 'You are welcome.', '不客气。'),
      },
      { type: 'context', text: t(ctx.lang, `Ask e.g. ${askHints(ctx.plan, ctx.lang)}; “help” lists everything.`, `可以问${askHints(ctx.plan, ctx.lang)}；输入“帮助”查看全部功能。`) },
    ]),
});
