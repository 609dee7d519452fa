import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusQuestions } from '../../src/eval/answer-corpus.js';
import { isListedAdmin, listedAdminTest } from '../../src/core/admins.js';
import { isLanguageNeutral, resolveLang } from '../../src/core/language.js';

// The shortcuts bot.handle takes on every message (an admin list read once, a language request and a
// neutral message recognised without the full patterns) must answer as the full readings do.

describe('listedAdminTest', () => {
  const entries = ['slack:UADMIN', 'U0999ABC', 'alice', '@Bob', 'web:carol', 'dingtalk:0123', 'not an id:', ''];
  it.each(['slack:UADMIN', 'slack:U0999ABC', 'web:alice', 'console:ALICE', 'web:bob', 'slack:alice', 'web:carol', 'console:carol', 'dingtalk:0123', 'slack:U0123', 'web:mallory'])(
    'answers for %s as isListedAdmin does',
    (user) => {
      expect(listedAdminTest(entries)(user)).toBe(isListedAdmin(entries, user));
    },
  );
  it('says no to everyone over an empty list', () => expect(listedAdminTest([])('slack:U1')).toBe(false));
  it('answers the same when asked again, for many users', () => {
    const isAdmin = listedAdminTest(entries);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 12_000; i += 997) expect(isAdmin(`slack:U${i}`)).toBe(false);
      expect(isAdmin('slack:UADMIN')).toBe(true);
      expect(isAdmin('web:alice')).toBe(true);
    }
  });
});

describe('resolveLang shortcuts', () => {
  /** resolveLang as it read every message before the shortcuts: both request patterns, then the words. */
  const WANTS_EN = /[,，;；]?\s*(?:\b(?:please\s+)?(?:answer|reply|respond)?\s*in english\b|\ben\s*$|用英文(?:回答|回复)?|英文回答|英语回答|用英语(?:回答)?)[.。!！?？]?\s*$/i;
  const WANTS_ZH = /[,，;；]?\s*(?:\b(?:please\s+)?(?:answer|reply|respond)?\s*in chinese\b|\bzh\s*$|用中文(?:回答|回复)?|中文回答|用汉语(?:回答)?)[.。!！?？]?\s*$/i;
  const fullReading = (text: string) =>
    WANTS_EN.test(text) ? { lang: 'en', text: text.replace(WANTS_EN, '').trim() } : WANTS_ZH.test(text) ? { lang: 'zh', text: text.replace(WANTS_ZH, '').trim() } : { text };
  const texts = [
    ...corpusQuestions(fileURLToPath(new URL('../..', import.meta.url))),
    'what is T9 in English', 'T9 进展 用英文回答', '第九项任务 英语回答', 'T9 in chinese please', 'T9 用中文', 'T9, zh', 'T9 en', 'T9 en.', 'T9 EN', 'T9 en！ ',
    'is T9 done', 'Zhen', 'chicken', 'enough said', 'T9 中文名称是什么', '汉语', 'teen', '/plan status T9', '', '   ', 'answer in ENGLISH', 'reply in english?',
  ];
  it('finds a request for a language exactly where the full patterns do', () => {
    for (const text of texts) {
      const full = fullReading(text);
      const r = resolveLang(text);
      expect(r.text, text).toBe(full.text);
      if ('lang' in full) expect(r.lang, text).toBe(full.lang);
    }
  });
  it('answers as the full reading does, with and without the hints a door gives', () => {
    /** resolveLang after the request, as it read every message before the shortcuts. */
    const LETTER = /[\p{Script=Han}\p{Script=Latin}]/u;
    const detect = (t: string) => {
      const han = t.match(/\p{Script=Han}/gu)?.length ?? 0;
      const latin = t.match(/\p{Script=Latin}/gu)?.length ?? 0;
      return han === 0 ? 'en' : han / (han + latin) >= 0.25 ? 'zh' : 'en';
    };
    const full = (text: string, hints: { lang?: 'en' | 'zh'; defaultLang?: 'en' | 'zh' }) => {
      if (WANTS_EN.test(text) || WANTS_ZH.test(text)) return null;
      if (hints.lang) return { lang: hints.lang, text, neutral: false };
      const words = text.replace(/^\s*[/／、]?(?:plan|ｐｌａｎ)\b/i, ' ').replace(/\b[OGT]\d+(?:\.\d+)?\b/gi, ' ').replace(/\b(?:dingtalk|wecom):(?=\S)/gi, '');
      const neutral = isLanguageNeutral(text);
      if (/^\s*[/／、]?(?:plan|ｐｌａｎ)\s+\p{Script=Han}/iu.test(text)) return { lang: 'zh', text, neutral };
      if (hints.defaultLang && !LETTER.test(words)) return { lang: hints.defaultLang, text, neutral };
      return { lang: detect(words), text, neutral };
    };
    for (const text of [...texts, '/plan 指派 T9 @zhaoliu', 'T9 420/800', '@dingtalk:0456 T9', 'what does 危废 mean', 'PM2.5和臭氧']) {
      for (const hints of [{}, { lang: 'zh' as const }, { defaultLang: 'zh' as const }, { defaultLang: 'en' as const }]) {
        const expected = full(text, hints);
        if (expected) expect(resolveLang(text, hints), text).toEqual(expected);
      }
    }
  });

  it('honours a request for a language', () => {
    expect(resolveLang('what is T9 in Chinese')).toEqual({ lang: 'zh', text: 'what is T9', neutral: false });
    expect(resolveLang('第九项任务是什么 用英文回答')).toEqual({ lang: 'en', text: '第九项任务是什么', neutral: false });
    expect(resolveLang('T9 en')).toEqual({ lang: 'en', text: 'T9', neutral: false });
  });

  it('isLanguageNeutral: no Han character stops being Han under NFKC, so a message with one is never neutral', () => {
    const han = /\p{Script=Han}/u;
    const lost: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (han.test(c) && !han.test(c.normalize('NFKC'))) lost.push(cp.toString(16));
    }
    expect(lost).toEqual([]);
    /** isLanguageNeutral as it read every message before the shortcuts. */
    const fullReading = (text: string) =>
      !/[\p{Script=Han}\p{Script=Latin}]/u.test(
        text.normalize('NFKC').replace(/^\s*\/plan(?:\s+[a-z]+\b)?/i, ' ').replace(/\b[OGT]\d+(?:\.\d+)?\b/gi, ' ').replace(/(?<![a-z])(?:task|item|objective|group)\s*\d+/gi, ' '),
      );
    for (const text of [...texts, 'task 9 52%', 'T9 420/800', '/plan undo', '/plan history T9', 'objective 3', 'group 2 done', 'item 4', 'ｈｅｌｌｏ', 'T9 ✓', 'why']) {
      expect(isLanguageNeutral(text), text).toBe(fullReading(text));
    }
    expect(isLanguageNeutral('T9 滞后')).toBe(false);
    expect(isLanguageNeutral('T９ ４５０／８００')).toBe(true);
    expect(isLanguageNeutral('/plan history T9')).toBe(true);
  });
});
