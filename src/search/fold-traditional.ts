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

/** More pairs, one Traditional and one Simplified character each, for the plan's vocabulary (medical waste, quotas, assessment …). */
const MORE_PAIRS = '牽牵 燈灯 權权 額额 樣样 評评 醫医 療疗 轉转 廠厂 礦矿 藥药 輻辐 電电 車车 輛辆 鍋锅 爐炉 揮挥 機机 織织 網网 絡络 統统 籌筹 規规 製制 訂订 費费 稅税 資资 貿贸 災灾 灘滩 濱滨 廣广 漢汉 蘭兰 陽阳 陰阴 衛卫 倉仓 廳厅 歷历 隊队 員员 幹干 腦脑 術术 學学 習习 黨党 紀纪 勵励 懲惩 獎奖 罰罚 執执 訴诉 訟讼 偵侦 聞闻 視视 聽听 讀读 寫写 話话 語语 詞词 覽览 歡欢 難难 愛爱 懷怀 訓训 練练 塊块 壩坝 堿碱 鹽盐 鋼钢 銅铜 鉛铅 鋅锌 鎘镉 鉻铬 氫氢 顆颗 濃浓 儀仪 錶表 庫库 雲云 聯联 靜静 聲声 熱热 濁浊 蟲虫 魚鱼 鳥鸟 獸兽 種种 樹树 葉叶 園园 藝艺 綠绿 溫温 爛烂 雜杂 縮缩 擴扩 張张 親亲 鄰邻 莊庄 屬属 歸归 雖虽 備备 擬拟 論论 證证 識识 領领 門门 決决 紹绍 盡尽 戰战 勝胜 敗败 團团 轄辖 鄭郑 許许 駐驻 馬马 鶴鹤 澤泽 衝冲 擊击 輸输 載载 貨货 鋪铺 擁拥 擠挤 棄弃 舊旧 換换 購购 賣卖 買买 錢钱 貸贷 債债 飲饮 損损 壞坏 賠赔 償偿 補补 貼贴 頭头 號号 碼码 撥拨 舉举 訪访 顧顾 謀谋 畫画 試试 創创 勢势 鏈链 燒烧 煙烟 塵尘 揚扬 閒闲 閑闲 噸吨 畝亩 糞粪 稈秆 漁渔 遊游 觀观 賞赏 飛飞 騰腾 趨趋 響响 滿满 綫线 選选 傷伤 殘残 靈灵 讓让 細细 紅红 藍蓝 黃黄 長长 門门 龍龙 齊齐 師师 書书 買买 專专 齡龄 歐欧 聖圣 兩两 滅灭 顯显 盤盘 礙碍 佈布 彙汇 測测 鑑鉴 鑒鉴 籤签 簽签 證证 輔辅 導导 優优 質质 職职 參参 與与 圓圆 滾滚 濾滤 淨净 廁厕 糧粮 緊紧 鬆松 嚴严 厲厉 屆届 遷迁 韌韧 態态 災灾 險险 層层 貫贯 徹彻 強强 輕轻 適适 擾扰 產产 輛辆 氣气 標标 臨临 陸陆 隨随 離离 觸触 監监 體体 觀观 點点 題题 確确 斷断 絕绝 緣缘 繼继 續续 終终 獨独 總总 編编 輯辑 據据 擔担 誰谁 樣样 麼么 甚什 嗎吗';

const MAP: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = [...PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) if (chars[i] !== chars[i + 1]) m.set(chars[i]!, chars[i + 1]!);
  for (const pair of MORE_PAIRS.split(' ')) {
    const [from, to] = [...pair];
    if (from && to && from !== to) m.set(from, to);
  }
  return m;
})();

/** Any CJK ideograph (BMP, compatibility or a supplementary-plane lead surrogate): Traditional characters are among them. */
const HAS_IDEOGRAPH = /[\u3400-\u9fff\uf900-\ufaff]|[\ud840-\ud87f]/;
const TRADITIONAL = new RegExp(`[${[...MAP.keys()].join('')}]`, 'gu');

/** The text with Traditional characters folded to Simplified, character for character (same length). */
export function foldTraditional(text: string): string {
  // Most messages have no Traditional character (every one is a CJK ideograph): skip the replace.
  return HAS_IDEOGRAPH.test(text) ? text.replace(TRADITIONAL, (c) => MAP.get(c) ?? c) : text;
}

const FULL_WIDTH = /[\uff01-\uff5e]/g;

/**
 * The text with full-width ASCII made half-width, the ideographic space a space, and Traditional
 * characters folded to Simplified: each character for one, so every offset is that of the original
 * (unlike NFKC, which may change the length).
 */
export function foldWidthAndTraditional(text: string): string {
  return foldTraditional(text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' '));
}
