import { describe, expect, it } from 'vitest';
import { makeBot, say } from '../support/make-bot.js';
import { prng } from '../support/prng.js';

const bot = makeBot();


const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyz ',
  '农村生活污水治理率目标任务进展有风险列出帮助的是什么第九三组 ',
  '0123456789./%=-',
  '!@#$%^&*()[]{}<>?\\|`~"\';:，。？！【】（）',
  '\u0000\u0001\u001f\u007f\ufffd\ud800\udfff\u200b\u3000\t\n\r',
  '🙂🔥💧🌏👍',
];
const WORDS = ['/plan', 'update', 'status', 'T9', 'G3', 'O3', 'task', '任务', 'list', 'help', 'at-risk', '有风险', '420/800', 'in Chinese', '用英文', '<script>', 'DROP TABLE', '```', '@here', '<@U123>'];

function randomInput(rand: () => number): string {
  const parts: string[] = [];
  const n = Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) {
    if (rand() < 0.4) parts.push(WORDS[Math.floor(rand() * WORDS.length)]!);
    else {
      const alphabet = ALPHABETS[Math.floor(rand() * ALPHABETS.length)]!;
      const len = Math.floor(rand() * 12);
      let s = '';
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
      parts.push(s);
    }
  }
  return parts.join(rand() < 0.5 ? ' ' : '');
}

describe('bad input gets a clear reply, never a crash or a hang', () => {
  it.each([
    ['empty', ''],
    ['spaces', '   \t  '],
    ['100 KB', 'rural sewage '.repeat(8000)],
    ['binary', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)).toString('latin1')],
    ['emoji only', '🙂🔥💧🌏👍'],
    ['punctuation only', '?!.,;:……——？！'],
    ['markdown', '**what** is `task 9`? # heading\n- item\n> quote'],
    ['html', '<script>alert(1)</script><b>rural sewage</b>'],
    ['sql', "'; DROP TABLE items; --"],
    ['lone surrogates', '\ud800\udbff rural \udc00'],
  ])('%s', async (_name, input) => {
    const r = await say(bot, input);
    expect(r.error?.id).not.toBe('internal');
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.text.length).toBeLessThan(6000);
  });

  it('10,000 random inputs: every one answered without an internal error', async () => {
    const rand = prng(20210607);
    for (let i = 0; i < 10_000; i++) {
      const input = randomInput(rand);
      const r = await say(bot, input);
      if (r.error?.id === 'internal' || r.text.length === 0) throw new Error(`input #${i} ${JSON.stringify(input)} gave ${JSON.stringify(r)}`);
    }
  }, 120_000);
});
