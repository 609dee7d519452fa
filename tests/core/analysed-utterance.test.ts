import { describe, expect, it } from 'vitest';
import { AnalysedUtterance, analysed } from '../../src/core/analysed-utterance.js';
import { isInterrogative, leadingReportVerb, mistypedReportVerb } from '../../src/core/utterance-form.js';
import { foldTraditional } from '../../src/search/fold-traditional.js';
import { findItemRef, mayNameAnItem } from '../../src/search/parse-item-ref.js';

describe('AnalysedUtterance', () => {
  it.each([
    ['is T11 done?', 'en'],
    ['更新 T9 有风险 430/800', 'zh'],
    ['列出大氣相關任務', 'zh'],
    ['Update Task Nine AT-RISK', 'en'],
    ['ＴＡＳＫ ９ 進展如何', 'zh'],
    ['what is the rural sewage target', 'en'],
    ['', 'en'],
    ['跟新 T9 正常推进', 'zh'],
    ['updte T9 at risk', 'en'],
    ['  確認  ', 'zh'],
  ] as const)('reads %j as the one resolver of each concept does', (text, lang) => {
    const a = new AnalysedUtterance(text, lang);
    expect(a.text).toBe(text);
    expect(a.lang).toBe(lang);
    expect(a.folded).toBe(foldTraditional(text));
    expect(a.foldedLower).toBe(foldTraditional(text).toLowerCase());
    expect(a.lower).toBe(text.toLowerCase());
    expect(a.nfkc).toBe(text.normalize('NFKC'));
    expect(a.plain).toBe(foldTraditional(text.normalize('NFKC')));
    expect(a.mistypedVerb).toBe(mistypedReportVerb(text));
    expect(a.plainLower).toBe(foldTraditional(text.normalize('NFKC')).toLowerCase());
    expect(a.interrogative).toBe(isInterrogative(text));
    expect(a.itemRef).toEqual(findItemRef(text));
    expect(a.mayNameAnItem).toBe(mayNameAnItem(text));
    expect(a.reportVerb).toBe(leadingReportVerb(text));
    // The item of the folded, lower-case text is the item of the text: the reader folds both itself.
    expect(findItemRef(foldTraditional(text).toLowerCase())?.number).toBe(a.itemRef?.number);
  });

  it('is computed once and shared: analysed() returns the router\'s analysis itself, or a fresh one for a plain utterance', () => {
    const a = new AnalysedUtterance('T9 at risk', 'en');
    expect(analysed(a)).toBe(a);
    expect(a.itemRef).toBe(a.itemRef);
    const plain = { text: '第九项任务滞后了吗', lang: 'zh' as const };
    const b = analysed(plain);
    expect(b).toBeInstanceOf(AnalysedUtterance);
    expect(b.text).toBe(plain.text);
    expect(b.interrogative).toBe(true);
    expect(b.itemRef?.number).toBe(9);
  });
});
