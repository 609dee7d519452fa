import { STATUS_LABELS, t } from '../../core/i18n.js';
import { progressBar, replyText, type Lang, type Reply, type ReplyBlock } from '../../core/reply.js';
import { escapeMarkdown, renderText } from './dingtalk-text.js';

/**
 * The most characters of markdown plan-bot puts in one DingTalk message. DingTalk documents 20,000
 * bytes for a robot message's content and its clients cut long markdown well before; 3,500 characters
 * (at most about 10,500 bytes of Chinese in UTF-8) stays clear of both, so a long reply goes as several.
 */
export const MAX_MARKDOWN_CHARS = 3500;
/** The most characters of a message's title (the line shown in notifications and the chat list). */
export const MAX_TITLE_CHARS = 40;

/** One DingTalk markdown message (`sampleMarkdown` / `msgtype: markdown`), with the staff ids it @-mentions. */
export interface DingTalkMarkdown {
  title: string;
  text: string;
  atUserIds: string[];
}

/** How a reply is rendered: in a group (mentions are real, the asker is @-mentioned) or one to one. */
export interface RenderOptions {
  /** A group answer @-mentions its asker (and no one else); other messages mention nobody. */
  group: boolean;
  /** The asker, @-mentioned at the top of a group answer. */
  asker?: string;
  /** Where shortcut links that send a reply as the user (`dtmd://…sendMessage`) work: one-to-one chats. */
  shortcuts?: boolean;
}

/** The statuses offered as commands under an item card. */
const CARD_STATUSES = ['on-track', 'at-risk', 'off-track', 'done'] as const;

/**
 * A reply as DingTalk markdown messages, nothing cut: blocks are joined with blank lines and a
 * message is closed before it would pass `MAX_MARKDOWN_CHARS` (a longer block is split at line
 * ends). Buttons have no callbacks here: they become the words to type (`确认` / `取消`, or the
 * command), and an item card ends with the `/plan update` commands of its statuses. Pure.
 */
export function toMarkdownMessages(r: Reply, o: RenderOptions): DingTalkMarkdown[] {
  // Only the asker is @-mentioned: a question about T9 must not notify whoever reported on T9 last.
  const mentioned = new Set<string>(o.group && o.asker ? [o.asker] : []);
  const said = replyText(r);
  const parts = r.blocks.flatMap((b) => renderBlock(b, r.lang, mentioned, o, said));
  const card = cardOf(r);
  if (card) parts.push(statusCommands(card, r.lang));
  if (r.files?.length) parts.push(filesNote(r));
  if (o.group && o.asker) parts.unshift(`@${o.asker}`);
  const texts = pack(parts.length ? parts : [' '], MAX_MARKDOWN_CHARS);
  const title = titleOf(r);
  return texts.map((text, i) => ({
    title: i === 0 ? title : `${title} ${t(r.lang, `(${i + 1}/${texts.length})`, `（${i + 1}/${texts.length}）`)}`,
    text,
    atUserIds: [...mentioned].filter((id) => text.includes(`@${id}`)),
  }));
}

/** The notification title: the reply's heading, else its first line, plain and short. */
function titleOf(r: Reply): string {
  const first = r.blocks.find((b) => b.type === 'heading') ?? r.blocks.find((b) => b.type === 'paragraph' || b.type === 'context');
  const text = first && 'text' in first ? first.text : 'plan-bot';
  const line = renderText(text.split('\n')[0] ?? '').replace(/\\(.)/g, '$1').replace(/[@#>*]/g, '').trim() || 'plan-bot';
  return line.length <= MAX_TITLE_CHARS ? line : `${line.slice(0, MAX_TITLE_CHARS - 1)}…`;
}

/** A successful public reply about one item (not a list): it gets the status commands a Slack card has as buttons. */
function cardOf(r: Reply): string | null {
  if (r.error || r.ephemeral || r.blocks.some((b) => b.type === 'list' || b.type === 'actions')) return null;
  return r.matches.length === 1 || (r.matches[0] && r.blocks.some((b) => b.type === 'progress' || b.type === 'quote')) ? r.matches[0]!.id : null;
}

function statusCommands(itemId: string, lang: Lang): string {
  const commands = CARD_STATUSES.map((s) => `/plan ${lang === 'zh' ? '更新' : 'update'} ${itemId} ${STATUS_LABELS[s][lang]}`);
  return escapeMarkdown(t(lang, `To report on ${itemId}, send: ${commands.join(' · ')} (a progress value such as 420/800 may follow)`, `报送${itemId}进展，请发送：${commands.join(' · ')}（可在后面加进度，如 420/800）`));
}

function filesNote(r: Reply): string {
  const names = r.files!.map((f) => `- ${escapeMarkdown(f.title)} (${escapeMarkdown(f.name)})`).join('\n');
  return `${names}\n\n${escapeMarkdown(t(r.lang, 'Files are not sent on DingTalk yet: get them from the web chat or with plan-bot on the server.', '钉钉暂不发送文件：请在网页聊天中或在服务器上用 plan-bot 获取。'))}`;
}

function renderBlock(b: ReplyBlock, lang: Lang, mentioned: ReadonlySet<string>, o: RenderOptions, said: string): string[] {
  const md = (text: string) => lines(renderText(text, mentioned));
  switch (b.type) {
    case 'heading':
      return [`### ${md(b.text)}`];
    case 'paragraph':
      return [md(b.text)];
    case 'quote':
      return [
        md(b.text)
          .split('  \n')
          .map((line) => `> ${line}`)
          .join('\n'),
        escapeMarkdown(t(lang, `Plan text, verbatim · ${b.source}`, `计划原文 · ${b.source}`)),
      ];
    case 'fields':
      return [b.fields.map((f) => `**${md(f.label)}**：${md(f.value)}`).join('  \n')];
    case 'progress':
      return [`**${md(b.label)}** ${progressBar(b.ratio)} ${md(b.detail)}`];
    case 'list':
      return [b.items.map((i) => `- **${escapeMarkdown(i.id)}** ${md(i.text)}`).join('\n')];
    case 'context':
      return [md(b.text)];
    case 'actions': {
      // A button whose command the reply already spells out (`如需撤销：/plan undo T9`) is not repeated.
      const buttons = b.buttons.filter((x) => /^\/plan (confirm|cancel) /.test(x.command) || !said.includes(x.command));
      return buttons.length ? [actionsText(buttons, lang, o)] : [];
    }
  }
}

/** Line breaks DingTalk keeps inside a paragraph: two spaces before the newline. */
function lines(text: string): string {
  return text.split('\n').join('  \n');
}

/**
 * Buttons as words to type. Record / Cancel of a proposal become `确认` / `取消` (`yes` / `no`), which
 * the core reads from the same person in the same conversation; any other button shows its command.
 * One to one, each is also a link that sends those words as the user (DingTalk's `dtmd` scheme).
 */
function actionsText(buttons: readonly { label: string; command: string }[], lang: Lang, o: RenderOptions): string {
  const words = buttons.map((b) => {
    const say = /^\/plan confirm /.test(b.command) ? t(lang, 'yes', '确认') : /^\/plan cancel /.test(b.command) ? t(lang, 'no', '取消') : b.command;
    const shown = o.shortcuts ? `[${escapeMarkdown(say)}](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(say)})` : `**${escapeMarkdown(say)}**`;
    return say === b.command ? `${escapeMarkdown(b.label)}：${shown}` : shown;
  });
  const lead = o.group ? t(lang, 'Reply (mentioning me): ', '回复（请@我）：') : t(lang, 'Reply: ', '回复 ');
  return `${lead}${words.join(' / ')}`;
}

/** Parts packed into texts of at most `limit` characters; a part longer than that is split at line ends. */
export function pack(parts: readonly string[], limit: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const part of parts.flatMap((p) => splitLong(p, limit))) {
    const joined = current ? `${current}\n\n${part}` : part;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (current) out.push(current);
    current = part;
  }
  if (current) out.push(current);
  return out;
}

function splitLong(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const out: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (let rest = line; rest.length > 0 || line === ''; ) {
      const piece = rest.slice(0, limit);
      rest = rest.slice(piece.length);
      const joined = current ? `${current}\n${piece}` : piece;
      if (joined.length <= limit) current = joined;
      else {
        out.push(current);
        current = piece;
      }
      if (line === '') break;
    }
  }
  if (current) out.push(current);
  return out;
}
