import { z } from 'zod';
import { t } from '../src/core/i18n.js';
import { analysed, type AnalysedUtterance } from '../src/core/analysed-utterance.js';
import { defineIntent, type IntentContext } from '../src/core/intent.js';
import { PROPOSAL_TTL_MS, type Proposal } from '../src/core/proposals.js';
import { reply } from '../src/core/reply.js';
import { userRef } from '../src/core/user-refs.js';
import { UserError } from '../src/errors.js';

/** Every way people say yes to "Record this?" (only read while a proposal of theirs is pending here). */
const YES = /^(?:yes|y|yep|yeah|ok|okay|sure|confirm|record|确认|确定|是|是的|对|对的|记录|好|好的|行|可以|嗯|嗯嗯|没问题|确认记录|记录吧)[\s.!。！~～]*$/i;
/** Every way people say no to it. */
const NO = /^(?:no|n|nope|cancel|取消|否|不|不用|不要|不对|错了|算了|不记录|别记录)[\s.!。！~～]*$/i;
const TOKEN = z.string().regex(/^[0-9a-f]{8}$/).nullable();

/** Words that can only mean confirming or cancelling: with nothing pending they still get "nothing waits for you here". */
const EXPLICIT = /^(?:confirm|cancel|确认|确定|取消|确认记录)[\s.!。！~～]*$/i;

/**
 * "yes"/"确认" (or "no"/"取消") answers a pending proposal of this user in this channel; with none
 * pending (expired, settled, or lost in a restart) only the explicit words are read, to say so.
 */
function answer(u: AnalysedUtterance, ctx: IntentContext, words: RegExp): { token: null } | null {
  const folded = u.plain.trim();
  if (!words.test(folded)) return null;
  return ctx.proposals.hasPending(ctx.user.id, ctx.channel) || EXPLICIT.test(folded) ? { token: null } : null;
}

/** The proposal a confirmation or cancellation names, or a user error saying why it cannot be settled and that nothing was recorded. */
function settle(token: string | null, ctx: IntentContext): Proposal {
  const found = ctx.proposals.find(token, ctx.user.id, ctx.channel, ctx.clock.now());
  if (found.ok) return found.proposal;
  const minutes = PROPOSAL_TTL_MS / 60000;
  switch (found.reason) {
    case 'other-user': {
      // A reference, not a spelling: Slack shows it as the author's name, other doors as a plain name.
      const who = userRef(found.proposal!.user);
      throw new UserError('proposal.other-user', {
        en: `Only ${who}, who sent this report, can confirm or cancel it. Nothing was recorded; to report it yourself, start with “update”: /plan update …`,
        zh: `只有发送该报告的 ${who} 本人可以确认或取消。未记录任何内容；如需自己报告，请以“更新”开头：/plan 更新 …`,
      });
    }
    case 'settled': {
      const item = (found.proposal.args as { itemId?: unknown } | null)?.itemId;
      const history = typeof item === 'string' ? `/plan history ${item}` : '/plan history ID';
      throw found.outcome === 'recorded'
        ? new UserError('proposal.already-recorded', {
            en: `This report was already recorded; it is not recorded twice. Every update: ${history}`,
            zh: `该报告已经记录，不会重复记录。查看全部更新：${history}`,
          })
        : new UserError('proposal.already-cancelled', {
            en: 'This report was already cancelled: nothing was recorded. To report it, start with “update”: /plan update …',
            zh: '该报告已取消，未记录任何内容。如需报告，请以“更新”开头：/plan 更新 …',
          });
    }
    case 'other-channel':
      throw new UserError('proposal.other-channel', {
        en: 'This report was proposed in another conversation; confirm it there. Nothing was recorded.',
        zh: '该报告是在另一个会话中提出的，请在那里确认。未记录任何内容。',
      });
    case 'expired':
      throw new UserError('proposal.expired', {
        en: `This report waited more than ${minutes} minutes and has lapsed. Nothing was recorded; send it again (start with “update” to record at once).`,
        zh: `该报告等待确认已超过${minutes}分钟，已失效。未记录任何内容；请重新发送（以“更新”开头可直接记录）。`,
      });
    default:
      throw new UserError('proposal.none', {
        en: `There is no report waiting for your confirmation here (they last ${minutes} minutes and are forgotten when the bot restarts). Nothing was recorded; send it again.`,
        zh: `这里没有等待您确认的报告（有效期${minutes}分钟，机器人重启后也会失效）。未记录任何内容；请重新发送。`,
      });
  }
}

/** Records a proposed report once its author confirms it (the Record button, `yes`, `确认`), in the language it was proposed in. */
export const confirmProposalIntent = defineIntent({
  id: 'confirm-proposal',
  summary: { en: 'Record a proposed report (yes)', zh: '确认记录待确认的报告（确认）' },
  usage: '/plan confirm [TOKEN]',
  examples: { en: ['/plan confirm'], zh: ['/plan 确认'] },
  commands: ['confirm', 'record', 'yes', '确认', '确定'],
  args: z.object({ token: TOKEN }),
  sideEffects: true,
  cues: { words: ['y', 'ok', 'sure', 'confirm', 'record', '确认', '确定', '是', '对', '记录', '好', '行', '可以', '嗯', '没问题'] },
  recognize: (u, ctx) => answer(analysed(u), ctx, YES),
  parseCommand: (rest) => ({ token: rest.trim().toLowerCase() || null }),
  handle: async ({ token }, ctx) => {
    const proposal = settle(token, ctx);
    ctx.proposals.remove(proposal);
    const intent = ctx.intents.find((i) => i.id === proposal.intentId);
    if (!intent) throw new Error(`proposal for an unknown intent ${proposal.intentId}`);
    const answer = await intent.handle(intent.args.parse(proposal.args), { ...ctx, lang: proposal.lang });
    ctx.proposals.settled(proposal, 'recorded', ctx.clock.now());
    return answer;
  },
});

/** Drops a proposed report without recording anything (the Cancel button, `no`, `取消`). */
export const cancelProposalIntent = defineIntent({
  id: 'cancel-proposal',
  summary: { en: 'Drop a proposed report (no)', zh: '放弃待确认的报告（取消）' },
  usage: '/plan cancel [TOKEN]',
  examples: { en: ['/plan cancel'], zh: ['/plan 取消'] },
  commands: ['cancel', 'no', '取消'],
  args: z.object({ token: TOKEN }),
  sideEffects: false,
  cues: { words: ['n', 'cancel', '取消', '否', '不', '错了', '算了', '别记录'] },
  recognize: (u, ctx) => answer(analysed(u), ctx, NO),
  parseCommand: (rest) => ({ token: rest.trim().toLowerCase() || null }),
  handle: ({ token }, ctx) => {
    const proposal = settle(token, ctx);
    ctx.proposals.remove(proposal);
    ctx.proposals.settled(proposal, 'cancelled', ctx.clock.now());
    const lang = proposal.lang;
    return reply(lang, [{ type: 'paragraph', text: t(lang, 'Cancelled: nothing was recorded.', '已取消：未记录任何内容。') }], { ephemeral: true });
  },
});
