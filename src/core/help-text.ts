import type { Intent } from './intent.js';
import { t } from './i18n.js';
import type { Lang, ReplyBlock } from './reply.js';

/** Help generated from the declared intents: summary, command and examples in the reader's language. */
export function helpBlocks(intents: readonly Intent[], lang: Lang): ReplyBlock[] {
  const blocks: ReplyBlock[] = [
    { type: 'heading', text: t(lang, 'Ask me about the work plan, in English or Chinese. I understand:', '可以用中文或英文问我工作计划的内容。我能理解：') },
  ];
  for (const intent of intents) {
    const examples = intent.examples[lang].slice(0, 3).map((e) => `“${e}”`).join(t(lang, ', ', '、'));
    blocks.push({ type: 'paragraph', text: `• ${intent.summary[lang]} — ${intent.usage}${examples ? t(lang, `, e.g. ${examples}`, `，例如 ${examples}`) : ''}` });
  }
  blocks.push({ type: 'context', text: t(lang, 'Add "in Chinese" to get the answer in Chinese.', '在问题后加“用英文”可得到英文回答。') });
  return blocks;
}
