import { t } from '../../core/i18n.js';
import { progressBar, replyText, type Lang, type Reply, type ReplyBlock } from '../../core/reply.js';
import { displayUser } from '../../core/user-ids.js';
import { renderUserRefs } from '../../core/user-refs.js';

/** WeCom's limits, in bytes of UTF-8: a proactive markdown message (issue 16: 4,096), a stream reply (20,480). */
export const WECOM_BYTES = { markdown: 4096, stream: 20480 } as const;

/** The UTF-8 size of a text, the unit WeCom's limits are written in. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Text of the core as WeCom markdown that shows exactly what was written: markdown's marks are
 * escaped with a backslash, a mark that only counts at the start of a line (`#`, `>`, and `-`, `+`, `1.` followed by a space)
 * too (a number such as `52.5%` or `-3` is left alone), and every `<` is followed by a zero-width space, so no text (a note holding `<@boss>` or
 * `<font …>`) becomes a mention or a tag.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]~|]/g, (c) => `\\${c}`)
    .replace(/</g, '<\u200b')
    .replace(/^(\s*)([#>]|[+-](?=\s|$)|\d+\.(?=\s|$))/gm, (_all, space: string, mark: string) => (/^\d/.test(mark) ? `${space}${mark.slice(0, -1)}\\.` : `${space}\\${mark}`));
}

/** Core text with user references shown by name (`zhangsan`, `web:bob`'s `bob`), never as mentions, all escaped. */
export function markdownText(text: string): string {
  return renderUserRefs(text, (id, raw) => escapeMarkdown(displayUser(id ?? raw)), escapeMarkdown);
}

/**
 * The reply as WeCom markdown, one piece per block: headings bold, the plan's words quoted, lists as
 * markdown lists, progress bars in code spans. `actions` become a line naming their commands
 * (the fallback where no card carries the buttons) unless `withActions` is false or the text already
 * spells the command out. Files, which this
 * adapter does not deliver yet, are named with a note.
 */
export function replyPieces(r: Reply, withActions = true): string[] {
  // A button whose command the text already spells out (`如需撤销：/plan undo T9`) is not repeated (read as DingTalk reads it: the reply's plain text).
  const said = replyText(r);
  const pieces = r.blocks.flatMap((b) => (b.type === 'actions' ? piece({ ...b, buttons: b.buttons.filter((x) => !said.includes(x.command)) }, r.lang, withActions) : piece(b, r.lang, withActions)));
  if (r.files?.length) {
    const names = r.files.map((f) => `- ${markdownText(f.title)} (${escapeMarkdown(f.name)})`).join('\n');
    pieces.push(`${names}\n${escapeMarkdown(t(r.lang, 'Files cannot be sent on WeCom yet: open the web chat, or run plan-bot export, to get them.', '企业微信暂不能发送文件：请在网页聊天中获取，或运行 plan-bot export 导出。'))}`);
  }
  return pieces.length ? pieces : [' '];
}

function piece(b: ReplyBlock, lang: Lang, withActions: boolean): string[] {
  switch (b.type) {
    case 'heading':
      return [`**${markdownText(b.text)}**`];
    case 'paragraph':
    case 'context':
      return [markdownText(b.text)];
    case 'quote':
      return [`${markdownText(b.text).split('\n').map((line) => `> ${line}`).join('\n')}\n${escapeMarkdown(t(lang, `Plan text, verbatim · ${b.source}`, `计划原文 · ${b.source}`))}`];
    case 'fields':
      return [b.fields.map((f) => `**${markdownText(f.label)}**: ${markdownText(f.value)}`).join('\n')];
    case 'progress':
      return [`**${markdownText(b.label)}** \`${progressBar(b.ratio)}\` ${markdownText(b.detail)}`];
    case 'list':
      return [b.items.map((i) => `- **${escapeMarkdown(i.id)}** ${markdownText(i.text)}`).join('\n')];
    case 'actions':
      return withActions && b.buttons.length ? [b.buttons.map((x) => `${markdownText(x.label)}: \`${x.command.replace(/`/g, "'")}\``).join(' · ')] : [];
  }
}

/**
 * Packs pieces into messages of at most `maxBytes` each, in order, two newlines between pieces; a
 * piece too long alone is split at line boundaries (at a space, or between characters, only when a
 * single line is too long). Nothing is cut.
 */
export function packMessages(pieces: readonly string[], maxBytes: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const p of pieces.flatMap((x) => splitBytes(x, maxBytes))) {
    const joined = current ? `${current}\n\n${p}` : p;
    if (byteLength(joined) <= maxBytes) {
      current = joined;
      continue;
    }
    if (current) out.push(current);
    current = p;
  }
  if (current) out.push(current);
  return out.length ? out : [' '];
}

/** The reply as WeCom markdown messages of at most `maxBytes` each (see `replyPieces`, `packMessages`). */
export function toMarkdownMessages(r: Reply, maxBytes: number = WECOM_BYTES.markdown, withActions = true): string[] {
  return packMessages(replyPieces(r, withActions), maxBytes);
}

/** Splits text into pieces of at most `maxBytes` of UTF-8, at line boundaries where possible, never inside a character. */
export function splitBytes(text: string, maxBytes: number): string[] {
  if (byteLength(text) <= maxBytes) return [text];
  const out: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const joined = current ? `${current}\n${line}` : line;
    if (byteLength(joined) <= maxBytes) {
      current = joined;
      continue;
    }
    if (current) out.push(current);
    current = '';
    let rest = line;
    while (byteLength(rest) > maxBytes) {
      const cut = cutAt(rest, maxBytes);
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).trimStart();
    }
    current = rest;
  }
  if (current) out.push(current);
  return out;
}

/** Where to cut a line to keep at most `maxBytes`: the last space in its second half, else the last whole character that fits. */
function cutAt(line: string, maxBytes: number): number {
  let bytes = 0;
  let end = 0;
  for (const ch of line) {
    const size = byteLength(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  const space = line.lastIndexOf(' ', end);
  return space > end / 2 ? space : Math.max(end, 1);
}
