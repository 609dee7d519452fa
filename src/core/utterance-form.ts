import { foldTraditional, foldWidthAndTraditional } from '../search/fold-traditional.js';
import { editDistance } from '../search/typo-corrector.js';
import { nfkc } from '../search/normalize.js';

/**
 * Whether a message is asked rather than told, in English or Chinese (Simplified, Traditional,
 * full-width): a question mark anywhere; a leading is/are/has/have/did/does/do/was/were/whether (or a
 * wh-word, can, will, should); `yet`; 吗, 呢, 是否, 有没有, 了没, 是不是, 能否, a closing 没有, or
 * 多少/什么/怎么/如何/哪. A question never writes to the record. Pure.
 */
export function isInterrogative(text: string): boolean {
  return isInterrogativePlain(foldTraditional(nfkc(text)).trim().toLowerCase());
}

/** {@link isInterrogative} of a text already in NFKC, folded to Simplified, trimmed and in lower case. */
export function isInterrogativePlain(t: string): boolean {
  if (/[?？]/.test(t)) return true;
  if (/^(?:is|are|has|have|had|did|does|do|was|were|whether|can|could|will|would|should|shall|how|what|whats|what's|which|who|whom|whose|why|when|where|any)\b/.test(t)) return true;
  if (/(?<!\bnot\s)\byet\b|\bwhether\b/.test(t)) return true;
  if (/[吗呢]|是否|有没有|有无|了没|是不是|能否|可否|没有[。.!！\s]*$|多少|什么|怎么|怎样|如何|哪/.test(t)) return true;
  return false;
}

/**
 * The report verbs that make free text an unmistakable report when it opens with one ("update T9 …",
 * "report T9 …", "更新 T9 …", "汇报", "报送", "上报", "填报", "报告", Traditional 匯報/彙報/報送/上報/填報), with
 * the softener people add to them ("汇报一下", "更新下").
 */
const REPORT_VERB = /^(?:(?:update|report)(?![a-z])|(?:更新|汇报|报送|上报|填报|报告|进展汇报|进度汇报)(?:一下|下)?)\s*[:：,，]?\s*/i;

/** The length of the report verb a message opens with (with what follows it up to the next word), or null. */
export function leadingReportVerb(text: string): number | null {
  // Folding keeps every offset (full-width letters and Traditional characters are one for one).
  const m = REPORT_VERB.exec(foldWidthAndTraditional(text));
  return m ? m[0].length : null;
}

/**
 * The length of a mistyped report verb a message opens with ("跟新 T9 …", "updte T9 …", "汇包 …"),
 * or null. A mistyped verb never makes a report unmistakable: what follows it may only be proposed.
 * English: one edit from update/report; Chinese: the verb's second character kept, its first mistyped
 * (跟新, 更心 for 更新; 汇包, 会报 for 汇报), as a pinyin keyboard mistypes. Pure.
 */
export function mistypedReportVerb(text: string): number | null {
  return mistypedReportVerbPlain(foldTraditional(nfkc(text)));
}

/** {@link mistypedReportVerb} of a text already in NFKC and folded to Simplified. */
export function mistypedReportVerbPlain(t: string): number | null {
  const en = /^([a-z]{4,7})(?![a-z])[\s:,]*/i.exec(t);
  const zh = en ? null : /^(\p{Script=Han}{2})\s*[:：,，]?\s*/u.exec(t);
  const length =
    en && ['update', 'report'].some((v) => editDistance(v, en[1]!.toLowerCase()) === 1) ? en[0].length
    : zh && MISTYPED_ZH_VERBS.some((v) => v[1] === zh[1]![1] || v[0] === zh[1]![0]) ? zh[0].length
    : null;
  // A verb written right is no slip (read last: most messages open with neither).
  return length !== null && leadingReportVerb(t) === null ? length : null;
}

/** The report verbs whose one-character slips are read as them ("跟新", "汇包"). */
const MISTYPED_ZH_VERBS = ['更新', '汇报'];

/** How a free-text message may touch the record: a report (write at once), a question (never write), or neither. */
export type UtteranceForm = 'report' | 'question' | 'other';

/** Reads the form of a free-text message: a question wins over everything; a leading report verb makes a report. */
export function utteranceForm(text: string): UtteranceForm {
  if (isInterrogative(text)) return 'question';
  return leadingReportVerb(text) !== null ? 'report' : 'other';
}
