import { detectLang } from '../search/detect-lang.js';
import type { Lang } from './reply.js';

const WANTS_EN = /[,，;；]?\s*(?:\b(?:please\s+)?(?:answer|reply|respond)?\s*in english\b|\ben\s*$|用英文(?:回答|回复)?|英文回答|英语回答|用英语(?:回答)?)[.。!！?？]?\s*$/i;
const WANTS_ZH = /[,，;；]?\s*(?:\b(?:please\s+)?(?:answer|reply|respond)?\s*in chinese\b|\bzh\s*$|用中文(?:回答|回复)?|中文回答|用汉语(?:回答)?)[.。!！?？]?\s*$/i;

/**
 * The language to answer in: the one the user asks for ("… in Chinese", "用英文") or else the
 * language of the question. Returns the text without the request, and whether the text is
 * {@link isLanguageNeutral} (then the caller may answer in the writer's last language).
 */
export function resolveLang(text: string): { lang: Lang; text: string; neutral: boolean } {
  if (WANTS_EN.test(text)) return { lang: 'en', text: text.replace(WANTS_EN, '').trim(), neutral: false };
  if (WANTS_ZH.test(text)) return { lang: 'zh', text: text.replace(WANTS_ZH, '').trim(), neutral: false };
  // The command prefix and item ids are the same in both languages: they say nothing of the reader's.
  const words = text.replace(/^\s*\/?plan\b/i, ' ').replace(/\b[OGT]\d+(?:\.\d+)?\b/gi, ' ');
  return { lang: detectLang(words), text, neutral: isLanguageNeutral(text) };
}

/**
 * Whether a message says nothing of its writer's language: only item ids, numbers, signs and, after
 * `/plan`, the command word every reader must type in English (`T11 70%`, `/plan history T9`,
 * `/plan undo`, `T９ ４５０／８００`). Such a message is answered in the writer's last language. Pure.
 */
export function isLanguageNeutral(text: string): boolean {
  const rest = text
    .normalize('NFKC')
    .replace(/^\s*\/plan(?:\s+[a-z]+\b)?/i, ' ')
    .replace(/\b[OGT]\d+(?:\.\d+)?\b/gi, ' ')
    .replace(/(?<![a-z])(?:task|item|objective|group)\s*\d+/gi, ' ');
  return !/[\p{Script=Han}\p{Script=Latin}]/u.test(rest);
}
