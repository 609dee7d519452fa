import { detectLang } from '../search/detect-lang.js';
import type { Lang } from './reply.js';
import { nfkc } from '../search/normalize.js';

const WANTS_EN = /[,，;；]?\s*(?:\b(?:please\s+)?(?:answer|reply|respond)?\s*in english\b|\ben\s*$|用英文(?:回答|回复)?|英文回答|英语回答|用英语(?:回答)?)[.。!！?？]?\s*$/i;
const WANTS_ZH = /[,，;；]?\s*(?:\b(?:please\s+)?(?:answer|reply|respond)?\s*in chinese\b|\bzh\s*$|用中文(?:回答|回复)?|中文回答|用汉语(?:回答)?)[.。!！?？]?\s*$/i;
/** What each of {@link WANTS_EN} and {@link WANTS_ZH} needs: most messages have none and skip both. */
const ASKS_FOR_A_LANGUAGE = /english|chinese|英文|英语|中文|汉语|(?:en|zh)\s*[.。!！?？]?\s*$/i;

/** What a door knows of its reader's language, besides the text (see `Incoming`). */
export interface LangHints {
  /** The language the reply must be in: a button pressed on a card in that language. */
  lang?: Lang;
  /** The reader's language (a page's interface language), for a message with no words of its own (`T9`, `420/800`). */
  defaultLang?: Lang;
}

const LETTER = /[\p{Script=Han}\p{Script=Latin}]/u;
const HAN = /\p{Script=Han}/u;
/** ASCII letters in none of the words {@link isLanguageNeutral} removes (task, item, objective, group, O/G/T ids). */
const KEPT_LETTER = /[dfhlnqwxyz]/i;
/** A character outside ASCII, or a slash (which may open `/plan`). */
const NOT_PLAIN_ASCII = /[^\x00-\x2e\x30-\x7f]/;

/**
 * The language to answer in: the one the user asks for ("… in Chinese", "用英文"), else the one the
 * door knows (`hints.lang`), else the language of the question, and for a message with no words of
 * its own (an item id, a number) the reader's (`hints.defaultLang`, else English). Returns the text
 * without the request, and whether the text is {@link isLanguageNeutral} (then the caller may answer
 * in the writer's last language).
 */
export function resolveLang(text: string, hints: LangHints = {}): { lang: Lang; text: string; neutral: boolean } {
  if (ASKS_FOR_A_LANGUAGE.test(text)) return resolveAsked(text, hints);
  return resolveUnasked(text, hints);
}


function resolveAsked(text: string, hints: LangHints): { lang: Lang; text: string; neutral: boolean } {
  if (WANTS_EN.test(text)) return { lang: 'en', text: text.replace(WANTS_EN, '').trim(), neutral: false };
  if (WANTS_ZH.test(text)) return { lang: 'zh', text: text.replace(WANTS_ZH, '').trim(), neutral: false };
  return resolveUnasked(text, hints);
}

/** {@link resolveLang} of a message that does not ask for a language. */
function resolveUnasked(text: string, hints: LangHints): { lang: Lang; text: string; neutral: boolean } {
  if (hints.lang) return { lang: hints.lang, text, neutral: false };
  // Without a Han character the words are English, and nothing below can say otherwise.
  if (!hints.defaultLang && !HAN.test(text)) return { lang: 'en', text, neutral: isNeutralWithoutHan(text) };
  // The command prefix, item ids and the platform word of a DingTalk or WeCom user (`@dingtalk:0456`,
  // typed by Chinese staff) are the same in both languages: they say nothing of the reader's.
  const words = text
    .replace(/^\s*[/／、]?(?:plan|ｐｌａｎ)\b/i, ' ')
    .replace(/\b[OGT]\d+(?:\.\d+)?\b/gi, ' ')
    .replace(/\b(?:dingtalk|wecom):(?=\S)/gi, '');
  const neutral = isLanguageNeutral(text);
  // A Chinese command word (`/plan 指派 T9 @zhaoliu`) says the reader writes Chinese, whatever the ids and names after it.
  if (/^\s*[/／、]?(?:plan|ｐｌａｎ)\s+\p{Script=Han}/iu.test(text)) return { lang: 'zh', text, neutral };
  if (hints.defaultLang && !LETTER.test(words)) return { lang: hints.defaultLang, text, neutral };
  return { lang: detectLang(words), text, neutral };
}
/**
 * Whether a message says nothing of its writer's language: only item ids, numbers, signs and, after
 * `/plan`, the command word every reader must type in English (`T11 70%`, `/plan history T9`,
 * `/plan undo`, `T９ ４５０／８００`). Such a message is answered in the writer's last language. Pure.
 */
export function isLanguageNeutral(text: string): boolean {
  // A Han character stays one under NFKC and none of the patterns below removes it.
  return !HAN.test(text) && isNeutralWithoutHan(text);
}

/** {@link isLanguageNeutral} of a text known to have no Han character. */
function isNeutralWithoutHan(text: string): boolean {
  // The patterns below remove no ASCII letter of none of their words from ASCII text without a slash (NFKC leaves ASCII as it is).
  if (KEPT_LETTER.test(text) && !NOT_PLAIN_ASCII.test(text)) return false;
  const rest = nfkc(text)
    .replace(/^\s*\/plan(?:\s+[a-z]+\b)?/i, ' ')
    .replace(/\b[OGT]\d+(?:\.\d+)?\b/gi, ' ')
    .replace(/(?<![a-z])(?:task|item|objective|group)\s*\d+/gi, ' ');
  return !/[\p{Script=Han}\p{Script=Latin}]/u.test(rest);
}
