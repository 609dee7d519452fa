/**
 * Traditional Chinese characters (as written in Taiwan, Hong Kong and Macao) folded one for one to the
 * Simplified ones the plan and every parser use, so `目標三`, `第九項任務`, `進展順利` and `滯後` read as
 * their Simplified forms. Only characters that are never Simplified themselves are listed, and each
 * maps to exactly one character, so offsets in the folded text are those of the original.
 */
const PAIRS =
  '進进展展順顺滯滞後后風风險险開开啟启計计劃划動动項项務务標标組组報报匯汇彙汇個个這这嗎吗麼么沒没與与為为們们時时間间況况處处達达實实現现區区縣县級级環环價价護护廢废氣气' +
  '汙污國国產产業业態态體体設设質质經经濟济點点專专關关單单對对應应優优將将東东導导總总數数據据獲获驗验鐵铁發发變变場场萬万億亿餘余傳传則则過过還还裡里從从當当線线際际預预審审議议調调' +
  '題题類类養养農农協协幾几嗎吗呢呢嗎吗問问麽么誰谁該该請请說说記记錄录撤撤銷销確确認认復复雙双節节積积極极築筑構构檢检測测監监督督營营運运維维範范圍围務务級级責责負负擔担賬账' +
  '險险預预辦办結结戶户歲岁斷断續续紀纪錄录進进狀状態态況况遲迟誤误緩缓慢慢暫暂停停風风險险順顺利利穩稳處处於于讓让給给將将項项條条週周輪轮處处屆届標标準准壓压減减淨净綠绿態态' +
  '潔洁淨净濕湿動动灣湾島岛礎础鄉乡鎮镇個个級级縣县區区點点線线圖图書书層层級级確确'; 

const MAP: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = [...PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) if (chars[i] !== chars[i + 1]) m.set(chars[i]!, chars[i + 1]!);
  return m;
})();

const TRADITIONAL = new RegExp(`[${[...MAP.keys()].join('')}]`, 'gu');

/** The text with Traditional characters folded to Simplified, character for character (same length). */
export function foldTraditional(text: string): string {
  return text.replace(TRADITIONAL, (c) => MAP.get(c) ?? c);
}
