/**
 * Words that carry no topic: function words and the filler of a question ("what is", "tell me about",
 * "要达到多少"). They are dropped on both sides so they neither match nor count against a match.
 * Data, not code: extend the lists, not the tokenisers.
 */

/** English function and question words, lower case. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be been before being below
  between both but by can could did do does doing done down during each either else etc ever every
  few for from further get gets give had has have having he her here hers him his how however i if in
  into is it its itself just let like many may me might more most much must my need no nor not now
  of off on once only or other our ours out over own per please quite rather same shall she should so
  some such than that the their theirs them then there these they this those through thus to too
  under until up upon us very via was we were what whats when where whether which while who whom
  whose why will with within without would yet you your yours
  tell show know want see look find explain describe give gives mention mentions mentioned say says said
  often usually always never sometimes happen happens happened
  along across among around behind beside besides beyond toward towards onto throughout regarding concerning
  anything something someone thing things kind sort way ways really actually currently
  hi hey hello thanks thank ok okay yes help time name item items
  dont doesnt isnt arent wont cant whats hows wheres
  roughly approximately exactly supposed expected meant times quantified quantitative numeric numerical`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Chinese function and question words, matched against whole words of `Intl.Segmenter`'s output.
 * Single characters here are only dropped when the segmenter returns them as a word of their own.
 */
export const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set(
  `的 了 吗 呢 吧 啊 呀 么 嘛 哦 是 在 和 与 及 或 或者 还是 等 要 将 会 能 能够 可以 应该 需要
  多少 多少个 多少项 几 几个 几项 什么 啥 怎么 怎么样 怎样 样 如何 哪 哪些 哪个 哪里 是否 有没有 有无 是不是 为什么
  今年 本年度 今年内 什么时候 何时 多大
  请问 请 问 关于 一下 介绍 告诉 说说 讲讲 看看 查 查询 想 想知道 知道 了解
  我 我们 你 你们 他 他们 她 它 这 那 这个 那个 这些 那些 这里 那里 其 其中
  现在 目前 一共 总共 到底 具体 情况 内容 呀 吗 哈 嗯 好 你好 谢谢 没有 大概 大约 量化 定量 数值`
    .split(/\s+/)
    .filter(Boolean),
);
