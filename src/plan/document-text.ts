/** Maps character offsets of a document to 1-based line numbers (any of CRLF, CR or LF ends a line). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) {
      const c = source[i];
      if (c === '\n' || (c === '\r' && source[i + 1] !== '\n')) this.starts.push(i + 1);
    }
  }

  /** The line on which the character at `offset` stands. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Every line with its start and end offsets (end excludes the line break). */
  lines(): { line: number; start: number; end: number; text: string }[] {
    return this.starts.map((start, i) => {
      let end = i + 1 < this.starts.length ? this.starts[i + 1]! : this.source.length;
      while (end > start && (this.source[end - 1] === '\n' || this.source[end - 1] === '\r')) end--;
      return { line: i + 1, start, end, text: this.source.slice(start, end) };
    });
  }
}

/** White space of either width, including the ideographic space used for indentation. */
export const SPACE = /[\s\u3000\ufeff]/;

/** True when a line holds nothing but white space. */
export function isBlank(text: string): boolean {
  return /^[\s\u3000\ufeff]*$/.test(text);
}

/** Web-page debris that copies of published plans carry (navigation, print buttons, sources). */
const DEBRIS =
  /^[\s\u3000]*(上一篇|下一篇|上一条|下一条|相关链接|相关阅读|打印本页|关闭窗口|返回顶部|分享到|责任编辑|来源[:：]|发布时间|浏览次数|【\s*(打印|关闭|字体|返回)|\[\s*(打印|关闭))/;

/** True when a line is navigation or page furniture rather than plan text. */
export function isDebris(text: string): boolean {
  return DEBRIS.test(text);
}

/** Offsets of `text` within `source[start, end)` with white space of either width trimmed off both ends. */
export function trimSpan(source: string, start: number, end: number): { start: number; end: number } {
  while (start < end && SPACE.test(source[start]!)) start++;
  while (end > start && SPACE.test(source[end - 1]!)) end--;
  return { start, end };
}
