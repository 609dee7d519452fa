import { t } from './i18n.js';
import type { Intent, IntentContext, Utterance } from './intent.js';
import { PROPOSAL_TTL_MS } from './proposals.js';
import { reply, type Reply, type ReplyBlock } from './reply.js';

/**
 * Whether a free-text message routed to `intent` must wait for confirmation, read from the intent's
 * declaration (side effects and `confirm`), never guessed from its words here. Commands never wait.
 */
export function needsConfirmation(intent: Intent, u: Utterance, command: boolean, args?: unknown): boolean {
  if (command || !intent.sideEffects) return false;
  const mode = intent.confirm ?? 'never';
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return !(intent.unambiguous?.(u, args) ?? false);
}

/**
 * Keeps a write as a proposal of this user in this channel and answers with a preview of exactly what
 * would be recorded, and Record / Cancel buttons (`/plan confirm TOKEN`, `/plan cancel TOKEN`); on the
 * console, `yes`/`确认` or `no`/`取消` do the same.
 */
export function proposeWrite(intent: Intent, args: unknown, ctx: IntentContext): Reply {
  const { lang } = ctx;
  const preview: ReplyBlock[] = intent.preview ? intent.preview(args as never, ctx) : [{ type: 'paragraph', text: intent.summary[lang] }];
  const p = ctx.proposals.add({ intentId: intent.id, args, user: ctx.user.id, platform: ctx.platform, channel: ctx.channel, lang, at: ctx.clock.now().toISOString() }, ctx.clock.now());
  const minutes = PROPOSAL_TTL_MS / 60000;
  return reply(
    lang,
    [
      { type: 'heading', text: t(lang, 'Nothing is recorded yet. Record this?', '尚未记录。是否记录以下内容？') },
      ...preview,
      {
        type: 'context',
        text: t(
          lang,
          `Record it with the button or by typing yes (/plan confirm ${p.token}); cancel with no (/plan cancel ${p.token}). Only you can confirm it, within ${minutes} minutes. To record at once next time: /plan update …`,
          `请点击按钮或输入“确认”（/plan confirm ${p.token}）记录；输入“取消”（/plan cancel ${p.token}）放弃。仅限您本人在${minutes}分钟内确认。下次如需直接记录：/plan 更新 …`,
        ),
      },
      {
        type: 'actions',
        buttons: [
          { label: t(lang, 'Record', '记录'), command: `/plan confirm ${p.token}` },
          { label: t(lang, 'Cancel', '取消'), command: `/plan cancel ${p.token}` },
        ],
      },
    ],
    { ephemeral: true, matches: itemOf(args) ? [{ id: itemOf(args)!, score: 1 }] : [] },
  );
}

function itemOf(args: unknown): string | null {
  const id = (args as { itemId?: unknown } | null)?.itemId;
  return typeof id === 'string' ? id : null;
}
