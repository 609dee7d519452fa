import { UserError } from '../errors.js';
import type { Plan, PlanItem } from '../plan/schema.js';
import type { ProgressEntry, Status } from '../store/events.js';
import { findItem } from './find-item.js';
import { STATUS_LABELS } from './i18n.js';
import { CHINESE_STATUS_WORDS, ENGLISH_STATUS_AT_START, parseStatus } from './parse-status.js';
import { planUnitWords, readProgressValue, resolveProgress, type Problem, type RawProgress } from './parse-progress.js';
import { editDistance } from '../search/typo-corrector.js';
import { foldWidthAndTraditional } from '../search/fold-traditional.js';
import { mayNameAnItem, readLeadingItemRef } from '../search/parse-item-ref.js';
import { itemId } from '../plan/item-id.js';
import { isInterrogative } from './utterance-form.js';
import type { Unit } from '../plan/units.js';
import { readLeadingUnit, resolveUnit } from './resolve-unit.js';

export type { Problem } from './parse-progress.js';

/** What an update command says: the item, and any of a status, progress values and a note. */
export interface UpdateArgs {
  itemId: string;
  status: Status | null;
  progress: ProgressEntry[];
  note: string | null;
  /** Whose report it is, when the reporter named a unit (`@周口`): a unit id. */
  unit?: string;
}

/** The outcome of reading a command: its arguments, or every problem found, each in both languages. */
export type ParseResult<T> = { ok: true; args: T } | { ok: false; problems: Problem[] };

/** The valid statuses in both languages, for problems and help. */
export const STATUS_LIST = {
  en: Object.keys(STATUS_LABELS).join(', '),
  zh: Object.values(STATUS_LABELS).map((l) => l.zh).join('、'),
};

const SEPARATORS = /^[\s,，、;；:：]+/;
/** Chinese status words, longest first; words of two characters must not run on into more Chinese. */
const ZH_STATUS = CHINESE_STATUS_WORDS;
const FILLER = /^(?:status|progress|is|now|to|进度|状态|为|是|目前|现在|进展|一下|完成率|完成比例|完成进度|比例|已达到|达到|已达)(?![a-z])/i;
/**
 * Verbs of completion that, before a value, say how much is done rather than that the item is done:
 * `已完成420个村`, `completed 420 villages`, `完成 52%`, and any short verb after 已/累计/共 (`已整治450个村`,
 * `累计治理30个`) but one of change (`新增30个` is not a total).
 */
const COMPLETED = /^(?:累计完成|共完成|已完成|完成了|完成|completed|complete|finished|achieved|reached)(?![a-z])|^(?:已经?|累计|共计?)(?!新增|增加|减少|下降|降低|提高|上升|增长)[\u4e00-\u9fff]{1,3}?(?=\s*\d)/i;
/** What opens a note and is not part of it: `note:`, `备注：`, and Chinese `备注`/`说明` before a space. */
const NOTE_MARK = /^(?:(?:note|备注|说明)\s*[:：]\s*|(?:备注|说明)\s+)/i;
const QUOTED = /^["“「'‘](.*)["”」'’]$/s;
const CJK = /[\u3400-\u9fff]/;

/** Full-width ASCII to half-width and the ideographic space to a space, keeping every offset. */
const fold = foldWidthAndTraditional;

type Token =
  | { type: 'item'; id: string; text: string }
  | { type: 'status'; status: Status; text: string }
  | { type: 'progress'; raw: RawProgress; text: string }
  | { type: 'unit'; name: string; text: string };

/**
 * Reads an update command, `T9 at-risk 420/800 Zhoukou and Nanyang behind schedule` or
 * `T9 有风险 430/800 进度滞后`: an item id, a status, progress values (`420/800`, `52%`, `420个`,
 * `T9.1=420`) and the unit whose report it is (`@周口`, read by the unit resolver over `units`, the plan's
 * and the admin-added ones) in any order, then a note (the rest, verbatim). Pure: the plan only resolves ids and units.
 */
export function parseUpdate(text: string, plan: Plan, units: readonly Unit[] = plan.units ?? []): ParseResult<UpdateArgs> {
  const { tokens, note, quoted } = scan(text, planUnitWords(plan), units);
  const problems: Problem[] = [];

  const named = tokens.find((t) => t.type === 'progress' && t.raw.kind === 'named');
  const idToken = tokens.find((t) => t.type === 'item');
  const rawId = idToken?.type === 'item' ? idToken.id : named?.type === 'progress' && named.raw.kind === 'named' ? named.raw.indicatorId.split('.')[0]! : null;
  if (!rawId) {
    return { ok: false, problems: [{ code: 'item.missing', en: 'Say which item to update, e.g. /plan update T9 at-risk 420/800 Zhoukou behind.', zh: '请指明要更新的事项，例如 /plan 更新 T9 有风险 430/800 周口进度滞后。' }] };
  }
  let item: PlanItem;
  try {
    item = findItem(plan, rawId);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { ok: false, problems: [{ code: err.id, en: err.text.en, zh: err.text.zh, choices: (err.context.suggestions as string[] | undefined) ?? [] }] };
  }

  const status = tokens.find((t) => t.type === 'status')?.status ?? null;
  let unit: string | undefined;
  const unitToken = tokens.find((t) => t.type === 'unit');
  if (unitToken?.type === 'unit') {
    const r = resolveUnit(unitToken.name, units);
    if (r.ok) unit = r.id;
    else problems.push({ code: r.code, en: r.en, zh: r.zh, choices: r.choices });
  }
  const progress: ProgressEntry[] = [];
  for (const t of tokens) {
    if (t.type !== 'progress') continue;
    if (t.raw.value < 0 || (t.raw.kind === 'ratio' || t.raw.kind === 'named' ? (t.raw.target ?? 1) <= 0 : false)) {
      problems.push({ code: 'progress.negative', en: `Progress cannot be negative or against a zero total (${t.text}).`, zh: `进度不能为负数，总数也不能为零（${t.text}）。` });
      continue;
    }
    if (t.raw.kind === 'named' && !t.raw.indicatorId.startsWith(`${item.id}.`)) {
      problems.push({ code: 'progress.other-item', en: `${t.raw.indicatorId} is not an indicator of ${item.id}.`, zh: `${t.raw.indicatorId} 不是 ${item.id} 的指标。`, choices: item.indicators.map((i) => i.id) });
      continue;
    }
    const r = resolveProgress(t.raw, item);
    if (!r.ok) problems.push(r.problem);
    else if (progress.some((p) => p.indicatorId === r.entry.indicatorId)) {
      const which = r.entry.indicatorId ?? item.id;
      problems.push({ code: 'progress.duplicate', en: `Two values for ${which}; give one.`, zh: `${which} 有两个数值；请只给一个。` });
    } else progress.push(r.entry);
  }

  const firstWord = note?.split(/\s+/)[0] ?? '';
  // A value that does not read: `T9.1=x`, `420/`, `52%x`, `/800`, or a ratio with a letter o or l typed for a digit (`12o/800`, `l20/800`).
  if (note !== null && !quoted && /^(?:[OGT]\d+\.\d+=|[-+]?\d[\d.,eE+]*(?:\/|%\S)|\/\d|(?=[\dOoIl]*\d)[\dOoIl]+\/[\dOoIl]*\d[\dOoIl]*$)/i.test(firstWord)) {
    problems.push({
      code: 'progress.unreadable',
      en: `"${firstWord}" is not a progress value I can read. Write it as 420/800, 52% or ${item.indicators[0]?.id ?? `${item.id}.1`}=420; to keep it as a note, quote it.`,
      zh: `无法识别进度“${firstWord}”。请写成 430/800、52% 或 ${item.indicators[0]?.id ?? `${item.id}.1`}=430；若要作为备注，请加引号。`,
    });
  } else if (note !== null && !quoted && status === null && nearStatus(note)) {
    problems.push(statusTypo(item.id, note, nearStatus(note)!));
  } else if (note !== null && !quoted && looksLikeStatus(note, status === null && progress.length === 0)) {
    const word = note.split(/\s+/)[0]!;
    problems.push({
      code: 'status.unknown',
      en: `"${word}" is not a status. Statuses are ${STATUS_LIST.en} (or ${STATUS_LIST.zh}). To record it as a note, quote it: /plan update ${item.id} "${note}".`,
      zh: `“${word}”不是有效状态。状态可以是 ${STATUS_LIST.zh}（或 ${STATUS_LIST.en}）。若要作为备注，请加引号：/plan 更新 ${item.id} “${note}”。`,
      choices: Object.keys(STATUS_LABELS),
    });
  }
  if (status === null && progress.length === 0 && note === null && problems.length === 0) {
    problems.push({
      code: 'update.empty',
      en: `Nothing to record for ${item.id}: give a status (${STATUS_LIST.en}), progress (420/800, 52%, ${item.indicators[0]?.id ?? `${item.id}.1`}=420) or a note.`,
      zh: `${item.id} 没有可记录的内容：请给出状态（${STATUS_LIST.zh}）、进度（430/800、52%）或备注。`,
    });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, args: { itemId: item.id, status, progress, note, ...(unit ? { unit } : {}) } };
}

/** Leading tokens and the note that follows them. */
interface Scanned {
  tokens: Token[];
  note: string | null;
  quoted: boolean;
}

/** Splits the text into leading tokens and the note that follows them. */
function scan(text: string, units: string[], orgs: readonly Unit[] = [], leadingItemOnly = false): Scanned {
  const folded = fold(text);
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    pos += SEPARATORS.exec(folded.slice(pos))?.[0].length ?? 0;
    if (pos >= folded.length) break;
    const rest = folded.slice(pos);
    const done = COMPLETED.exec(rest);
    if (done) {
      const after = done[0].length + (SEPARATORS.exec(rest.slice(done[0].length))?.[0].length ?? /^\s*/.exec(rest.slice(done[0].length))![0].length);
      const next = readToken(rest.slice(after), units);
      if (next?.token.type === 'progress') {
        pos += after;
        continue;
      }
    }
    let tok = readUnitToken(rest, orgs, tokens) ?? readToken(rest, units);
    if (tok && !canTake(tok.token, tokens)) tok = null;
    if (!tok) {
      const filler = FILLER.exec(rest);
      if (filler) {
        const after = filler[0].length + (SEPARATORS.exec(rest.slice(filler[0].length))?.[0].length ?? 0);
        const next = readToken(rest.slice(after), units);
        if (next && canTake(next.token, tokens)) {
          pos += after;
          continue;
        }
      }
      break;
    }
    if (tok.token.type === 'progress' && tok.token.raw.kind === 'number' && !tok.token.raw.unit) {
      // "3 counties behind": a bare number followed by words that are no token opens the note.
      const following = rest.slice(tok.length).replace(SEPARATORS, '');
      if (/^[a-z]/i.test(following) && !readToken(following, units)) break;
    }
    tokens.push(tok.token);
    pos += tok.length;
    // A caller that only wants text opening with an item stops at a first token that is none.
    if (leadingItemOnly && tokens.length === 1 && tok.token.type !== 'item') break;
  }
  let note = text.slice(pos).trim();
  note = note.replace(NOTE_MARK, '');
  const q = QUOTED.exec(note);
  if (q) note = q[1]!.trim();
  return { tokens, note: note === '' ? null : note, quoted: Boolean(q) };
}

/**
 * `@周口` / `@Zhoukou`: the unit whose report it is. A known name is taken whole even when a value
 * follows without a space (`@周口120/800`); anything else up to the next space is left to the resolver.
 */
function readUnitToken(rest: string, orgs: readonly Unit[], before: readonly Token[]): { token: Token; length: number } | null {
  if (!rest.startsWith('@')) return null;
  const known = readLeadingUnit(rest.slice(1), orgs);
  if (known && !/^[a-z]/i.test(rest.slice(1 + known.length))) return { token: { type: 'unit', name: rest.slice(1, 1 + known.length), text: rest.slice(0, 1 + known.length) }, length: 1 + known.length };
  // After a status or a value, an unknown @name opens the note ("done @bob please check").
  if (before.some((t) => t.type === 'status' || t.type === 'progress')) return null;
  const word = /^@([^\s,，、;；]+)/.exec(rest);
  return word ? { token: { type: 'unit', name: word[1]!, text: word[0] }, length: word[0].length } : null;
}

/** A second item or a second status is not part of the command: it starts the note. */
function canTake(tok: Token, tokens: Token[]): boolean {
  if (tok.type === 'progress') return true;
  return !tokens.some((t) => t.type === tok.type);
}

function readToken(rest: string, units: string[]): { token: Token; length: number } | null {
  const value = readProgressValue(rest, units);
  if (value?.raw.kind === 'named') return { token: { type: 'progress', raw: value.raw, text: value.raw.text }, length: value.length };
  const ref = readLeadingItemRef(rest);
  if (ref) return { token: { type: 'item', id: itemId(ref.ref.kind, ref.ref.number), text: rest.slice(0, ref.length) }, length: ref.length };
  if (value) return { token: { type: 'progress', raw: value.raw, text: value.raw.text }, length: value.length };
  if (/^\d/.test(rest)) return null;
  let m: RegExpExecArray | null;
  if ((m = ENGLISH_STATUS_AT_START.exec(rest))) {
    const status = parseStatus(m[1]!);
    if (status) return { token: { type: 'status', status, text: m[0] }, length: m[0].length };
  }
  for (const word of ZH_STATUS) {
    if (!rest.startsWith(word)) continue;
    if (word.length <= 2 && CJK.test(rest.charAt(word.length)) && !ZH_STATUS.some((w) => rest.startsWith(w, word.length))) continue;
    const status = parseStatus(word);
    if (status) return { token: { type: 'status', status, text: word }, length: word.length };
  }
  return null;
}

/** Chinese status words long enough that one wrong character still names them (有风线 → 有风险, 正常推近 → 正常推进). */
const LONG_ZH_STATUS = ZH_STATUS.filter((w) => w.length >= 3);

/** The status a note opens with, one character mistyped (`有风线`, `进展顺力`), with the words as written; null when none. */
function nearStatus(note: string): { written: string; word: string; status: Status } | null {
  const folded = fold(note);
  for (const word of LONG_ZH_STATUS) {
    const written = folded.slice(0, word.length);
    if (written.length === word.length && CJK.test(written) && editDistance(written, word) === 1 && !ZH_STATUS.some((w) => folded.startsWith(w))) {
      return { written: note.slice(0, word.length), word, status: parseStatus(word)! };
    }
  }
  return null;
}

/** The refusal of a mistyped status: what was written, what it is probably, how to record either. */
function statusTypo(id: string, note: string, near: { written: string; word: string; status: Status }): Problem {
  const label = STATUS_LABELS[near.status];
  return {
    code: 'status.unknown',
    en: `"${near.written}" is not a status; did you mean ${near.word} (${label.en})? Nothing was recorded. Send it again with the status, e.g. /plan update ${id} ${label.en}; to record the words as a note, quote them: /plan update ${id} "${note}".`,
    zh: `“${near.written}”不是有效状态，您是想写“${near.word}”${near.word === label.zh ? '' : `（${label.zh}）`}吗？未记录任何内容。请改正后重新发送，例如 /plan 更新 ${id} ${near.word}；若要作为备注，请加引号：/plan 更新 ${id} “${note}”。`,
    choices: [near.status],
  };
}

/**
 * Free text that opens with an item and a mistyped status ("T9 有风线"): the refusal that says what it
 * probably meant, or null. Such text is an attempt at a report, not a question; it is never recorded.
 */
export function mistypedStatusReport(text: string, plan: Plan): Problem | null {
  if (isInterrogative(text)) return null;
  return statusTypoIn(scan(text, planUnitWords(plan), [], true));
}

/** The mistyped status of a scanned text that opens with an item and names no status (see {@link mistypedStatusReport}). */
function statusTypoIn({ tokens, note, quoted }: Scanned): Problem | null {
  if (tokens[0]?.type !== 'item' || tokens.some((t) => t.type === 'status') || note === null || quoted) return null;
  const near = nearStatus(note);
  return near ? statusTypo(tokens[0].id, note, near) : null;
}

const EN_STATUS_KEYS = ['notstarted', 'ontrack', 'atrisk', 'offtrack', 'completed', 'finished', 'behind', 'delayed', 'inprogress'];

/**
 * Whether a note is more likely a mistyped status ("at-rsk", "ontrak") than a note: its first word is a
 * hyphenated status-like word or one letter away from a status; or the note is one bare English word
 * standing alone (nothing else was given).
 */
function looksLikeStatus(note: string, alone: boolean): boolean {
  const word = note.split(/\s+/)[0]!.toLowerCase();
  if (/^(at|on|off|not|in)[-_][a-z]+$/.test(word)) return true;
  const key = word.replace(/[-_]/g, '');
  if (/^[a-z]{5,}$/.test(key) && EN_STATUS_KEYS.some((k) => editDistance(k, key) === 1)) return true;
  // Alone after the id, one English word or a few Chinese characters is a status attempt ("受阻", "很好").
  return alone && (/^[a-z-]+$/.test(note.trim().toLowerCase()) || /^[\u3400-\u9fff]{1,4}$/.test(note.trim()));
}


/** Turns the problems a parser found into one user error, each problem on its own line in both languages. */
export function problemsError(problems: readonly Problem[], usage: string): UserError {
  const first = problems[0]!;
  const choices = [...new Set(problems.flatMap((p) => p.choices ?? []))];
  return new UserError(
    first.code,
    {
      en: `${problems.map((p) => p.en).join('\n')}\nUsage: ${usage}`,
      zh: `${problems.map((p) => p.zh).join('\n')}\n用法：${usage}`,
    },
    { problems: problems.map((p) => p.code), choices },
  );
}

/**
 * Whether free text reads as an update rather than a question: it opens with an item id followed by a
 * status or a progress value ("T9 at-risk 420/800", "T9 有风险"), and is not a question in any form.
 */
export function looksLikeUpdate(text: string, plan: Plan): boolean {
  if (isInterrogative(text)) return false;
  return opensAnUpdate(scan(text, planUnitWords(plan), plan.units ?? [], true));
}

function opensAnUpdate({ tokens }: Scanned): boolean {
  return tokens[0]?.type === 'item' && tokens.some((t) => t.type === 'status' || t.type === 'progress');
}

/**
 * How free text that is not a question reads as a report, in one pass: `'update'` when
 * {@link looksLikeUpdate}, else the refusal of {@link mistypedStatusReport} ("T9 有风线"), else null.
 * The text is scanned once for both (twice only when it names a unit with `@`, which only the first
 * reads as a unit), so a recogniser asking both pays for one reading. `asked`: whether the text is a
 * question ({@link isInterrogative}), and `mayName`: whether it {@link mayNameAnItem}, when the caller has read them already.
 */
export function readFreeTextReport(text: string, plan: Plan, asked: boolean = isInterrogative(text), mayName?: boolean): 'update' | Problem | null {
  // Only text that opens with an item (after separators and a filler word) is either: it has a number.
  if (asked || !(mayName ?? mayNameAnItem(text))) return null;
  const words = planUnitWords(plan);
  const withUnits = scan(text, words, plan.units ?? [], true);
  if (opensAnUpdate(withUnits)) return 'update';
  // Neither opens with an item unless both do: the units only change how an `@` after the first token reads.
  if (withUnits.tokens[0]?.type !== 'item') return null;
  return statusTypoIn(/[@＠]/.test(text) ? scan(text, words, [], true) : withUnits);
}
