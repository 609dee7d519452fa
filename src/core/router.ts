import { UserError } from '../errors.js';
import { foldTraditional } from '../search/fold-traditional.js';
import type { Intent, IntentContext, Utterance } from './intent.js';

/** The intent chosen for a message and its validated arguments. */
export interface Routed {
  intent: Intent;
  args: unknown;
}

/**
 * Chooses the intent for a message. A command (`/plan status T9`, or a slash command's text) goes
 * by its first word to the intent that declares it; anything else is offered to each intent's
 * recogniser in the declared order, `ask` last. Arguments are validated with the intent's schema.
 */
export function route(u: Utterance, command: boolean, ctx: IntentContext, intents: readonly Intent[]): Routed {
  const text = u.text.trim();
  if (command) {
    const [typed = '', ...rest] = text.split(/\s+/);
    // Full-width and Traditional command words read as their plain forms (匯報 → 汇报, ＳＴＡＴＵＳ → status).
    const word = foldTraditional(typed.normalize('NFKC'));
    let intent = intents.find((i) => i.commands.includes(word.toLowerCase()));
    let args = rest.join(' ');
    if (!intent) {
      // Chinese is written without spaces: "/plan 更新T11 …" is the command 更新 and "T11 …".
      let longest = '';
      for (const i of intents) {
        for (const c of i.commands) {
          if (c.length > longest.length && /^\p{Script=Han}/u.test(c) && word.startsWith(c)) {
            longest = c;
            intent = i;
          }
        }
      }
      if (intent) args = [word.slice(longest.length), ...rest].join(' ');
    }
    if (intent?.parseCommand) return validated(intent, intent.parseCommand(args, u, ctx));
    if (text === '') return validated(intents.find((i) => i.id === 'help') ?? intents[0]!, {});
  }
  for (const intent of intents) {
    const raw = intent.recognize?.({ ...u, text }, ctx);
    if (raw !== null && raw !== undefined) return validated(intent, raw);
  }
  throw new Error('no intent recognised the message; the last intent must accept anything');
}

function validated(intent: Intent, raw: unknown): Routed {
  const result = intent.args.safeParse(raw);
  if (result.success) return { intent, args: result.data };
  const fields = [...new Set(result.error.issues.map((i) => String(i.path[0] ?? 'input')))];
  const missing = result.error.issues.every((i) => i.code === 'too_small' || (i.code === 'invalid_type' && i.input === undefined));
  const example = intent.usage.replace(/\bID\b/, 'T9').replace(/\s*\[.*$/, '');
  const what = fields.map((f) => (f === 'id' ? 'item' : f));
  const whatZh = fields.map((f) => (f === 'id' ? '事项编号' : f));
  throw new UserError(
    'args.invalid',
    missing
      ? { en: `Say which ${what.join(' and ')}, e.g. ${example} (usage: ${intent.usage}).`, zh: `请写明${whatZh.join('和')}，例如 ${example}（用法：${intent.usage}）。` }
      : { en: `I could not read the ${what.join(' and ')}. Usage: ${intent.usage}`, zh: `无法识别${whatZh.join('和')}。用法：${intent.usage}` },
    { intent: intent.id, fields },
  );
}
