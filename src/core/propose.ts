import { t } from './i18n.js';
import type { Intent, IntentContext, Utterance } from './intent.js';
import { PROPOSAL_TTL_MS, type Proposal } from './proposals.js';
import { reply, type Lang, type Reply, type ReplyBlock } from './reply.js';

/**
 * Whether a free-text message routed to `intent` must wait for confirmation, read from the intent's
 * declaration (side effects and `confirm`), never guessed from its words here. Commands wait only
 * for an intent that always asks (`confirm: 'always'`, a sign-off).
 */
export function needsConfirmation(intent: Intent, u: Utterance, command: boolean, args?: unknown): boolean {
  if (!intent.sideEffects) return false;
  const mode = intent.confirm ?? 'never';
  // 'always' holds back commands too (a sign-off): the order itself asks to be confirmed.
  if (mode === 'always') return true;
  if (command) return false;
  if (mode === 'never') return false;
  return !(intent.unambiguous?.(u, args) ?? false);
}

/**
 * Keeps a write as a proposal of this user in this channel and answers with a preview of exactly what
 * would be recorded, and Record / Cancel buttons (`/plan confirm TOKEN`, `/plan cancel TOKEN`). The text
 * names only what works on every door (`yes`/`确认`, `no`/`取消`): the console has no buttons.
 */
export function proposeWrite(intent: Intent, args: unknown, ctx: IntentContext): Reply {
  const { lang } = ctx;
  const preview: ReplyBlock[] = intent.preview ? intent.preview(args as never, ctx) : [{ type: 'paragraph', text: intent.summary[lang] }];
  const earlier = ctx.proposals.waiting(ctx.user.id, ctx.channel, ctx.clock.now());
  const p = ctx.proposals.add({ intentId: intent.id, args, user: ctx.user.id, platform: ctx.platform, channel: ctx.channel, lang, at: ctx.clock.now().toISOString() }, ctx.clock.now());
  const minutes = PROPOSAL_TTL_MS / 60000;
  // Only a report can be recorded at once by starting with "update"; an intent that always asks cannot.
  const hint = intent.confirm === 'always' ? { en: '', zh: '' } : { en: ' To record at once next time: /plan update …', zh: '下次如需直接记录：/plan 更新 …' };
  return reply(
    lang,
    [
      { type: 'heading', text: t(lang, 'Nothing is recorded yet. Record this?', '尚未记录。是否记录以下内容？') },
      ...preview,
      ...(earlier ? [replacedNote(earlier, lang)] : []),
      {
        type: 'context',
        text: t(
          lang,
          `Type yes to record it (/plan confirm ${p.token}), or no to cancel (/plan cancel ${p.token}). Only you can confirm it, within ${minutes} minutes.${hint.en}`,
          `输入“确认”（/plan confirm ${p.token}）记录；输入“取消”（/plan cancel ${p.token}）放弃。仅限您本人在${minutes}分钟内确认。${hint.zh}`,
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

/** One pending proposal per person and conversation: say that the earlier one is dropped, so nobody thinks both will be recorded. */
function replacedNote(earlier: Proposal, lang: Lang): ReplyBlock {
  const what = itemOf(earlier.args);
  return {
    type: 'context',
    text: what
      ? t(lang, `This replaces your earlier report on ${what}, which was not recorded; send it again to record it too.`, `此报告取代了您之前关于 ${what} 的待确认报告，该报告未记录；如需记录，请重新发送。`)
      : t(lang, 'This replaces your earlier report waiting for confirmation, which was not recorded; send it again to record it too.', '此报告取代了您之前待确认的报告，该报告未记录；如需记录，请重新发送。'),
  };
}

function itemOf(args: unknown): string | null {
  const id = (args as { itemId?: unknown } | null)?.itemId;
  return typeof id === 'string' ? id : null;
}
