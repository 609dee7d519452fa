import { UserError } from '../errors.js';
import { foldTraditional } from '../search/fold-traditional.js';
import { AnalysedUtterance } from './analysed-utterance.js';
import { CueIndex } from './cue-index.js';
import { SHORT_TEXT_CHARS, type Intent, type IntentContext, type Utterance } from './intent.js';
import { nfkc } from '../search/normalize.js';

/** The intent chosen for a message and its validated arguments. */
export interface Routed {
  intent: Intent;
  args: unknown;
  /** True when a command word chose the intent (`/plan update …`); false when a recogniser read the text (`/plan T11 at risk`). */
  byCommand: boolean;
}

/**
 * Chooses the intent for a message. A command (`/plan status T9`, or a slash command's text) goes
 * by its first word to the intent that declares it; anything else is offered to each intent's
 * recogniser in the declared order, `ask` last, skipping those whose declared cues the message lacks
 * (one pass over the text, {@link CueIndex}). Arguments are validated with the intent's schema.
 * Text longer than an intent's `maxChars` never reaches its parser, so no pattern runs on a long paste.
 */
export function route(u: Utterance, command: boolean, ctx: IntentContext, intents: readonly Intent[]): Routed {
  const text = u.text.trim();
  const table = commandTable(intents);
  if (command) {
    // The first word, and the words after it each separated by one space (read only when a command is found).
    const space = /\s+/.exec(text);
    const typed = space ? text.slice(0, space.index) : text;
    const rest = () => (space ? text.slice(space.index + space[0].length).replace(/\s+/g, ' ') : '');
    // Full-width and Traditional command words read as their plain forms (匯報 → 汇报, ＳＴＡＴＵＳ → status).
    const word = foldTraditional(nfkc(typed));
    let intent = table.byWord.get(word.toLowerCase());
    let args = intent ? rest() : '';
    // Chinese is written without spaces: "/plan 更新T11 …" is the command 更新 and "T11 …".
    if (!intent && table.hanInitials.has(word.charAt(0))) {
      let longest = '';
      for (const [c, i] of table.han) {
        if (c.length > longest.length && word.startsWith(c)) {
          longest = c;
          intent = i;
        }
      }
      if (intent) args = [word.slice(longest.length), ...(space ? [rest()] : [])].join(' ');
    }
    if (intent?.parseCommand) {
      if (text.length > maxChars(intent)) throw commandTooLong(intent, text.length);
      return validated(intent, intent.parseCommand(args, u, ctx), true);
    }
    if (text === '') return validated(intents.find((i) => i.id === 'help') ?? intents[0]!, {});
  }
  // Read once, shared by every recogniser: each asks only for what it needs, computed the first time
  // (or before, by the caller that made it: bot.handle reads the message's item for follow-ups too).
  const trimmed = u instanceof AnalysedUtterance && u.text === text ? u : new AnalysedUtterance(text, u.lang);
  const may = table.cues.scan(trimmed);
  for (const { intent, recognize, limit, bit } of table.recognisers) {
    if (text.length > limit || (may & bit) === 0) continue;
    const raw = recognize(trimmed, ctx);
    if (raw !== null && raw !== undefined) return validated(intent, raw);
  }
  throw new Error('no intent recognised the message; the last intent must accept anything');
}

/** The command words and recognisers of a list of intents, read once per list rather than on every message. */
interface CommandTable {
  /** Each command word and the first intent that declares it. */
  byWord: ReadonlyMap<string, Intent>;
  /** The commands that start with a Han character, in declaration order, with their intent. */
  han: ReadonlyArray<readonly [string, Intent]>;
  /** The first characters of {@link han}: a word starting otherwise is none of them. */
  hanInitials: ReadonlySet<string>;
  /** The intents that recognise free text, in declaration order, with the longest text each reads. */
  recognisers: ReadonlyArray<{ intent: Intent; recognize: NonNullable<Intent['recognize']>; limit: number; bit: number }>;
  /** The recognisers' cues, which tell from one pass over a message which of them may accept it. */
  cues: CueIndex;
}

const commandTables = new WeakMap<readonly Intent[], CommandTable>();

function commandTable(intents: readonly Intent[]): CommandTable {
  let table = commandTables.get(intents);
  if (!table) {
    const byWord = new Map<string, Intent>();
    const han: [string, Intent][] = [];
    for (const i of intents) {
      for (const c of i.commands) {
        if (!byWord.has(c)) byWord.set(c, i);
        if (/^\p{Script=Han}/u.test(c)) han.push([c, i]);
      }
    }
    const recognising = intents.filter((intent) => intent.recognize);
    const recognisers = recognising.map((intent, i) => ({ intent, recognize: intent.recognize!.bind(intent), limit: maxChars(intent), bit: CueIndex.bit(i) }));
    const cues = new CueIndex(recognising.map((intent) => intent.cues));
    commandTables.set(intents, (table = { byWord, han, hanInitials: new Set(han.map(([c]) => c.charAt(0))), recognisers, cues }));
  }
  return table;
}

function maxChars(intent: Intent): number {
  return intent.maxChars ?? SHORT_TEXT_CHARS;
}

function commandTooLong(intent: Intent, length: number): UserError {
  const limit = maxChars(intent);
  return new UserError(
    'command.too-long',
    {
      en: `This command is ${length.toLocaleString('en')} characters long; ${intent.usage.split(' ').slice(0, 2).join(' ')} reads at most ${limit.toLocaleString('en')}. Shorten it and send it again (usage: ${intent.usage}).`,
      zh: `这条命令有${length}个字符，${intent.usage.split(' ').slice(0, 2).join(' ')} 最多读取${limit}个字符。请缩短后重新发送（用法：${intent.usage}）。`,
    },
    { intent: intent.id, length, limit },
  );
}

function validated(intent: Intent, raw: unknown, byCommand = false): Routed {
  const result = intent.args.safeParse(raw);
  if (result.success) return { intent, args: result.data, byCommand };
  const tooLong = result.error.issues.find((i) => i.code === 'too_big' && (i.origin === 'string' || i.origin === 'array'));
  if (tooLong?.code === 'too_big') throw tooLongError(intent, raw, tooLong.path, Number(tooLong.maximum), tooLong.origin === 'string');
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

/** Field names as a reply names them. */
const FIELD_NAMES: Record<string, { en: string; zh: string }> = {
  note: { en: 'note', zh: '备注' },
  progress: { en: 'list of progress values', zh: '进度值' },
  users: { en: 'list of users', zh: '用户列表' },
  question: { en: 'question', zh: '问题' },
};

/** A value over its schema's maximum: said with the limit and how to fix it, never cut silently. */
function tooLongError(intent: Intent, raw: unknown, path: readonly PropertyKey[], limit: number, text: boolean): UserError {
  const field = String(path[0] ?? 'input');
  const value = path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), raw);
  const length = typeof value === 'string' || Array.isArray(value) ? value.length : null;
  const whole = FIELD_NAMES[field] ?? { en: field, zh: field };
  // An entry of a list ("users.2"): name the entry, not the list.
  const entry = typeof path[1] === 'number' ? path[1] + 1 : null;
  const name = entry === null ? { en: `The ${whole.en}`, zh: whole.zh } : { en: `Entry ${entry} of the ${whole.en}`, zh: `${whole.zh}第${entry}项` };
  const n = (x: number) => x.toLocaleString('en');
  const fix = entry === null ? { en: 'Shorten it, or split it over two messages, and send it again.', zh: '请缩短，或分成两条发送。' } : { en: 'Shorten it and send it again.', zh: '请缩短后重新发送。' };
  const en = text
    ? `${name.en} is too long${length !== null ? ` (${n(length)} characters)` : ''}: it may have at most ${n(limit)} characters. ${fix.en}`
    : `${name.en} is too long${length !== null ? ` (${length})` : ''}: at most ${limit} are allowed. Send fewer at a time.`;
  const zh = text
    ? `${name.zh}太长${length !== null ? `（${length}个字符）` : ''}：最多${limit}个字符。${fix.zh}`
    : `${name.zh}太多${length !== null ? `（${length}项）` : ''}：最多${limit}项。请分几次发送。`;
  return new UserError(`${field}.too-long`, { en: `${en} Usage: ${intent.usage}`, zh: `${zh}用法：${intent.usage}` }, { intent: intent.id, field, length, limit });
}
