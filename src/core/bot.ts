import type { ReportingSchedule } from './working-calendar.js';
import { UserError } from '../errors.js';
import type { Plan } from '../plan/schema.js';
import type { EventStore } from '../store/event-store.js';
import type { Clock } from './clock.js';
import type { Intent, IntentContext, User, WebInviteIssuer } from './intent.js';
import { resolveLang } from './language.js';
import type { Logger } from './logger.js';
import type { PlanSearch } from './plan-search.js';
import { ProposalBook } from './proposals.js';
import { needsConfirmation, proposeWrite } from './propose.js';
import { reply, type Lang, type Reply } from './reply.js';
import { oncePerRequest } from './once-per-request.js';
import { route } from './router.js';
import { AnalysedUtterance } from './analysed-utterance.js';
import { listedAdminTest } from './admins.js';
import { cleanFreeText } from './free-text.js';
import type { UserId } from './user-ids.js';
import { ConversationMemory, conversationKey, withTopic } from './conversation.js';

/**
 * The most characters of one message the bot reads. A longer message is cut: a question is answered
 * from its start (and the answer says so), a command that writes is refused, never applied to a cut text.
 */
export const MAX_MESSAGE_CHARS = 4000;

/** A message as an adapter hands it to the core. */
export interface Incoming {
  text: string;
  /** Made by the adapter with `slackUser`, `webUser` or `consoleUser`. */
  user: { id: UserId; name?: string };
  platform: string;
  channel?: string | null;
  /** True for `/plan …` commands (the slash command's text, or a typed `/plan …`). */
  command?: boolean;
  /** Identifies the request this message came in; the same key twice records nothing the second time. */
  requestKey?: string;
  /** The language the reply must be in, when the door knows it: a button pressed on a card in that language. */
  lang?: Lang;
  /** The reader's language (a page's interface language), for a message with no words of its own (`T9`, `420/800`). */
  defaultLang?: Lang;
}

/** What the bot core needs; built once by the composition root. */
export interface BotDeps {
  plan: Plan;
  search: PlanSearch;
  store: EventStore;
  clock: Clock;
  timeZone: string;
  /** `PLANBOT_ADMINS` as written: qualified ids, bare Slack member ids, bare names (see `admins.ts`). */
  admins: readonly string[];
  /** Platforms whose users are all admins: the local embedded mode (console, local web chat) when no admins are configured. */
  localAdminPlatforms?: readonly string[];
  logger: Logger;
  intents: readonly Intent[];
  /** Issues web chat sign-in links (`/plan invite`); absent where the web chat's secret is not at hand. */
  webInvites?: WebInviteIssuer;
  /** Writes proposed from free text awaiting confirmation; one in memory per bot when not given. */
  proposals?: ProposalBook;
  /** When reports are due; absent: Fridays 12:00 on the statutory calendar. */
  reporting?: ReportingSchedule;
  /** What each conversation last answered about, for follow-ups; one in memory per bot when not given. */
  conversations?: ConversationMemory;
  /** Each user's last language, for messages that show none (`T11 70%`); one in memory per bot when not given. */
  languages?: Map<string, Lang>;
}

/** `/plan` typed at the start of a message, as a Chinese input method may type it (`／plan`, `、plan`, `／ｐｌａｎ`). */
const TYPED_PLAN = /^\s*[/／、]?(?:plan|ｐｌａｎ)(?:\s+|$)/i;

/** How many users' last languages a bot keeps (the oldest is forgotten first). */
const REMEMBERED_LANGUAGES = 10_000;

/** The platform-neutral bot: a message in, a reply out. */
export interface Bot {
  handle(msg: Incoming): Promise<Reply & { intent: string }>;
}

/**
 * Creates the bot core. Every error ends here: a UserError becomes a polite reply in the user's
 * language; anything else is logged with the message and user, and the user gets a short apology.
 */
export function createBot(deps: BotDeps): Bot {
  const proposals = deps.proposals ?? new ProposalBook();
  const conversations = deps.conversations ?? new ConversationMemory();
  const languages = deps.languages ?? new Map<string, Lang>();
  // Read once for every message: what depends only on the deps.
  const isAdmin = listedAdminTest(deps.admins);
  const localAdminPlatforms = deps.localAdminPlatforms ?? [];
  return {
    async handle(msg) {
      const length = String(msg.text ?? '').length;
      const cleaned = clean(msg.text);
      const resolved = resolveLang(cleaned, { lang: msg.lang, defaultLang: msg.defaultLang });
      let { text } = resolved;
      const lang = rememberLang(languages, msg.user.id, resolved);
      let command = msg.command ?? false;
      // A Chinese input method types the slash as `／` or `、` and may widen the word (`／ｐｌａｎ`).
      const typed = command ? null : TYPED_PLAN.exec(text);
      if (typed && /^[/／、]/.test(text.trimStart())) {
        command = true;
        text = text.slice(typed[0].length);
      }
      const user: User = { id: msg.user.id, name: msg.user.name ?? msg.user.id, isAdmin: isAdmin(msg.user.id) || localAdminPlatforms.includes(msg.platform) };
      const ctx: IntentContext = {
        plan: deps.plan,
        search: deps.search,
        store: msg.requestKey ? oncePerRequest(deps.store, msg.requestKey) : deps.store,
        clock: deps.clock,
        lang,
        user,
        platform: msg.platform,
        channel: msg.channel ?? null,
        timeZone: deps.timeZone,
        admins: deps.admins,
        intents: deps.intents,
        proposals,
      };
      // Set only when given (an absent key, not an undefined one); assigned rather than spread, which copies through a slow path.
      if (deps.webInvites) ctx.webInvites = deps.webInvites;
      if (deps.reporting) ctx.reporting = deps.reporting;
      let intentId = 'error';
      try {
        const key = conversationKey(msg.user.id, msg.channel ?? null);
        const now = deps.clock.now();
        // A follow-up with no item of its own ("and the deadline?") is about what this conversation last answered.
        // Read once for the follow-up and the router: the item the message names, its folded words.
        const said = new AnalysedUtterance(text.trim(), lang);
        const followUp = command ? null : withTopic(said, conversations.recall(key, now), deps.plan, deps.search);
        let routed = route(followUp === null ? said : { text: followUp, lang }, command, ctx, deps.intents);
        // A follow-up is only ever read as a question: what writes must name its item.
        if (followUp && routed.intent.sideEffects) routed = route(said, command, ctx, deps.intents);
        const { intent, args, byCommand } = routed;
        intentId = intent.id;
        // What was cut could be the end of a note: a write never acts on part of a message.
        if (length > MAX_MESSAGE_CHARS && intent.sideEffects) throw messageTooLong(length);
        // Only a command word writes at once (`/plan update …`); `/plan T11 at risk` is free text after /plan.
        if (intent.sideEffects && needsConfirmation(intent, { text: text.trim(), lang }, byCommand, args)) return { ...proposeWrite(intent, args, ctx), intent: intent.id };
        const answer = intent.handle(args as never, ctx);
        // Most handlers answer at once: awaiting a plain reply would still hold the request for a turn of the microtask queue.
        const r = answer instanceof Promise ? await answer : answer;
        if (!intent.sideEffects && !r.error) conversations.remember(key, r.matches.length === 1 || intent.id === 'ask' || intent.id === 'show-item' ? r.matches.slice(0, 1).map((m) => m.id) : r.matches.map((m) => m.id), now);
        return { ...r, intent: intent.id };
      } catch (err) {
        // A cut message's error may come from the cut (a note without its end): say what to fix.
        if (err instanceof UserError) return { ...userErrorReply(length > MAX_MESSAGE_CHARS ? messageTooLong(length) : err, lang), intent: intentId };
        deps.logger.error({ err, input: msg.text.slice(0, 500), user: msg.user.id, platform: msg.platform, intent: intentId }, 'failed to handle a message');
        return {
          ...reply(lang, [{ type: 'paragraph', text: lang === 'zh' ? '抱歉，我这边出了问题，已记录下来。请稍后再试。' : 'Sorry, something went wrong on my side; it has been logged. Please try again in a moment.' }], { ephemeral: true, error: { id: 'internal' } }),
          intent: intentId,
        };
      }
    },
  };
}

/**
 * The language to answer in: a message that shows one sets it for its writer; one that shows none
 * (`T11 70%`, `/plan history T9`) is answered in the writer's last language, so a Chinese reporter is
 * not answered in English because a report had no Chinese word in it.
 */
function rememberLang(languages: Map<string, Lang>, user: string, resolved: { lang: Lang; neutral: boolean }): Lang {
  if (resolved.neutral) return languages.get(user) ?? resolved.lang;
  languages.delete(user);
  languages.set(user, resolved.lang);
  if (languages.size > REMEMBERED_LANGUAGES) languages.delete(languages.keys().next().value!);
  return resolved.lang;
}

/** A user error as a reply in the user's language. */
export function userErrorReply(err: UserError, lang: Lang): Reply {
  return reply(lang, [{ type: 'paragraph', text: err.text[lang] }], { ephemeral: true, error: { id: err.id } });
}

/** The refusal of a message longer than {@link MAX_MESSAGE_CHARS} that would have written something. */
function messageTooLong(length: number): UserError {
  return new UserError(
    'message.too-long',
    {
      en: `Nothing was recorded: this message is ${length.toLocaleString('en')} characters long and I read at most ${MAX_MESSAGE_CHARS.toLocaleString('en')}. Shorten it (a long note can be split over two updates) and send it again.`,
      zh: `未记录：这条消息有${length}个字符，我最多读取${MAX_MESSAGE_CHARS}个字符。请缩短（较长的备注可分两次更新）后重新发送。`,
    },
    { length, limit: MAX_MESSAGE_CHARS },
  );
}

/** Any character {@link clean} drops or rewrites: controls, bidi marks, user-reference markers, `<` of Slack's markup. */
const NEEDS_CLEANING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\uE000\uE001<]/;

/**
 * Drops control characters (C0, C1, bidi controls, the markers of user references) and cuts very
 * long messages, so no input can hurt the core or be shown back disguised. Slack's `<@U0123>` and
 * `<@U0123|name>` markup, should it arrive raw, becomes the explicit `slack:U0123`.
 */
function clean(text: string): string {
  const cut = String(text ?? '').slice(0, MAX_MESSAGE_CHARS);
  // Most messages have nothing to drop or rewrite: then only the spaces around them go.
  if (!NEEDS_CLEANING.test(cut)) return cut.trim();
  return cleanFreeText(cut.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/g, ' '))
    .replace(/<@([UWB][A-Z0-9]+)(?:\|[^<>]*)?>/g, ' slack:$1 ')
    .trim();
}
