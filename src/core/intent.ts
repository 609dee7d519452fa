import type { z } from 'zod';
import type { Plan } from '../plan/schema.js';
import type { PlanSearch } from './plan-search.js';
import type { EventStore } from '../store/event-store.js';
import type { Clock } from './clock.js';
import type { UserId } from './user-ids.js';
import type { ProposalBook } from './proposals.js';
import type { Lang, Reply, ReplyBlock } from './reply.js';
import type { ReportingSchedule } from './working-calendar.js';

/** Who is talking to the bot, as the core sees them (adapters map platform ids to this). */
export interface User {
  /** Qualified by platform ("slack:U123", "web:alice", "console:bob"); made by the adapter (`user-ids.ts`). */
  id: UserId;
  name: string;
  isAdmin: boolean;
}

/** Everything a handler may use. Nothing here names a platform. */
export interface IntentContext {
  plan: Plan;
  search: PlanSearch;
  store: EventStore;
  clock: Clock;
  lang: Lang;
  user: User;
  platform: string;
  channel: string | null;
  timeZone: string;
  admins: readonly string[];
  /** Every declared intent, for help generated from them. */
  intents: readonly Intent[];
  /** Issues web chat sign-in links, when the server can sign them (`/plan invite`). */
  webInvites?: WebInviteIssuer;
  /** Writes proposed from free text, waiting for their author's confirmation. */
  proposals: ProposalBook;
  /** When reports are due (PLANBOT_REPORT_DUE on China's working calendar); absent: Fridays 12:00, statutory calendar. */
  reporting?: ReportingSchedule;
}

/** Issues one-time sign-in links to the web chat; a bad name is a UserError. */
export interface WebInviteIssuer {
  /** `addressNote` says, when it applies, that the link's address was guessed (no `PLANBOT_WEB_URL`) and how to set it. */
  issue(name: string): { url: string; userId: string; expiresAt: Date; addressNote?: { en: string; zh: string } };
}

/** What a recogniser sees: the message with any bot mention and language request removed. */
export interface Utterance {
  text: string;
  lang: Lang;
}

/**
 * A declared intent: what it is for, how people say it in both languages, the shape of its arguments
 * and the handler. Help text is generated from these declarations.
 */
export interface Intent<A extends z.ZodType = z.ZodType> {
  id: string;
  summary: { en: string; zh: string };
  /** How to type it as a command, e.g. "/plan status ID". */
  usage: string;
  examples: { en: string[]; zh: string[] };
  /** Sub-commands of `/plan` that invoke it (English and Chinese words). */
  commands: string[];
  args: A;
  /** True when the intent changes stored state (updates, assignments, subscriptions). */
  sideEffects: boolean;
  /**
   * Whether free text for this side-effect intent is carried out only once its author confirms a
   * preview (as hubot's CommandBus `confirm`): 'never' (the default: the words are already an order,
   * such as `undo`), 'if-ambiguous' (unless {@link Intent.unambiguous} says the text is an unmistakable
   * order), 'always' (a `/plan` command too: a sign-off is always confirmed). Otherwise a `/plan`
   * command is never held back.
   */
  confirm?: 'never' | 'if-ambiguous' | 'always';
  /** For `confirm: 'if-ambiguous'`: whether this free text, read as `args`, is an unmistakable order (a report verb first, no question). */
  unambiguous?(u: Utterance, args: z.infer<A>): boolean;
  /** What would be recorded, shown in a proposal; may refuse (a permission) before anything is proposed. */
  preview?(args: z.infer<A>, ctx: IntentContext): ReplyBlock[];
  /**
   * The longest text this intent reads, in characters (default {@link SHORT_TEXT_CHARS}): longer free text
   * is not offered to its recogniser, and a longer command is refused. Only intents that take prose (a
   * question, a note) raise it, so that every other recogniser's patterns only ever see short text.
   */
  maxChars?: number;
  /** Recognises a natural-language message, returning raw arguments, or null when it is not this intent. */
  recognize?(u: Utterance, ctx: IntentContext): unknown;
  /**
   * What every message {@link recognize} accepts (or refuses with an error) contains: the router offers
   * it only messages with one of these cues. Absent: every message is offered. Each intent's cues are
   * proven necessary by tests/core/recogniser-cues.test.ts.
   */
  cues?: RecogniserCues;
  /** Turns the words after `/plan <command>` into raw arguments. */
  parseCommand?(rest: string, u: Utterance, ctx: IntentContext): unknown;
  handle(args: z.infer<A>, ctx: IntentContext): Reply | Promise<Reply>;
}

/**
 * A recogniser's necessary condition, declared beside it: a message it can accept contains one of
 * `words` (found in the text folded to Simplified and in lower case, or in its NFKC form; a word that
 * opens with a letter or digit only where a word starts, so `stale` is found in "stale tasks" but not
 * in "restaled"), or, with `item`, may name an item (`mayNameAnItem`). Never sufficient: the
 * recogniser still decides.
 */
export interface RecogniserCues {
  words: readonly string[];
  item?: boolean;
}

/** The longest text an intent reads unless it declares `maxChars`: commands are short, only prose is long. */
export const SHORT_TEXT_CHARS = 500;

/** Declares an intent, keeping its argument type tied to its handler. */
export function defineIntent<A extends z.ZodType>(intent: Intent<A>): Intent<A> {
  return intent;
}

/** Who, when and from where, for any event a handler records: the fields every event of the log carries. */
export function eventOrigin(ctx: IntentContext): { at: string; user: string; platform: string; planId: string } {
  return { at: ctx.clock.now().toISOString(), user: ctx.user.id, platform: ctx.platform, planId: ctx.plan.id };
}
